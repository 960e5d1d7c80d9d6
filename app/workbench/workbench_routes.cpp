// workbench_routes.cpp: the app endpoints, as thin adapters over Workbench actions.
#include "app/workbench/workbench_routes.h"

#include <thread>

#include "app/workbench/workbench.h"
#include "hooks/hook_engine.h"
#include "hooks/route_api.h"

namespace imhost {

namespace {

using hooks::ApiError;
using hooks::ErrorCode;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

// Workbench actions may run tools and save large projects: their deadline goes up to 10 min.
constexpr long kMaxActionTimeoutMs = 600'000;

std::chrono::milliseconds timeout_of(const json& body, int fallback_ms) {
    return hooks::timeout_arg(body, "timeout_ms", std::chrono::milliseconds(fallback_ms),
                              kMaxActionTimeoutMs);
}

void check(const std::string& error) {
    if (!error.empty()) throw ApiError(ErrorCode::invalid_argument, error);
}

// Runs `action` on the GUI thread once the workbench has a project open (the workspace opens on
// the IO pool right after start), polling with the caller's deadline.
json when_ready(hooks::HookEngine& hooks, Workbench& wb, std::chrono::milliseconds timeout,
                const std::function<json()>& action) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        json reply = hooks.gui().run_on_gui(
            [&](std::uint64_t) -> json {
                if (!wb.ready()) return json{{"__not_ready", true}};
                return action();
            },
            std::max(left, std::chrono::milliseconds(1)));
        if (!reply.is_object() || !reply.contains("__not_ready")) return reply;
        if (Clock::now() >= deadline)
            throw ApiError(ErrorCode::timeout, "the workspace did not open within " +
                                                   std::to_string(timeout.count()) + " ms");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

// Waits for an operation the GUI thread finishes later; fails at once if the loop dies.
void await(hooks::HookEngine& hooks, const PendingOpPtr& op, Clock::time_point deadline,
           const std::string& what) {
    for (;;) {
        const int state = op->state.load(std::memory_order_acquire);
        if (state == PendingOp::succeeded) return;
        if (state == PendingOp::failed) throw ApiError(ErrorCode::invalid_argument, op->error);
        hooks.gui().require_running();
        if (Clock::now() >= deadline)
            throw ApiError(ErrorCode::timeout, what + " did not finish before the deadline");
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

}  // namespace

void register_workbench_routes(hooks::HookEngine& hooks, Workbench& wb, bool fault_injection) {
    hooks::Router& r = hooks.router();
    using hooks::Access;
    using hooks::HttpRequest;
    using hooks::value_reply;

    r.add("POST", "/api/project/new", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        const std::string name = hooks::string_arg(body, "name");
        return value_reply(when_ready(hooks, wb, timeout_of(body, 5000), [&] {
            check(wb.new_project(name));
            return json{{"name", wb.project().name}};
        }));
    });
    r.add("POST", "/api/project/switch", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        const std::string name = hooks::string_arg(body, "name", true);
        const auto timeout = timeout_of(body, 5000);
        const auto deadline = Clock::now() + timeout;
        PendingOpPtr op;
        when_ready(hooks, wb, timeout, [&] {
            op = wb.switch_project(name);
            return json(nullptr);
        });
        await(hooks, op, deadline, "the switch to '" + name + "'");
        return value_reply(hooks.gui().run_on_gui([&](std::uint64_t) {
            return json{{"name", wb.project().name}, {"dirty", wb.dirty()}};
        }));
    });
    r.add("POST", "/api/project/save", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        int repeat = 1;
        if (auto it = body.find("repeat"); it != body.end()) {
            if (!it->is_number_integer() || it->get<long long>() < 1 ||
                it->get<long long>() > 10000)
                throw ApiError(ErrorCode::invalid_argument, "repeat must be an integer 1..10000");
            repeat = it->get<int>();
        }
        const auto timeout = timeout_of(body, 10000);
        const auto deadline = Clock::now() + timeout;
        PendingOpPtr op;
        std::string name;
        when_ready(hooks, wb, timeout, [&] {
            op = wb.save(repeat);
            name = wb.project().name;
            return json(nullptr);
        });
        await(hooks, op, deadline, "saving '" + name + "'");
        return value_reply({{"name", name}, {"saved", repeat}});
    });
    r.add("POST", "/api/discussion/send", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        const std::string text = hooks::string_arg(body, "text", true);
        std::string author = hooks::string_arg(body, "author");
        if (author.empty()) author = "you";
        return value_reply(when_ready(hooks, wb, timeout_of(body, 5000), [&] {
            check(wb.send_message(text, author));
            return json{{"count", wb.project().discussion.size()}};
        }));
    });
    r.add("POST", "/api/context/add", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        const std::string path = hooks::string_arg(body, "path", true);
        return value_reply(when_ready(hooks, wb, timeout_of(body, 5000), [&] {
            check(wb.add_context(path));
            return json{{"count", wb.project().context.size()}};
        }));
    });
    r.add("POST", "/api/project/settings", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        return value_reply(when_ready(hooks, wb, timeout_of(body, 5000), [&] {
            Settings s = wb.project().settings;
            if (body.contains("model")) s.model = hooks::string_arg(body, "model", true);
            if (auto it = body.find("temperature"); it != body.end()) {
                if (!it->is_number()) check("temperature must be a number from 0 to 2");
                s.temperature = it->get<double>();
            }
            if (auto it = body.find("max_tokens"); it != body.end()) {
                if (!it->is_number_integer() || it->get<long long>() < 1 ||
                    it->get<long long>() > kMaxTokensLimit)
                    check("max_tokens must be an integer from 1 to 1000000");
                s.max_tokens = it->get<int>();
            }
            if (auto it = body.find("stream"); it != body.end()) {
                if (!it->is_boolean()) check("stream must be true or false");
                s.stream = it->get<bool>();
            }
            check(wb.set_settings(s));
            return wb.state_json()["settings"];
        }));
    });
    r.add("POST", "/api/tools/add", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        const std::string name = hooks::string_arg(body, "name", true);
        const std::string command = hooks::string_arg(body, "command", true);
        const bool shell = body.value("shell", false);
        const int timeout_s = body.value("timeout_s", 60);
        return value_reply(when_ready(hooks, wb, timeout_of(body, 5000), [&] {
            check(wb.add_tool(name, command, shell, timeout_s));
            return json{{"name", name}};
        }));
    });
    r.add("POST", "/api/tools/run", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        const std::string name = hooks::string_arg(body, "name", true);
        return value_reply(when_ready(hooks, wb, timeout_of(body, 5000), [&] {
            check(wb.run_tool(name));
            return json{{"name", name}, {"started", true}};
        }));
    });
    r.add("POST", "/api/tools/cancel", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        const std::string name = hooks::string_arg(body, "name", true);
        return value_reply(hooks.gui().run_on_gui([&](std::uint64_t) {
            wb.cancel_tool(name);
            return json{{"name", name}, {"cancel_requested", true}};
        }));
    });
    if (!fault_injection) return;
    r.add("POST", "/api/debug/io_fault", Access::token, [&](const HttpRequest& request) {
        const json body = hooks::json_body(request);
        const std::string kind = hooks::string_arg(body, "kind", true);
        if (kind != "io_task_throws" && kind != "io_pool_shutdown")
            throw ApiError(ErrorCode::invalid_argument,
                           "kind must be io_task_throws or io_pool_shutdown");
        // Not through the GUI thread: an IO fault must be injectable whatever the loop does.
        if (kind == "io_task_throws")
            wb.inject_io_task_throws();
        else
            wb.inject_io_pool_shutdown();
        return value_reply({{"kind", kind}, {"injected", true}});
    });
}

}  // namespace imhost
