// glfw_opengl3.cpp: waking through GLFW, and reading the back buffer through OpenGL.
//
// Only OpenGL 1.1 calls are used (glReadPixels, glReadBuffer, glPixelStorei), which libGL
// exports itself: this file works beside whatever loader the app uses (glad, gl3w, ImGui's own),
// without one of its own.
#include "hooks/glfw_opengl3/glfw_opengl3.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdint>

#include "hooks/hook_engine.h"

namespace hooks {

void glfw_wake() { glfwPostEmptyEvent(); }

FramePixels read_opengl_back_buffer() {
    FramePixels out;
    GLFWwindow* window = glfwGetCurrentContext();
    if (!window) return out;
    glfwGetFramebufferSize(window, &out.width, &out.height);
    out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, out.width, out.height, GL_RGBA, GL_UNSIGNED_BYTE, out.rgba.data());
    // GL's origin is the bottom row; images start at the top.
    const std::size_t row = static_cast<std::size_t>(out.width) * 4;
    for (int y = 0; y < out.height / 2; ++y)
        std::swap_ranges(
            out.rgba.begin() + static_cast<std::ptrdiff_t>(row * y),
            out.rgba.begin() + static_cast<std::ptrdiff_t>(row * (y + 1)),
            out.rgba.begin() + static_cast<std::ptrdiff_t>(row * (out.height - 1 - y)));
    return out;
}

void use_glfw_opengl3(HookEngine& engine) {
    engine.set_waker(&glfw_wake);
    engine.set_frame_reader(&read_opengl_back_buffer);
}

}  // namespace hooks
