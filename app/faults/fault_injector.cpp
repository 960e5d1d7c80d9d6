// fault_injector.cpp: the kind table, arming, the scope hook, and POST /api/debug/fault.
#include "app/faults/fault_injector.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "hooks/hook_engine.h"
#include "hooks/route_api.h"
#include "imgui_guard/guard.h"

namespace imhost::faults {

namespace {

using hooks::ApiError;
using hooks::ErrorCode;

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

FaultInjector::FaultInjector(hooks::HookEngine& hooks) : hooks_(hooks) {
    add_builtin_kinds(*this, hooks_);
    imgui_guard::set_scope_hook([this](const std::string& panel) { run_armed(panel); });
}

FaultInjector::~FaultInjector() { imgui_guard::set_scope_hook(nullptr); }

void FaultInjector::add_kind(std::string name, std::string description, Run run,
                             bool ends_process) {
    std::lock_guard lock(kinds_mutex_);
    kinds_[std::move(name)] = {std::move(description), std::move(run), ends_process};
}

std::vector<std::pair<std::string, std::string>> FaultInjector::kinds() const {
    std::lock_guard lock(kinds_mutex_);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, kind] : kinds_) out.emplace_back(name, kind.description);
    return out;
}

bool FaultInjector::has_kind(const std::string& name) const {
    std::lock_guard lock(kinds_mutex_);
    return kinds_.count(name) > 0;
}

bool FaultInjector::ends_process(const std::string& kind) const {
    std::lock_guard lock(kinds_mutex_);
    auto it = kinds_.find(kind);
    return it != kinds_.end() && it->second.ends_process;
}

void FaultInjector::arm(FaultRequest request) {
    if (ends_process(request.kind)) {
        request.not_before = SteadyClock::now() + kReplyGrace;
        wake_loop_at(request.not_before);
    }
    armed_[request.panel].push_back(std::move(request));
}

void FaultInjector::wake_loop_at(SteadyClock::time_point at) {
    // Replacing the waker stops and joins the previous one (it has woken the loop already, or
    // the fault it was for runs with this one's).
    loop_waker_ = std::jthread([this, at](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any until_stopped;
        std::unique_lock lock(mutex);
        until_stopped.wait_until(lock, stop, at, [] { return false; });
        if (!stop.stop_requested()) hooks_.gui().wake();
    });
}

void FaultInjector::run_armed(const std::string& panel) {
    auto it = armed_.find(panel);
    if (it == armed_.end() || it->second.empty()) return;
    std::vector<FaultRequest> due;
    const auto now = SteadyClock::now();
    std::erase_if(it->second, [&](FaultRequest& r) {
        if (r.not_before > now) return false;
        due.push_back(std::move(r));
        return true;
    });
    for (const FaultRequest& request : due) {
        Run run;
        {
            std::lock_guard lock(kinds_mutex_);
            if (auto kind = kinds_.find(request.kind); kind != kinds_.end()) run = kind->second.run;
        }
        if (run) run(request);  // may throw or assert: that is the point; the guard catches
    }
}

void FaultInjector::register_route() {
    hooks_.router().add("GET", "/api/debug/fault", hooks::Access::token,
                        [this](const hooks::HttpRequest&) {
                            nlohmann::json list = nlohmann::json::array();
                            for (const auto& [name, description] : kinds())
                                list.push_back({{"kind", name}, {"description", description}});
                            return hooks::value_reply({{"kinds", std::move(list)}});
                        });
    hooks_.router().add(
        "POST", "/api/debug/fault", hooks::Access::token, [this](const hooks::HttpRequest& http) {
            const nlohmann::json body = nlohmann::json::parse(http.body, nullptr, false);
            std::vector<std::string> names;
            for (const auto& [name, description] : kinds()) names.push_back(name);
            if (body.is_discarded() || !body.is_object() || !body.contains("kind") ||
                !body["kind"].is_string())
                throw ApiError(ErrorCode::invalid_argument,
                               "expected a JSON object like {\"kind\": \"missing_end\", \"panel\": "
                               "\"Faults\"}; kinds: " +
                                   joined(names),
                               {{"kinds", names}});
            FaultRequest request;
            request.kind = body["kind"].get<std::string>();
            if (!has_kind(request.kind))
                throw ApiError(ErrorCode::invalid_argument,
                               "unknown fault kind '" + request.kind + "'; kinds: " + joined(names),
                               {{"kinds", names}});
            request.panel = kFaultsPanel;
            if (body.contains("panel")) {
                if (!body["panel"].is_string() || body["panel"].get<std::string>().empty())
                    throw ApiError(ErrorCode::invalid_argument,
                                   "'panel' must be a panel name (a non-empty string)");
                request.panel = body["panel"].get<std::string>();
            }
            if (body.contains("ms")) {
                if (!body["ms"].is_number_integer() || body["ms"].get<long long>() < 0)
                    throw ApiError(ErrorCode::invalid_argument,
                                   "'ms' must be a non-negative integer (milliseconds)");
                request.ms = body["ms"].get<long long>();
            }
            nlohmann::json armed = hooks_.gui().run_on_gui([this, request](std::uint64_t frame) {
                if (imgui_guard::panel_quarantined(request.panel))
                    throw ApiError(ErrorCode::invalid_element_state,
                                   "panel '" + request.panel +
                                       "' is quarantined, so a fault there would never run; "
                                       "POST /api/reset re-enables it",
                                   {{"panel", request.panel}});
                const auto drawn = imgui_guard::panels_drawn_recently();
                if (std::find(drawn.begin(), drawn.end(), request.panel) == drawn.end())
                    throw ApiError(ErrorCode::no_such_window,
                                   "no panel named '" + request.panel +
                                       "' is being drawn; panels: " + joined(drawn),
                                   {{"panels", drawn}});
                arm(request);
                const bool ends = ends_process(request.kind);
                nlohmann::json reply{{"armed", true},
                                     {"kind", request.kind},
                                     {"panel", request.panel},
                                     {"frame", frame},
                                     {"ends_process", ends}};
                if (ends) reply["runs_in_ms"] = kReplyGrace.count();
                return reply;
            });
            return hooks::value_reply(armed);
        });
}

}  // namespace imhost::faults
