// menu_routes.cpp: POST /api/menu/click, /api/combo/select, /api/keys, /api/popups/close:
// menus, combos, keys and popups. The work is in menu_action.cpp, combo_action.cpp and
// keys_action.cpp.
#include <cmath>

#include "hooks/detail/engine.h"
#include "hooks/http/route_args.h"
#include "hooks/routes/item_actions.h"

namespace hooks {

void detail::add_menu_routes(detail::Engine& engine) {
    Router& r = engine.router();

    r.add("POST", "/api/menu/click", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"path", "window", "check", "timeout_ms"});
        const std::string path = string_arg(body, "path", /*required=*/true);
        const std::string window = string_arg(body, "window");
        const std::optional<bool> check = bool_arg(body, "check");
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        return value_reply(menu_click(engine, path, window, check, timeout));
    });

    r.add("POST", "/api/menu/check_all", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"path", "window", "check", "timeout_ms"});
        const std::string path = string_arg(body, "path", /*required=*/true);
        const std::string window = string_arg(body, "window");
        const bool check = bool_arg(body, "check").value_or(true);
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        return value_reply(check_all(engine, path, window, check, timeout));
    });

    r.add("POST", "/api/combo/select", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"target", "item", "timeout_ms"});
        auto target = body.find("target");
        if (target == body.end())
            throw ApiError(ErrorCode::invalid_selector,
                           "missing 'target' (the combo, e.g. {\"ref\": \"Window/combo\"})");
        const Locator locator = parse_locator(*target);
        const std::string item = string_arg(body, "item", /*required=*/true);
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        return value_reply(combo_select(engine, locator, item, timeout));
    });

    r.add("POST", "/api/keys", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"keys", "text", "target", "timeout_ms"});
        std::vector<KeyChord> chords;
        if (auto it = body.find("keys"); it != body.end()) {
            if (!it->is_array() || it->size() > 256)
                throw ApiError(ErrorCode::invalid_argument,
                               "'keys' must be an array of at most 256 chords, e.g. [\"Ctrl+A\"]");
            for (const nlohmann::json& k : *it) {
                if (!k.is_string())
                    throw ApiError(ErrorCode::invalid_argument, "each key chord is a string");
                chords.push_back(parse_key_chord(k.get<std::string>()));
            }
        }
        const std::string text = string_arg(body, "text");
        if (chords.empty() && text.empty())
            throw ApiError(ErrorCode::invalid_argument, "nothing to press: give 'keys' or 'text'");
        std::optional<Locator> target;
        if (auto it = body.find("target"); it != body.end()) target = parse_locator(*it);
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(2000));
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        return value_reply(press_keys(engine, chords, text, target, timeout));
    });

    for (const char* action : {"focus", "collapse", "expand", "close", "move", "resize"}) {
        r.add("POST", std::string("/api/windows/") + action, Access::token,
              [&engine, action = std::string(action)](const HttpRequest& request) {
                  const nlohmann::json body = json_body(request);
                  const bool sized = action == "move" || action == "resize";
                  if (sized)
                      only_fields(body, {"window", "x", "y"});
                  else
                      only_fields(body, {"window"});
                  const std::string window = string_arg(body, "window", /*required=*/true);
                  if (sized)
                      for (const char* axis : {"x", "y"})
                          if (!body.contains(axis) || !body[axis].is_number() ||
                              std::abs(body[axis].get<double>()) > 10000)
                              throw ApiError(ErrorCode::invalid_argument,
                                             std::string("'") + axis +
                                                 "' (pixels, within +-10000) is required to " +
                                                 action);
                  engine.require_running();
                  OperationLimit::Slot slot(engine.waiting_limit());
                  return value_reply(window_action(engine, action, window, body));
              });
    }

    r.add("POST", "/api/popups/close", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {});
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());
        const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
        const std::vector<std::string> closed =
            close_popups(engine, SteadyClock::now() + kActionBudget);
        return value_reply({{"closed", closed}, {"open_popups", engine.ui()->open_popups}});
    });
}

}  // namespace hooks
