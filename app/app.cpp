// app.cpp: run_app(): the hook engine, the window, and the event-driven frame loop.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "app/app_options.h"
#include "app/host/glfw_host.h"
#include "app/workbench/workbench.h"
#include "hooks/hook_engine.h"
#include "imgui.h"

namespace imhost {

namespace {

using Clock = std::chrono::steady_clock;

std::string make_instance_id() { return hooks::random_token(8); }

// How long the loop may sleep before the next frame. ImGui needs a few frames after an event
// to settle (hover, layout); a text cursor blinks; otherwise an idle app draws one frame a
// second, which keeps health's frame age fresh at almost no CPU cost.
double next_wait_s(int frames_since_event, bool want_text_input, int max_fps) {
    if (frames_since_event < 3) return 1.0 / max_fps;
    if (want_text_input) return 0.1;
    return 1.0;
}

}  // namespace

int run_app(const AppOptions& options) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    std::string error;
    auto host = GlfwHost::open({options.window_width, options.window_height, "imhost", {}}, error);
    if (!host) {
        std::fprintf(stderr, "imhost: %s\n", error.c_str());
        ImGui::DestroyContext();
        return kExitNoDisplay;
    }

    const std::string token = options.hook_token.empty() ? hooks::random_token() : options.hook_token;
    hooks::HookEngineOptions hook_options;
    hook_options.server = {options.hook_bind, options.hook_port, token, options.port_file,
                           make_instance_id()};
    hook_options.stall_after = std::chrono::milliseconds(options.stall_ms);
    hook_options.app_version = IMHOST_VERSION;
    auto hooks_engine = std::make_unique<hooks::HookEngine>(hook_options);
    hooks_engine->set_waker(&GlfwHost::wake);
    if (!options.no_hooks) {
        if (options.hook_bind != "127.0.0.1")
            std::fprintf(stderr,
                         "imhost: WARNING: the hook server listens on %s, not loopback; anyone "
                         "who can reach it and knows the token can drive this app\n",
                         options.hook_bind.c_str());
        if (auto failure = hooks_engine->start(); !failure.empty()) {
            std::fprintf(stderr, "imhost: hook server: %s\n", failure.c_str());
            host.reset();
            ImGui::DestroyContext();
            return kExitFailure;
        }
        std::printf("imhost: hook server %s (token %s)\n", hooks_engine->server().url().c_str(),
                    token.c_str());
        std::fflush(stdout);
    }

    Workbench workbench;
    hooks::FrameLoopStatus& status = hooks_engine->loop_status();
    status.set_running();
    int frames_since_event = 0;
    long long frames = 0;
    auto next_frame = Clock::now();
    while (!host->should_close() && !hooks_engine->shutdown_requested()) {
        status.heartbeat();
        const bool had_commands = hooks_engine->run_commands() > 0;
        if (had_commands) frames_since_event = 0;

        host->begin_frame();
        ImGui::NewFrame();
        workbench.draw();
        ImGui::Render();
        host->render();
        host->present();
        hooks_engine->frame_rendered();
        ++frames;
        if (options.exit_after_frames && frames >= *options.exit_after_frames) break;

        // Pace: never faster than max_fps (swap interval is ignored under Xvfb), and sleep in
        // glfwWaitEventsTimeout while nothing happens.
        ++frames_since_event;
        next_frame += std::chrono::microseconds(1'000'000 / options.max_fps);
        const auto now = Clock::now();
        if (next_frame < now) next_frame = now;
        status.idle_begin();
        const double wait = next_wait_s(frames_since_event, io.WantTextInput, options.max_fps);
        const auto wait_start = Clock::now();
        host->wait_events(wait);
        // Woken before the timeout: input or a command arrived, so draw a few frames.
        if (Clock::now() - wait_start < std::chrono::duration<double>(wait * 0.9))
            frames_since_event = 0;
        std::this_thread::sleep_until(next_frame);  // early input still respects the cap
        status.idle_end();
    }
    status.set_stopping();
    hooks_engine->stop();
    host.reset();
    ImGui::DestroyContext();
    return kExitOk;
}

}  // namespace imhost
