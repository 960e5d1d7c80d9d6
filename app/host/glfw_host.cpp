// glfw_host.cpp: GLFW window + GL context + ImGui backends.
#include "app/host/glfw_host.h"

#include <glad/gl.h>
// glad first: GLFW must not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <stb/stb_image.h>

#include <cstdlib>
#include <mutex>
#include <shared_mutex>

#include "app/host/draw_fingerprint.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

namespace imhost {

namespace {
// wake() may run on any thread (a hook command, SIGTERM's watcher) at any moment, even while
// the GUI thread tears GLFW down: glfwPostEmptyEvent() must not write to a pipe that
// glfwTerminate() is closing. wake() holds the gate shared; the teardown closes it.
std::shared_mutex g_wake_gate;
bool g_can_wake = false;  // under g_wake_gate

std::string g_last_glfw_error;
void on_glfw_error(int code, const char* description) {
    g_last_glfw_error = std::string(description) + " (GLFW error " + std::to_string(code) + ")";
}
}  // namespace

std::unique_ptr<GlfwHost> GlfwHost::open(const HostOptions& options, std::string& error) {
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) {
        error = "no DISPLAY: run under xvfb-run, or use `make run` (it starts Xvfb for you)";
        return nullptr;
    }
    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit()) {
        error = "cannot open the display '" + std::string(display ? display : wayland) +
                "': " + g_last_glfw_error + "; is the X server running? try xvfb-run";
        return nullptr;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    std::unique_ptr<GlfwHost> host(new GlfwHost());
    host->window_ =
        glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
    if (!host->window_) {
        error = "no OpenGL 3.3 core context: " + g_last_glfw_error +
                "; install Mesa (libgl1-mesa-dri) or check the X server's GLX support";
        return nullptr;
    }
    glfwMakeContextCurrent(host->window_);
    glfwSwapInterval(1);  // ignored under Xvfb; the frame loop paces itself
    if (gladLoadGL(glfwGetProcAddress) == 0) {
        error = "OpenGL functions could not be loaded (gladLoadGL failed)";
        return nullptr;
    }
    if (!options.icon_png.empty()) {
        int w = 0, h = 0, n = 0;
        if (unsigned char* pixels = stbi_load(options.icon_png.c_str(), &w, &h, &n, 4)) {
            GLFWimage image{w, h, pixels};
            glfwSetWindowIcon(host->window_, 1, &image);
            stbi_image_free(pixels);
        }
    }
    // The window system lost our pixels (uncovered, resized): the next frame is drawn whatever
    // its fingerprint. ImGui's backend does not use this callback.
    glfwSetWindowUserPointer(host->window_, host.get());
    glfwSetWindowRefreshCallback(host->window_, [](GLFWwindow* window) {
        static_cast<GlfwHost*>(glfwGetWindowUserPointer(window))->damaged_ = true;
    });
    ImGui_ImplGlfw_InitForOpenGL(host->window_, true);
    {
        std::unique_lock gate(g_wake_gate);
        g_can_wake = true;
    }
    ImGui_ImplOpenGL3_Init("#version 330 core");
    host->backends_ready_ = true;
    return host;
}

GlfwHost::~GlfwHost() {
    {
        std::unique_lock gate(g_wake_gate);  // waits for a wake() in progress
        g_can_wake = false;
    }
    if (backends_ready_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
}

bool GlfwHost::should_close() const { return glfwWindowShouldClose(window_) != 0; }

void GlfwHost::wait_events(double timeout_s) {
    if (timeout_s <= 0)
        glfwPollEvents();
    else
        glfwWaitEventsTimeout(timeout_s);
}

void GlfwHost::wake() {
    std::shared_lock gate(g_wake_gate);
    if (g_can_wake) glfwPostEmptyEvent();
}

void GlfwHost::begin_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
}

bool GlfwHost::render(bool force, bool unseen) {
    const ImDrawData& draw_data = *ImGui::GetDrawData();
    if (has_texture_work(draw_data)) {
        on_screen_ = 0;
    } else if (unseen && !force) {
        return false;  // the screen keeps what it showed; the next frame drawn compares to that
    } else {
        const std::uint64_t fingerprint = draw_fingerprint(draw_data);
        if (fingerprint == on_screen_ && !force && !damaged_) return false;
        on_screen_ = fingerprint;
    }
    damaged_ = false;
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    return true;
}

void GlfwHost::present() { glfwSwapBuffers(window_); }

std::string GlfwHost::gl_renderer() const {
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return renderer ? renderer : "unknown";
}

}  // namespace imhost
