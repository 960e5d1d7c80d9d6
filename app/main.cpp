// main.cpp: the imhost executable's command line.
#include <malloc.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/app_options.h"
#include "app/demo/demo_app.h"
#include "app/host/stop_signals.h"
#include "hooks/record/step_code.h"

namespace {

std::string default_workspace() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/imhost/workspace";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/imhost/workspace";
    return "imhost-workspace";
}

}  // namespace

int main(int argc, char** argv) {
    // SIGTERM/SIGINT become a graceful stop (app/host/stop_signals.h). Blocked here, before any
    // thread exists (GL drivers start their own), so that every thread inherits the mask.
    imhost::StopSignals::block();
    // glibc gives each thread that allocates its own malloc arena (up to 8 per core). The hook
    // server's pool grows to 64 threads under load, and their arenas kept 4-6 MB of freed memory
    // resident after load_live_test's 20 s run; with 2 arenas RSS returns to its baseline.
    // NOLINTBEGIN(concurrency-mt-unsafe): mallopt() here, before any thread exists
    mallopt(M_ARENA_MAX, 2);
    // Mesa's llvmpipe allocates about 1.5 MB and frees it again for every frame it draws. glibc
    // handed the top of the heap back to the kernel each time (brk), and the next frame faulted
    // those pages in again, zeroed, after a TLB shootdown on the other core: 4-5 % of the GUI
    // thread's CPU on the demo with everything open (perf). A fixed trim threshold keeps them.
    // Setting it also fixes the mmap threshold, which glibc would otherwise raise as blocks like
    // llvmpipe's come and go: set to what that can reach (32 MB on 64-bit), it stays as it was.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    // NOLINTEND(concurrency-mt-unsafe)
    imhost::AppOptions options;
    options.workspace = default_workspace();

    CLI::App cli{
        "imhost: a Dear ImGui project workbench, built to be driven and watched over HTTP"};
    cli.set_version_flag("--version", IMHOST_VERSION);
    cli.add_option("--workspace", options.workspace,
                   "Folder holding the projects (one JSON file each)")
        ->capture_default_str();
    cli.add_option("--hook-port", options.hook_port, "Hook server port; 0 picks a free one")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    cli.add_option("--hook-bind", options.hook_bind,
                   "Hook server address; anything but 127.0.0.1 is logged as a warning")
        ->capture_default_str();
    cli.add_option("--port-file", options.port_file,
                   "Write {url, port, pid, token, instance_id} here (mode 0600) once listening");
    cli.add_option("--hook-token", options.hook_token,
                   "Bearer token for the automation API (default: random, see the port file)");
    cli.add_flag("--no-hooks", options.no_hooks, "Run without the hook server");
    cli.add_flag("--demo", options.demo,
                 "Host Dear ImGui's demo (ShowDemoWindow) as a guarded panel instead of the "
                 "workbench");
    cli.add_flag("--enable-fault-injection", options.enable_fault_injection,
                 "Enable POST /api/debug/fault and the Faults menu (for tests)");
    cli.add_option("--crash-dir", options.crash_dir,
                   "Where crash reports go (default: <workspace>/crash)");
    cli.add_option("--exit-after-frames", options.exit_after_frames, "Quit cleanly after N frames")
        ->check(CLI::PositiveNumber);
    const std::string demo_window_size = std::to_string(imhost::DemoApp::kWindowWidth) + "x" +
                                         std::to_string(imhost::DemoApp::kWindowHeight);
    std::string window_size = "1280x800";
    CLI::Option* window_size_option = cli.add_option(
        "--window-size", window_size,
        "Window size as WxH (default 1280x800; with --demo " + demo_window_size + ")");
    cli.add_option("--max-fps", options.max_fps, "Frame-rate cap while animating")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    cli.add_flag("--raster-every-frame", options.raster_every_frame,
                 "Rasterise every frame, also those in the middle of an automated action (which "
                 "nobody sees; skipped by default)");
    cli.add_option("--stall-ms", options.stall_ms,
                   "Health reports `stalled` after this long without frame-loop progress")
        ->check(CLI::Range(50, 600000))
        ->capture_default_str();
    cli.add_option("--linger", options.linger_s,
                   "After a frame-loop crash, exit (code 4) after this many seconds (default: "
                   "stay until POST /api/shutdown, SIGTERM or window close, then exit 0)");
    cli.add_option("--bench-items", options.bench_items,
                   "Show the benchmarks' panel with N extra items (bench/, not for users)")
        ->check(CLI::Range(0, 100000));
    cli.add_flag("--bench-animate", options.bench_animate,
                 "Draw continuously at --max-fps without input (bench/, not for users)");
    bool no_recover_null_deref = false;
    cli.add_flag("--no-recover-null-deref", no_recover_null_deref,
                 "A null dereference inside a panel crashes the process (default: the panel is "
                 "quarantined and the app goes on)");
    cli.add_flag("--no-item-registry", options.no_item_registry,
                 "Turn the item registry off: /api/items sees nothing (bench/, not for users)");

    cli.add_option("--record", options.record_file,
                   "Record the session as a test into FILE: pytest (.py), GoogleTest (.cpp) or "
                   "JSON steps for POST /api/replay (.json); written as steps come and on exit")
        ->check([](const std::string& path) {
            return hooks::code_format_for_file(path) ? std::string()
                                                     : "the extension says the format: .py, "
                                                       ".cpp or .json";
        });

    try {
        cli.parse(argc, argv);
        options.recover_null_deref = !no_recover_null_deref;
        if (options.demo && window_size_option->count() == 0) window_size = demo_window_size;
        int w = 0, h = 0;
        char x = 0, extra = 0;
        if (std::sscanf(window_size.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 ||
            (x != 'x' && x != 'X') || w < 200 || h < 150 || w > 16384 || h > 16384)
            throw CLI::ValidationError("--window-size",
                                       "expected WxH with W >= 200 and H >= 150, e.g. 1280x800");
        options.window_width = w;
        options.window_height = h;
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        cli.exit(e);
        return imhost::kExitBadFlags;
    }
    return imhost::run_app(options);
}
