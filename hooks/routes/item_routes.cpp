// item_routes.cpp: GET /api/windows, GET /api/items,
// POST /api/items/find|scroll_into_view|click|drag|hover|open,
// GET/POST /api/items/value. The work itself is in click_action.cpp and value_action.cpp.
#include <imgui.h>
#include <imgui_internal.h>

#include <map>

#include "hooks/detail/engine.h"
#include "hooks/http/route_args.h"
#include "hooks/routes/item_actions.h"
#include "hooks/ui/draw_readback.h"

namespace hooks {

namespace {

Locator target_arg(const nlohmann::json& body) {
    auto it = body.find("target");
    if (it == body.end())
        throw ApiError(ErrorCode::invalid_selector,
                       "missing 'target' (e.g. {\"id\": \"btn_save\"})");
    return parse_locator(*it);
}

bool flag_param(const HttpRequest& request, const char* name) {
    const std::string v = request.query_param(name).value_or("0");
    if (v == "1" || v == "true") return true;
    if (v == "0" || v == "false") return false;
    throw ApiError(ErrorCode::invalid_argument,
                   std::string("'") + name + "' must be 1 or 0, got '" + v + "'");
}

// Radio buttons report no checked state to ImGui's hooks; it is read from the last frame's draw
// data (hooks/ui/draw_readback.h), one pass per window. {imgui_id: checked} for the radios among
// `items`.
std::map<std::uint32_t, bool> radio_states(detail::Engine& engine,
                                           const std::vector<const ItemRecord*>& items) {
    std::map<std::string, std::vector<std::pair<std::uint32_t, UiRect>>> by_window;
    for (const ItemRecord* item : items)
        if (item->visible && !item->checkable && !item->openable && !item->inputable && !item->menu)
            by_window[item->window].emplace_back(item->imgui_id, item->rect);
    std::map<std::uint32_t, bool> out;
    if (by_window.empty()) return out;
    const nlohmann::json found = engine.run_on_gui([by_window](std::uint64_t) {
        nlohmann::json radios = nlohmann::json::array();
        for (const auto& [window, candidates] : by_window) {
            const DrawnShapes shapes(*ImGui::GetCurrentContext(),
                                     ImGui::FindWindowByName(window.c_str()));
            for (const auto& [imgui_id, rect] : candidates)
                if (const DrawnState s = shapes.state(rect); s.kind == DrawnState::Kind::radio)
                    radios.push_back({imgui_id, s.on});
        }
        return radios;
    });
    for (const nlohmann::json& r : found) out[r[0].get<std::uint32_t>()] = r[1].get<bool>();
    return out;
}

}  // namespace

void detail::add_item_routes(detail::Engine& engine) {
    Router& r = engine.router();

    // A dead or stalled loop answers 503 here too: its last frame would be a stale picture.
    r.add("GET", "/api/windows", Access::token, [&engine](const HttpRequest&) {
        engine.require_running();
        auto snap = engine.ui();
        nlohmann::json windows = nlohmann::json::array();
        for (const WindowRecord& w : snap->windows) windows.push_back(to_json(w));
        return value_reply({{"frame", snap->frame}, {"windows", windows}});
    });

    r.add("GET", "/api/items", Access::token, [&engine](const HttpRequest& request) {
        const std::string window = request.query_param("window").value_or("");
        const bool visible_only = flag_param(request, "visible");
        engine.require_running();
        auto snap = engine.ui();
        if (!window.empty() && !snap->find_window(window))
            throw ApiError(
                ErrorCode::no_such_window,
                "no open window named '" + window + "' in frame " + std::to_string(snap->frame),
                {{"window", window}});
        std::vector<const ItemRecord*> listed;
        for (const ItemRecord& item : snap->items) {
            if (!window.empty() && item.window != window && item.root_window != window) continue;
            if (visible_only && !item.visible) continue;
            listed.push_back(&item);
        }
        const std::map<std::uint32_t, bool> radios = radio_states(engine, listed);
        nlohmann::json items = nlohmann::json::array();
        for (const ItemRecord* item : listed) {
            nlohmann::json j = to_json(*item);
            if (auto it = radios.find(item->imgui_id); it != radios.end())
                j["radio"] = true, j["checked"] = it->second;
            items.push_back(std::move(j));
        }
        return value_reply({{"frame", snap->frame}, {"count", items.size()}, {"items", items}});
    });

    r.add("POST", "/api/items/find", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"target", "timeout_ms", "visible"});
        const Locator locator = target_arg(body);
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(0));
        const Need need = body.value("visible", false) ? Need::visible : Need::exists;
        OperationLimit::Slot slot(engine.waiting_limit());
        const ItemRecord item = wait_item(engine, locator, need, SteadyClock::now() + timeout);
        nlohmann::json value = to_json(item);
        value["frame"] = engine.ui()->frame;
        return value_reply(value);
    });

    // What every action does first, alone: the item scrolled fully into view and holding still.
    r.add("POST", "/api/items/scroll_into_view", Access::token,
          [&engine](const HttpRequest& request) {
              const nlohmann::json body = json_body(request);
              only_fields(body, {"target", "timeout_ms"});
              const Locator locator = target_arg(body);
              const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
              OperationLimit::Slot slot(engine.waiting_limit());
              const ItemRecord item =
                  wait_item(engine, locator, Need::in_view, SteadyClock::now() + timeout);
              nlohmann::json value = to_json(item);
              value["frame"] = engine.ui()->frame;
              return value_reply(value);
          });

    r.add("POST", "/api/items/click", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"target", "button", "double", "timeout_ms", "hold_ms", "modifiers"});
        const Locator locator = target_arg(body);
        ClickOptions options;
        options.timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        if (body.contains("button")) {
            const nlohmann::json& b = body["button"];
            if (!b.is_number_integer() || b.get<int>() < 0 || b.get<int>() > 2)
                throw ApiError(ErrorCode::invalid_argument,
                               "'button' must be 0 (left), 1 (right) or 2 (middle)");
            options.button = b.get<int>();
        }
        if (body.contains("double")) {
            if (!body["double"].is_boolean())
                throw ApiError(ErrorCode::invalid_argument, "'double' must be true or false");
            options.double_click = body["double"].get<bool>();
        }
        options.hold = timeout_arg(body, "hold_ms", std::chrono::milliseconds(0), 10'000);
        if (auto it = body.find("modifiers"); it != body.end()) {
            if (!it->is_array())
                throw ApiError(ErrorCode::invalid_argument,
                               "'modifiers' must be an array, e.g. [\"ctrl\", \"shift\"]");
            for (const nlohmann::json& m : *it) {
                const KeyChord mod = parse_key_chord(m.is_string() ? m.get<std::string>() : "");
                if (mod.mods != ImGuiMod_None || !is_modifier_key(mod.key))
                    throw ApiError(
                        ErrorCode::invalid_argument,
                        "'modifiers' takes \"ctrl\", \"shift\", \"alt\" or \"super\", not " +
                            m.dump());
                options.mods |= modifier_of(mod.key);
            }
        }
        engine.require_running();  // a stalled or dead loop answers at once
        OperationLimit::Slot slot(engine.waiting_limit());
        const ItemRecord item =
            wait_item(engine, locator, Need::actionable, SteadyClock::now() + options.timeout);
        return value_reply(click_reply(item, click_item(engine, item, options)));
    });

    r.add("POST", "/api/items/drag", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"target", "to", "delta", "timeout_ms"});
        const Locator locator = target_arg(body);
        if (body.contains("to") == body.contains("delta"))
            throw ApiError(ErrorCode::invalid_argument,
                           "give exactly one of 'to' (a locator) and 'delta' ({\"x\", \"y\"})");
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        const auto deadline = SteadyClock::now() + timeout;
        float to_x = 0, to_y = 0;
        if (body.contains("delta")) {
            const nlohmann::json& d = body["delta"];
            constexpr double kMaxDelta = 10000;
            if (!d.is_object() || !d.contains("x") || !d.contains("y") || !d["x"].is_number() ||
                !d["y"].is_number() || std::abs(d["x"].get<double>()) > kMaxDelta ||
                std::abs(d["y"].get<double>()) > kMaxDelta)
                throw ApiError(ErrorCode::invalid_argument,
                               "'delta' must be {\"x\": number, \"y\": number}, each within "
                               "+-10000 pixels");
            const ItemRecord item = wait_item(engine, locator, Need::actionable, deadline);
            to_x = item.visible_rect.x + item.visible_rect.w * 0.5f + d["x"].get<float>();
            to_y = item.visible_rect.y + item.visible_rect.h * 0.5f + d["y"].get<float>();
            return value_reply(drag_item(engine, item, to_x, to_y));
        }
        const Locator onto = parse_locator(body["to"]);
        const ItemRecord target = wait_item(engine, onto, Need::visible, deadline);
        const ItemRecord item = wait_item(engine, locator, Need::actionable, deadline);
        to_x = target.visible_rect.x + target.visible_rect.w * 0.5f;
        to_y = target.visible_rect.y + target.visible_rect.h * 0.5f;
        nlohmann::json reply = drag_item(engine, item, to_x, to_y);
        reply["onto"] = target.path;
        return value_reply(reply);
    });

    r.add("POST", "/api/items/hover", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"target", "ms", "timeout_ms"});
        const Locator locator = target_arg(body);
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        const auto rest = timeout_arg(body, "ms", std::chrono::milliseconds(0), 10'000);
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        const ItemRecord item =
            wait_item(engine, locator, Need::in_view, SteadyClock::now() + timeout);
        return value_reply(hover_item(engine, item, rest));
    });

    r.add("POST", "/api/items/open", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"target", "open", "timeout_ms"});
        const Locator locator = target_arg(body);
        const bool open = bool_arg(body, "open").value_or(true);
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        return value_reply(open_item(engine, locator, open, timeout));
    });

    r.add("POST", "/api/items/open_all", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"window", "target", "open", "depth", "timeout_ms"});
        const std::string window = string_arg(body, "window", /*required=*/true);
        std::string under;
        if (body.contains("target")) {
            const Locator target = parse_locator(body["target"]);
            if (target.kind != Locator::Kind::ref)
                throw ApiError(
                    ErrorCode::invalid_selector,
                    "open_all's 'target' is a {\"ref\"}: its items are the refs below it");
            under = target.text;
        }
        const bool open = bool_arg(body, "open").value_or(true);
        int depth = 0;
        if (auto it = body.find("depth"); it != body.end()) {
            if (!it->is_number_integer() || it->get<int>() < 1 || it->get<int>() > 64)
                throw ApiError(ErrorCode::invalid_argument, "'depth' must be an integer 1..64");
            depth = it->get<int>();
        }
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::seconds(60));
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        return value_reply(open_all(engine, window, under, open, depth, timeout));
    });

    r.add("GET", "/api/items/value", Access::token, [&engine](const HttpRequest& request) {
        const Locator locator = locator_from_query(request);
        engine.require_running();
        return value_reply(get_item_value(engine, locator, /*through_input=*/true));
    });

    r.add("POST", "/api/items/value", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"target", "value", "timeout_ms", "via"});
        const Locator locator = target_arg(body);
        if (!body.contains("value")) throw ApiError(ErrorCode::invalid_argument, "missing 'value'");
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        ValueVia via = ValueVia::automatic;
        if (body.contains("via")) {
            const nlohmann::json& v = body["via"];
            if (v == "auto")
                via = ValueVia::automatic;
            else if (v == "binding")
                via = ValueVia::binding;
            else if (v == "input")
                via = ValueVia::input;
            else
                throw ApiError(ErrorCode::invalid_argument,
                               "'via' must be \"auto\", \"binding\" or \"input\"");
        }
        return value_reply(set_item_value(engine, locator, body["value"], timeout, via));
    });
}

}  // namespace hooks
