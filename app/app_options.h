// app_options.h: everything the command line can set (parsed by main.cpp with CLI11).
#pragma once

#include <optional>
#include <string>

namespace imhost {

struct AppOptions {
    std::string workspace;  // project folder; default: per-user data folder
    int hook_port = 8999;   // 0 picks a free port
    std::string hook_bind = "127.0.0.1";
    std::string port_file;   // written once the hook server listens
    std::string hook_token;  // default: random
    bool no_hooks = false;
    bool demo = false;  // Dear ImGui's demo instead of the workbench (app/demo/demo_app.h)
    bool enable_fault_injection = false;
    std::string crash_dir;  // default: <workspace>/crash
    std::optional<long long> exit_after_frames;
    int window_width = 1280, window_height = 800;  // main.cpp: --demo has its own default
    int max_fps = 60;
    bool raster_every_frame = false;  // also the frames in the middle of an automated action
    int stall_ms = 2000;              // health says `stalled` after this long without progress
    double linger_s = -1;             // after a frame-loop crash: < 0 stays until shutdown
    int bench_items = -1;             // >= 0: the benchmarks' panel (app/bench_items_panel.h)
    bool bench_animate = false;       // draw at max_fps without input (benchmarks)
    bool no_item_registry = false;    // the item registry off (benchmarks weigh its cost)
    bool recover_null_deref = true;   // a null dereference in a panel costs the panel only
    std::string record_file;          // --record: the session as a test (.py, .cpp, .json)
};

// Exit codes of the imhost executable.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,    // a runtime failure (hook server could not start, ...)
    kExitBadFlags = 2,   // with a usage message
    kExitNoDisplay = 3,  // no DISPLAY, or no OpenGL 3.3 context: one line says which
    kExitCrashed = 4,    // the frame loop crashed and --linger ran out (no stop was asked)
};

int run_app(const AppOptions& options);  // app.cpp

}  // namespace imhost
