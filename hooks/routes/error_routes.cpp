// error_routes.cpp: the guard's records over HTTP, and POST /api/reset.
//   GET  /api/errors?since=SEQ   records with seq > SEQ (the guard keeps the last 256)
//   POST /api/errors/clear       health goes back to pass; totals are kept
//   POST /api/reset              popups closed, errors cleared, panels re-enabled, app reset hook
#include <charconv>

#include <imgui.h>
#include <imgui_internal.h>

#include "hooks/detail/engine.h"
#include "imgui_guard/guard.h"

namespace hooks {

namespace {

std::uint64_t since_param(const HttpRequest& request) {
    const std::string text = request.query_param("since").value_or("0");
    std::uint64_t since = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), since);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw ApiError(ErrorCode::invalid_argument,
                       "'since' must be a record seq (a non-negative integer), got '" + text + "'");
    return since;
}

}  // namespace

void detail::add_error_routes(detail::Engine& engine) {
    Router& r = engine.router();
    r.add("GET", "/api/errors", Access::token, [](const HttpRequest& request) {
        const std::uint64_t since = since_param(request);
        nlohmann::json records = nlohmann::json::array();
        for (const imgui_guard::Record& record : imgui_guard::records_since(since))
            records.push_back(record);
        const imgui_guard::GuardSnapshot snap = imgui_guard::snapshot();
        return value_reply({{"records", records},
                            {"last_seq", snap.last_seq},
                            {"errors_since_clear", snap.errors_since_clear}});
    });
    // Works with a dead frame loop too: the guard's records are not GUI state.
    r.add("POST", "/api/errors/clear", Access::token, [](const HttpRequest&) {
        imgui_guard::clear_errors();
        return value_reply({{"cleared", true}, {"last_seq", imgui_guard::snapshot().last_seq}});
    });
    r.add("POST", "/api/reset", Access::token, [&engine](const HttpRequest&) {
        nlohmann::json done = engine.run_on_gui(
            [&engine](std::uint64_t frame) {
                ImGuiContext& g = *ImGui::GetCurrentContext();
                const int popups = g.OpenPopupStack.Size;
                if (popups > 0) ImGui::ClosePopupToLevel(0, true);
                engine.input().release_all();
                imgui_guard::clear_errors();
                imgui_guard::reenable_all_panels();
                if (engine.reset_hook()) engine.reset_hook()();
                return nlohmann::json{{"reset", true}, {"popups_closed", popups}, {"frame", frame}};
            },
            std::chrono::seconds(5), GuiStage::in_frame);
        // Reply once a frame without the popups has been drawn.
        engine.wait_for_frame(done["frame"].get<std::uint64_t>() + 1,
                              SteadyClock::now() + std::chrono::seconds(5));
        return value_reply(done);
    });
}

}  // namespace hooks
