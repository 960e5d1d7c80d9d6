// wait_routes.cpp: POST /api/wait {"condition": {...}, "timeout_ms": N}.
//
// Polls the condition once per rendered frame (the loop is woken while a wait is running) until
// it holds or the timeout passes (`timeout`, 500, with the last observation in data). A frame
// loop that dies or stalls meanwhile ends the wait at once with 503 `gui not running`.
#include "hooks/detail/engine.h"
#include "hooks/http/route_args.h"
#include "hooks/routes/item_actions.h"
#include "hooks/ui/wait_condition.h"

namespace hooks {

namespace {

// Whether the condition holds now; `observed` says what was seen, for the reply.
bool holds(detail::Engine& engine, const WaitCondition& c, std::uint64_t start_frame,
           nlohmann::json& observed) {
    using T = WaitCondition::Type;
    auto snap = engine.ui();
    switch (c.type) {
        case T::item_exists:
        case T::item_gone:
        case T::item_visible: {
            auto found = find_items(*c.target, *snap);
            if (found.size() > 1 && c.type != T::item_gone) resolve_one(*c.target, *snap);
            observed = {{"matches", found.size()}, {"frame", snap->frame}};
            if (found.size() == 1) observed["item"] = to_json(*found.front());
            if (c.type == T::item_gone) return found.empty();
            if (c.type == T::item_exists) return found.size() == 1;
            return found.size() == 1 && found.front()->visible;
        }
        case T::value_equals: {
            try {
                observed = get_item_value(engine, *c.target);
            } catch (const ApiError& e) {
                if (e.code() != ErrorCode::no_such_element) throw;
                observed = {{"error", "no such element"}};
                return false;
            }
            return observed["value"] == c.value;
        }
        case T::window_open:
        case T::window_closed: {
            const WindowRecord* w = snap->find_window(c.window);
            observed = {{"open", w != nullptr}, {"frame", snap->frame}};
            return (w != nullptr) == (c.type == T::window_open);
        }
        case T::frames: {
            const std::uint64_t now = engine.loop_status().frame_count();
            observed = {{"frames", now - start_frame}, {"frame", now}};
            return now - start_frame >= c.count;
        }
        case T::health: {
            const HealthReport report = engine.health().report();
            observed = {{"status", report.body["status"]},
                        {"degraded_reasons", report.body["degraded_reasons"]}};
            return report.body["status"] == c.status;
        }
        case T::state_equals: {
            nlohmann::json state =
                engine.run_on_gui([&engine](std::uint64_t) { return engine.app_state(); });
            const nlohmann::json::json_pointer ptr(c.pointer);
            observed = state.contains(ptr) ? state[ptr] : nlohmann::json(nullptr);
            return state.contains(ptr) && state[ptr] == c.value;
        }
    }
    return false;
}

}  // namespace

void detail::add_wait_routes(detail::Engine& engine) {
    engine.router().add("POST", "/api/wait", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"condition", "timeout_ms"});
        if (!body.contains("condition"))
            throw ApiError(ErrorCode::invalid_argument,
                           "missing 'condition', e.g. {\"type\": \"frames\", \"count\": 1}");
        const WaitCondition condition = parse_wait_condition(body["condition"]);
        const auto timeout = timeout_arg(body, "timeout_ms", std::chrono::milliseconds(5000));
        if (condition.type == WaitCondition::Type::state_equals && !engine.has_state_provider())
            throw ApiError(ErrorCode::unsupported_operation,
                           "state_equals needs the app's state provider, and none is registered");
        engine.require_running();
        OperationLimit::Slot slot(engine.waiting_limit());

        const auto started = SteadyClock::now();
        const auto deadline = started + timeout;
        const std::uint64_t start_frame = engine.loop_status().frame_count();
        nlohmann::json observed;
        while (true) {
            engine.require_running();
            const std::uint64_t frame = engine.loop_status().frame_count();
            if (holds(engine, condition, start_frame, observed)) {
                const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                    SteadyClock::now() - started);
                return value_reply({{"met", true},
                                    {"condition", condition.source},
                                    {"observed", observed},
                                    {"elapsed_ms", elapsed.count()},
                                    {"frame", engine.loop_status().frame_count()}});
            }
            if (SteadyClock::now() >= deadline)
                throw ApiError(ErrorCode::timeout,
                               std::string("wait for '") + type_name(condition.type) +
                                   "' timed out after " + std::to_string(timeout.count()) + " ms",
                               {{"condition", condition.source}, {"observed", observed}});
            try {
                engine.wait_for_frame(frame + 1, deadline);
            } catch (const ApiError& e) {
                if (e.code() != ErrorCode::timeout) throw;  // one last check, then the timeout
            }
        }
    });
}

}  // namespace hooks
