// app.cpp: run_app(): wires the window, the hook engine, the workbench and the frame loop.
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "app/app_options.h"
#include "app/host/frame_loop.h"
#include "app/host/glfw_host.h"
#include "app/workbench/workbench.h"
#include "hooks/hook_engine.h"
#include "imgui.h"

namespace imhost {

namespace {

std::string make_instance_id() { return hooks::random_token(8); }

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
    FrameLoop loop(*host, *hooks_engine, options);
    loop.set_draw([&] { workbench.draw(); });
    const int exit_code = loop.run();
    hooks_engine->stop();
    host.reset();
    ImGui::DestroyContext();
    return exit_code;
}

}  // namespace imhost
