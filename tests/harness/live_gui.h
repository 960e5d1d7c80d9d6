// live_gui.h: one real imhost process (or any app that embeds the hooks) for a live test, from
// launch to a clean teardown.
//
//   harness::LiveGui gui;                       // launched, health `pass`, or LaunchError
//   gui.click("btn_project_new_automated");
//   EXPECT_EQ(gui.get_value("input_settings_model"), "gpt");
//   gui.fault("hard_assert");                    // needs --enable-fault-injection (the default)
//   std::cout << gui.diagnostics(artifacts, "Suite.Test");  // what a failing test prints
//
// Launch: `imhost --hook-port 0 --port-file <dir>/port.json --workspace <dir>/workspace
// --crash-dir <dir>/crash --enable-fault-injection` (plus `--demo` for options.app "demo"), in
// its own process group, on $DISPLAY or the binary's private Xvfb. It waits, with a deadline,
// for the port file (URL, token, pid) and then for health `pass`. A process that exits meanwhile
// fails the launch at once, with its exit status and stderr.
// Any other app that embeds the hooks (hooks/hook_engine.h) is launched the same way with only
// `--hook-port 0 --port-file <dir>/port.json`: the other flags are imhost's (imhost_flags).
//
// Teardown: POST /api/shutdown, then SIGTERM and SIGKILL to the process group, and the temp dir
// (workspace included) is removed. A crash report is copied to the artifacts dir first.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/http/port_file.h"
#include "tests/harness/child_process.h"
#include "tests/harness/hook_client.h"
#include "tests/harness/live_verdicts.h"

namespace harness {

struct LiveGuiOptions {
    // The app to launch; default $IMHOST_EXE (imhost's own live tests set it to the built
    // imhost: tests/harness/live_main.cpp). Neither: LaunchError.
    std::string exe;
    std::vector<std::string> extra_args;  // appended to the command line
    std::vector<std::string> env;         // "NAME=value" entries, over DISPLAY and the rest
    bool fault_injection = true;          // --enable-fault-injection
    int hook_port = 0;                    // --hook-port: 0 picks a free one (tests in parallel)
    std::chrono::milliseconds start_deadline{20000};
    bool start_accepts_warn = false;  // a launch that reaches `warn` counts as started
    std::string name = "live";        // temp dir prefix, for humans
    // The app imhost hosts: "" or "workbench" (the default), or "demo": Dear ImGui's demo
    // window (`--demo`; /api/status says "app": "demo"), with no workbench panels, routes or
    // state. Anything else fails the launch.
    //   harness::LiveGuiOptions demo;  demo.app = "demo";  harness::LiveGui gui(demo);
    std::string app;
    // Whether `exe` takes imhost's own flags (--workspace, --crash-dir, --enable-fault-injection,
    // --demo); unset: when its file name is "imhost". Otherwise it gets only --hook-port and
    // --port-file (then extra_args), fault_injection is ignored, and `app` must be empty.
    std::optional<bool> imhost_flags;
};

// An item locator (docs/hook-api.md, "Locators"), for the verbs that drive any Dear ImGui UI:
//   gui.open(Target::ref("Dear ImGui Demo/Widgets"));
//   gui.click(Target::label("Help", "Dear ImGui Demo"));
struct Target {
    nlohmann::json locator;
    static Target id(const std::string& id) { return {{{"id", id}}}; }
    static Target ref(const std::string& ref) { return {{{"ref", ref}}}; }
    static Target label(const std::string& label, const std::string& window = "") {
        return window.empty() ? Target{{{"label", label}}}
                              : Target{{{"label", label}, {"window", window}}};
    }
};

// The launch failed: the message says why, with the stderr tail.
class LaunchError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class LiveGui {
  public:
    explicit LiveGui(LiveGuiOptions options = {});  // launches; throws LaunchError
    ~LiveGui();                                     // stop(), then removes the temp dir
    LiveGui(const LiveGui&) = delete;
    LiveGui& operator=(const LiveGui&) = delete;

    // --- lifecycle ----------------------------------------------------------------------
    // Graceful stop: POST /api/shutdown, wait, then SIGTERM/SIGKILL the group. Returns how the
    // process ended. The workspace stays until the LiveGui is destroyed.
    ExitStatus stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));
    void restart();  // stop(), then launch on the same workspace
    bool alive();    // the process is running
    int launches() const { return launches_; }

    // --- where things are ---------------------------------------------------------------
    pid_t pid() const { return process_->pid(); }
    const std::string& url() const { return info_.url; }
    const std::string& token() const { return info_.token; }
    const hooks::PortFileInfo& port_info() const { return info_; }
    const std::filesystem::path& dir() const { return dir_; }  // everything of this GUI
    std::filesystem::path workspace() const { return dir_ / "workspace"; }
    std::filesystem::path crash_dir() const { return dir_ / "crash"; }
    ChildProcess& process() { return *process_; }
    HookClient& client() { return *client_; }

    // --- observing ----------------------------------------------------------------------
    HealthSample probe_health(std::chrono::milliseconds timeout = std::chrono::milliseconds(400));
    // Process + health, for the verdicts. After a fault() that ends the process (its reply says
    // "ends_process"), it first waits for that crash (a deadline), so it is seen now.
    Observation observe();
    const nlohmann::json& last_health() const { return last_health_; }  // last answered body
    std::string crash_report() const;  // crash-<pid>.txt of this process, "" if none
    std::string stderr_text() const;
    std::string stdout_text() const;

    // --- driving (each throws HookError carrying the API's error code) -----------------
    nlohmann::json call(const std::string& method, const std::string& path,
                        const nlohmann::json& body = nlohmann::json::object());
    nlohmann::json health();                      // GET /api/gui_health body
    nlohmann::json state();                       // GET /api/state
    nlohmann::json click(const std::string& id);  // POST /api/items/click
    // `via`: "" (the API's default, auto), "input" (real typing / clicks), "binding".
    nlohmann::json set_value(const std::string& id, const nlohmann::json& value,
                             const std::string& via = "");
    nlohmann::json get_value(const std::string& id);  // the value itself
    nlohmann::json fault(const std::string& kind, nlohmann::json args = nlohmann::json::object());
    nlohmann::json wait(const nlohmann::json& condition, int timeout_ms = 5000);
    // POST /api/wait for a state_equals condition: the app state at `pointer` equals `value`.
    nlohmann::json wait_state(const std::string& pointer, const nlohmann::json& value,
                              int timeout_ms = 5000);
    nlohmann::json items(const std::string& window = "");  // GET /api/items[?window=]
    nlohmann::json reset();                                // POST /api/reset
    // GET /api/screenshot as PNG bytes; "" and `why_not` set when there is none.
    std::string screenshot_png(std::string& why_not);

    // --- driving any Dear ImGui UI by locator (real input; each scrolls its item into view) ---
    nlohmann::json find(const Target& target);   // POST /api/items/find
    nlohmann::json click(const Target& target);  // POST /api/items/click
    nlohmann::json value(const Target& target);  // GET /api/items/value: the value
    // GET /api/text: the text drawn in a window ("" = every window) or inside one item, as lines
    // joined by '\n' (Text() output, a combo's preview, a button's label).
    std::string text(const std::string& window = "");
    std::string text(const Target& target);
    nlohmann::json open(const Target& target, bool open = true);  // POST /api/items/open
    nlohmann::json scroll_into_view(const Target& target);  // POST /api/items/scroll_into_view
    // POST /api/menu/click: "Tools/Style Editor" from the menu bar of `window` ("" = main).
    nlohmann::json menu_click(const std::string& path, const std::string& window = "",
                              std::optional<bool> check = std::nullopt);
    nlohmann::json combo_select(const Target& combo, const std::string& entry);
    // POST /api/keys: chords ("Ctrl+A", "Enter") in turn, then `text`, to what has focus.
    nlohmann::json keys(const std::vector<std::string>& chords, const std::string& text = "",
                        std::optional<Target> target = std::nullopt);
    nlohmann::json close_popups();  // POST /api/popups/close
    // POST /api/items/drag onto another item, or by (dx, dy) pixels.
    nlohmann::json drag(const Target& target, const Target& onto);
    nlohmann::json drag(const Target& target, float dx, float dy);
    nlohmann::json hover(const Target& target, int rest_ms = 0);  // POST /api/items/hover
    // POST /api/items/open_all: every node of `window` (or under the ref `under`) opened/closed.
    // `depth` > 0: only that many ID scopes down.
    nlohmann::json open_all(const std::string& window, const std::string& under = "",
                            bool open = true, int depth = 0);
    // POST /api/menu/check_all: every toggle of the menu at `path` left `check`ed.
    nlohmann::json check_all(const std::string& path, const std::string& window, bool check);
    // POST /api/windows/<action>: "focus", "collapse", "expand", "close"; "move", "resize" by
    // (dx, dy) pixels.
    nlohmann::json window_action(const std::string& action, const std::string& window, float dx = 0,
                                 float dy = 0);

    // --- failure output -----------------------------------------------------------------
    // stderr/stdout tails, the crash report, the last health JSON, and a screenshot saved as
    // <artifacts_dir>/<test_name>.png when the GUI can take one.
    std::string diagnostics(const std::filesystem::path& artifacts_dir,
                            const std::string& test_name);
    // Copies a crash report (if any) to <artifacts_dir>; returns the copy's path or "".
    std::string collect_crash_report(const std::filesystem::path& artifacts_dir);

  private:
    void launch();
    void await_armed_crash();  // see observe()

    LiveGuiOptions options_;
    std::filesystem::path dir_;
    std::unique_ptr<ChildProcess> process_;
    std::unique_ptr<HookClient> client_;
    hooks::PortFileInfo info_;
    nlohmann::json last_health_;
    int launches_ = 0;
    std::optional<std::chrono::steady_clock::time_point> crash_due_;  // a fault that ends it
};

// Where failing tests leave screenshots and crash reports: $IMHOST_ARTIFACTS_DIR, else
// ./live-artifacts (CTest runs live tests in the build tree).
std::filesystem::path artifacts_dir();

// "a b" -> "a%20b": for ids in query strings.
std::string url_encode(const std::string& text);

}  // namespace harness
