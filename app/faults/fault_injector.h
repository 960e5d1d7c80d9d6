// fault_injector.h: deliberate failures on request, so every guard path can be shown live.
// Only built into the app's wiring with --enable-fault-injection.
//
//   GET /api/debug/fault -> {"value": {"kinds": [{"kind", "description"}, ...]}}, one per kind
//   POST /api/debug/fault {"kind": "missing_end", "panel": "Context", "ms": 500}
//       kind   required; one of kinds() (GET the list from an unknown-kind error, or the GUI)
//       panel  optional; default "Faults", the panel kept for the purpose
//       ms     optional; for `hang` (no ms: hang until shutdown is requested)
//   -> {"value": {"armed": true, "kind", "panel", "frame", "ends_process"}} once the GUI thread
//      has armed it. The fault runs during the target panel's next frame, inside its guarded
//      scope (through imgui_guard::set_scope_hook), so the guard attributes it to that panel.
//      The reply never waits for the consequences (hang, segv, abort, frame_loop_fatal). A
//      fault that ends the process (segv, abort) runs kReplyGrace after the reply, waking an
//      idle loop for it: "ends_process": true and "runs_in_ms" tell a harness when to expect
//      the crash, so it can charge it to the test that asked for it.
//
// The kind table is open: add_kind("io_task_throws", "...", fn) adds one (before the hook
// server starts). Built-in kinds are in fault_kinds.cpp; the panel is in faults_panel.cpp.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace hooks {
class HookEngine;
}

namespace imhost::faults {

using SteadyClock = std::chrono::steady_clock;

struct FaultRequest {
    std::string kind;
    std::string panel;
    std::optional<long long> ms;
    SteadyClock::time_point not_before{};  // a fault that ends the process waits for the reply
};

class FaultInjector {
  public:
    using Run = std::function<void(const FaultRequest&)>;  // GUI thread, inside the panel's scope
    static constexpr const char* kFaultsPanel = "Faults";

    explicit FaultInjector(hooks::HookEngine& hooks);  // with the built-in kinds
    ~FaultInjector();                                  // removes the guard's scope hook
    FaultInjector(const FaultInjector&) = delete;
    FaultInjector& operator=(const FaultInjector&) = delete;

    // `ends_process`: the fault kills the process (segv, abort). It then runs no sooner than
    // kReplyGrace after arming, so the HTTP reply gets out first.
    void add_kind(std::string name, std::string description, Run run, bool ends_process = false);
    static constexpr std::chrono::milliseconds kReplyGrace{150};
    std::vector<std::pair<std::string, std::string>> kinds() const;  // name, description
    bool has_kind(const std::string& name) const;
    bool ends_process(const std::string& kind) const;  // segv, abort

    void register_route();  // GET and POST /api/debug/fault on the hook router; before start()

    // --- GUI thread -----------------------------------------------------------------------
    void arm(FaultRequest request);  // runs during the target panel's next frame
    void draw_panel();               // the "Faults" panel (guarded), with its Inject menu

  private:
    struct Kind {
        std::string description;
        Run run;
        bool ends_process = false;
    };
    void run_armed(const std::string& panel);       // the guard's scope hook
    void wake_loop_at(SteadyClock::time_point at);  // an idle loop would sleep past a due fault
    void draw_window();                             // faults_panel.cpp

    hooks::HookEngine& hooks_;
    mutable std::mutex kinds_mutex_;  // the route reads kinds from server threads
    std::map<std::string, Kind> kinds_;
    std::map<std::string, std::vector<FaultRequest>> armed_;  // GUI thread only
    // The panel's form (GUI thread only).
    int selected_kind_ = 0;
    int hang_ms_ = 2000;
    std::string target_panel_ = kFaultsPanel;
    std::vector<std::string> injected_;  // what the panel injected, newest last
    std::jthread loop_waker_;            // wake_loop_at(); last, so it stops first
};

void add_builtin_kinds(FaultInjector& injector, hooks::HookEngine& hooks);  // fault_kinds.cpp

}  // namespace imhost::faults
