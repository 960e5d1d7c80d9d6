// glfw_host.h: the platform under the app: a GLFW window, an OpenGL 3.3 core context, and Dear
// ImGui's GLFW + OpenGL3 backends (Tracy's Backend idea). GUI thread only, except wake().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace imhost {

struct HostOptions {
    int width = 1280, height = 800;
    std::string title = "imhost";
    std::string icon_png;  // optional window icon
};

class GlfwHost {
  public:
    // Opens the window and the GL context and initialises ImGui's backends. On failure returns
    // nullptr and sets `error` to one line saying what is missing and what to do.
    static std::unique_ptr<GlfwHost> open(const HostOptions& options, std::string& error);
    ~GlfwHost();

    bool should_close() const;
    void wait_events(double timeout_s);  // returns on input, on wake(), or after the timeout
    static void wake();                  // any thread: glfwPostEmptyEvent()

    void begin_frame();  // backends' NewFrame (before ImGui::NewFrame)
    // After ImGui::Render(): draws ImGui's draw data and returns true, or returns false and
    // draws nothing when the frame is pixel for pixel what is already on screen (see
    // draw_fingerprint.h) and `force` is false. With `unseen` (nobody will look at this frame),
    // nothing is drawn either unless `force`, or ImGui has texture work for the renderer, which
    // must not wait. Present only a frame that was drawn.
    bool render(bool force, bool unseen = false);
    void present();  // swap buffers

    GLFWwindow* window() const { return window_; }
    std::string gl_renderer() const;

  private:
    GlfwHost() = default;
    GLFWwindow* window_ = nullptr;
    bool backends_ready_ = false;
    std::uint64_t on_screen_ = 0;  // fingerprint of the presented frame; 0: unknown
    bool damaged_ = true;          // the window system lost our pixels (expose, resize)
};

}  // namespace imhost
