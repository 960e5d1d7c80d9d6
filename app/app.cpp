// app.cpp: run_app(): wires the window, the hook engine, the hosted app (the workbench, or Dear
// ImGui's demo with --demo) and the frame loop.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "app/app_options.h"
#include "app/bench_items_panel.h"
#include "app/demo/demo_app.h"
#include "app/faults/fault_injector.h"
#include "app/host/frame_loop.h"
#include "app/host/glfw_host.h"
#include "app/host/stop_signals.h"
#include "app/io/io_pool.h"
#include "app/record/recorder_window.h"
#include "app/workbench/workbench.h"
#include "app/workbench/workbench_routes.h"
#include "hooks/glfw_opengl3/glfw_opengl3.h"
#include "hooks/hook_engine.h"
#include "hooks/route_api.h"
#include "imgui.h"
#include "imgui_guard/crash_handler.h"
#include "imgui_guard/guard.h"
#include "imgui_guard/null_deref_recovery.h"

namespace imhost {

namespace {

std::string make_instance_id() { return hooks::random_token(8); }

// assets/ is installed next to the executable (app/CMakeLists.txt), found through /proc/self/exe
// so the app runs from any working folder.
std::filesystem::path assets_folder() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path("assets") : exe.parent_path() / "assets";
}

// The workbench with its routes, fault kinds, state and reset hook, wired before the hook
// server starts.
std::unique_ptr<Workbench> wire_workbench(const AppOptions& options,
                                          const std::filesystem::path& assets, IoPool& pool,
                                          hooks::HookEngine& hooks,
                                          faults::FaultInjector* fault_injector) {
    auto workbench = std::make_unique<Workbench>(
        Workbench::Options{Workspace(options.workspace), assets / "sample_workspace",
                           assets / "layout.ini"},
        pool, hooks);
    register_workbench_routes(hooks, *workbench, options.enable_fault_injection);
    if (fault_injector) {
        fault_injector->add_kind(
            "io_task_throws", "an IO pool task throws (recorded, counted failed, pool degraded)",
            [&wb = *workbench](const faults::FaultRequest&) { wb.inject_io_task_throws(); });
        fault_injector->add_kind(
            "io_pool_shutdown", "the IO pool shuts down as after a frame-loop failure",
            [&wb = *workbench](const faults::FaultRequest&) { wb.inject_io_pool_shutdown(); });
    }
    hooks.set_state_provider([&wb = *workbench] { return wb.state_json(); });
    hooks.set_reset_hook([&wb = *workbench] { wb.reset(); });
    return workbench;
}

}  // namespace

int run_app(const AppOptions& options) {
    // Fatal signals leave a report (crash-<pid>.txt) from here on.
    const std::string crash_dir =
        options.crash_dir.empty() ? options.workspace + "/crash" : options.crash_dir;
    if (auto failure = imgui_guard::install_crash_handler(crash_dir); !failure.empty())
        std::fprintf(stderr, "imhost: no crash reports: %s\n", failure.c_str());
    imgui_guard::set_null_deref_recovery(options.recover_null_deref);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    std::string error;
    const std::filesystem::path assets = assets_folder();
    auto host = GlfwHost::open(
        {options.window_width, options.window_height, "imhost", (assets / "icon.png").string()},
        error);
    if (!host) {
        std::fprintf(stderr, "imhost: %s\n", error.c_str());
        ImGui::DestroyContext();
        return kExitNoDisplay;
    }
    // The symbolizer reads the debug info on its own thread (~100 ms) beside the first frames.
    // Not before the window opens: libbacktrace reads inside dl_iterate_phdr(), which holds the
    // loader's lock, and GLFW and Mesa dlopen() their libraries then: they would wait for it.
    imgui_guard::warm_up_in_background();

    const std::string token =
        options.hook_token.empty() ? hooks::random_token() : options.hook_token;
    hooks::HookEngineOptions hook_options;
    hook_options.server = {options.hook_bind, options.hook_port, token, options.port_file,
                           make_instance_id()};
    hook_options.stall_after = std::chrono::milliseconds(options.stall_ms);
    hook_options.app_version = IMHOST_VERSION;
    hook_options.app = options.demo ? "demo" : "workbench";
    hook_options.item_registry = !options.no_item_registry;
    auto hooks_engine = std::make_unique<hooks::HookEngine>(hook_options);
    // GLFW + OpenGL 3 adapters: screenshots from the back buffer, and a waker gated against
    // glfwTerminate() (a SIGTERM or an IO task may wake the loop while the window closes).
    hooks_engine->set_waker(&GlfwHost::wake);
    hooks_engine->set_frame_reader(&hooks::read_opengl_back_buffer);
    // SIGTERM / SIGINT stop the app in order, as POST /api/shutdown does (exit code 0).
    StopSignals stop_signals([&hooks = *hooks_engine](int) { hooks.request_shutdown(); });

    // The IO pool and the hosted app, wired before the hook server starts (routes, providers).
    IoPool pool({4,
                 [&](std::function<void()> fn) {
                     return hooks_engine->gui().post_to_gui(
                         [fn = std::move(fn)](std::uint64_t) { fn(); });
                 },
                 std::chrono::milliseconds(2000)});
    hooks_engine->set_io_pool_source([&pool] { return pool.figures(); });
    std::unique_ptr<faults::FaultInjector> fault_injector;  // --enable-fault-injection only
    if (options.enable_fault_injection)
        fault_injector = std::make_unique<faults::FaultInjector>(*hooks_engine);
    std::unique_ptr<Workbench> workbench;  // without --demo
    std::unique_ptr<DemoApp> demo;         // with --demo: no workbench panels, routes or state
    if (options.demo)
        demo = std::make_unique<DemoApp>(*hooks_engine);
    else
        workbench = wire_workbench(options, assets, pool, *hooks_engine, fault_injector.get());
    if (fault_injector) fault_injector->register_route();
    if (!options.record_file.empty()) {
        if (auto failure = hooks_engine->record_to(options.record_file); !failure.empty()) {
            std::fprintf(stderr, "imhost: %s\n", failure.c_str());
            imgui_guard::wait_for_warm_up();
            host.reset();
            ImGui::DestroyContext();
            return kExitFailure;
        }
    }
    if (!options.no_hooks) {
        if (options.hook_bind != "127.0.0.1")
            std::fprintf(stderr,
                         "imhost: WARNING: the hook server listens on %s, not loopback; anyone "
                         "who can reach it and knows the token can drive this app\n",
                         options.hook_bind.c_str());
        if (auto failure = hooks_engine->start(); !failure.empty()) {
            std::fprintf(stderr, "imhost: hook server: %s\n", failure.c_str());
            imgui_guard::wait_for_warm_up();
            host.reset();
            ImGui::DestroyContext();
            return kExitFailure;
        }
        std::printf("imhost: hook server %s (token %s)\n", hooks_engine->url().c_str(),
                    token.c_str());
        std::fflush(stdout);
    }

    if (workbench) workbench->start();
    FrameLoop loop(*host, *hooks_engine, options);
    loop.set_on_fatal(
        [&pool](const std::string& reason) { pool.shut_down("frame loop failure: " + reason); });
    std::unique_ptr<BenchItemsPanel> bench_panel;  // --bench-items: bench/ only
    if (options.bench_items >= 0) {
        bench_panel = std::make_unique<BenchItemsPanel>(options.bench_items, options.bench_animate,
                                                        &GlfwHost::wake);
        bench_panel->bind_values(*hooks_engine);
    }
    RecorderWindow recorder_window(*hooks_engine);
    loop.set_draw([&] {
        recorder_window.draw();
        if (workbench) workbench->draw();
        if (demo) demo->draw();
        if (bench_panel) bench_panel->draw();
        if (fault_injector) fault_injector->draw_panel();
    });
    const int exit_code = loop.run();
    if (workbench) workbench->save_on_quit(std::chrono::seconds(3));
    pool.shut_down("app exit");
    hooks_engine->stop();
    imgui_guard::wait_for_warm_up();  // before glfwTerminate() unloads the libraries it reads
    host.reset();
    ImGui::DestroyContext();
    return exit_code;
}

}  // namespace imhost
