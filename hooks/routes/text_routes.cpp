// text_routes.cpp: GET /api/text[?window=NAME][&ref=...|id|label|path|imgui_id][&rect=x,y,w,h]:
// the text the last frame drew, line by line, read back from its draw lists
// (hooks/ui/draw_readback.h). A test can assert on Text() output without any binding.
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>

#include "hooks/detail/engine.h"
#include "hooks/routes/item_actions.h"
#include "hooks/ui/draw_readback.h"

namespace hooks {

namespace {

// "x,y,w,h" in ImGui screen coordinates.
UiRect rect_param(const HttpRequest& request) {
    const auto text = request.query_param("rect");
    if (!text) return {};
    UiRect r;
    char extra = 0;
    if (std::sscanf(text->c_str(), "%f,%f,%f,%f%c", &r.x, &r.y, &r.w, &r.h, &extra) != 4 ||
        r.empty())
        throw ApiError(
            ErrorCode::invalid_argument,
            "'rect' must be x,y,w,h with a positive width and height, got '" + *text + "'",
            {{"rect", *text}});
    return r;
}

UiRect intersect(const UiRect& a, const UiRect& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    const float x0 = std::max(a.x, b.x), y0 = std::max(a.y, b.y);
    const float x1 = std::min(a.x + a.w, b.x + b.w), y1 = std::min(a.y + a.h, b.y + b.h);
    return {x0, y0, std::max(0.0f, x1 - x0), std::max(0.0f, y1 - y0)};
}

std::string hex_color(std::uint32_t abgr) {
    char buf[10];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X%02X", abgr & 0xFF, (abgr >> 8) & 0xFF,
                  (abgr >> 16) & 0xFF, abgr >> 24);
    return buf;
}

nlohmann::json lines_json(const std::vector<DrawnLine>& lines) {
    nlohmann::json out = nlohmann::json::array();
    for (const DrawnLine& line : lines) {
        nlohmann::json runs = nlohmann::json::array();
        for (const DrawnRun& run : line.runs)
            runs.push_back(
                {{"text", run.text}, {"rect", to_json(run.rect)}, {"color", hex_color(run.color)}});
        out.push_back({{"window", line.window},
                       {"text", line.text},
                       {"rect", to_json(line.rect)},
                       {"runs", std::move(runs)}});
    }
    return out;
}

}  // namespace

void detail::add_text_routes(detail::Engine& engine) {
    engine.router().add("GET", "/api/text", Access::token, [&engine](const HttpRequest& request) {
        std::string window = request.query_param("window").value_or("");
        UiRect within = rect_param(request);
        engine.require_running();
        bool by_item = false;
        for (const char* key : {"id", "label", "path", "imgui_id", "ref"})
            by_item = by_item || request.query_param(key).has_value();
        nlohmann::json item_json;
        if (by_item) {  // the text inside one item (a label, a combo's preview, a button's text)
            const ItemRecord item =
                wait_item(engine, locator_from_query(request), Need::visible, SteadyClock::now());
            within = intersect(within, item.visible_rect);
            window = item.window;
            item_json = to_json(item);
        } else if (!window.empty() && !engine.ui()->find_window(window)) {
            throw ApiError(ErrorCode::no_such_window, "no open window named '" + window + "'",
                           {{"window", window}});
        }
        nlohmann::json read = engine.run_on_gui([window, within](std::uint64_t frame) {
            ImGuiContext& ctx = *ImGui::GetCurrentContext();
            ImGuiWindow* w = nullptr;
            if (!window.empty() && !(w = ImGui::FindWindowByName(window.c_str())))
                throw ApiError(ErrorCode::no_such_window, "window '" + window + "' is gone",
                               {{"window", window}});
            return nlohmann::json{{"frame", frame - 1},
                                  {"lines", lines_json(read_drawn_text(ctx, w, within))}};
        });
        std::string all;
        for (const nlohmann::json& line : read["lines"]) {
            if (!all.empty()) all += '\n';
            all += line["text"].get<std::string>();
        }
        nlohmann::json value{
            {"frame", read["frame"]},
            {"window", window.empty() ? nlohmann::json(nullptr) : nlohmann::json(window)},
            {"text", all},
            {"lines", std::move(read["lines"])}};
        if (by_item) value["item"] = std::move(item_json);
        if (!within.empty()) value["rect"] = to_json(within);
        return value_reply(value);
    });
}

}  // namespace hooks
