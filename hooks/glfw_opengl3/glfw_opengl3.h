// glfw_opengl3.h: the two small adapters a GLFW + OpenGL 3 app hands its HookEngine.
//
//   hooks::use_glfw_opengl3(engine);   // after constructing the engine, before start()
//
// The engine needs two things from the platform, and nothing else of it:
//   waking     an idle loop that sleeps in glfwWaitEvents() must wake when a command arrives
//              (a loop that polls does not care): glfw_wake(), from any thread
//   pixels     GET /api/screenshot reads the frame just rendered, before it is presented:
//              read_opengl_back_buffer(), on the GUI thread, from HookEngine::frame_rendered()
// glfwPostEmptyEvent() must not race glfwTerminate(): call HookEngine::stop() before
// glfwTerminate(), and let no other thread of yours wake the loop after it (or pass a waker of
// your own that is gated against the teardown, as imhost's is).
// Another backend (SDL, Vulkan, DirectX) writes its own two functions and passes them to
// HookEngine::set_waker() and HookEngine::set_frame_reader().
#pragma once

#include "hooks/gui/frame_pixels.h"

namespace hooks {

class HookEngine;

void glfw_wake();                           // glfwPostEmptyEvent(); any thread
FramePixels read_opengl_back_buffer();      // GL_BACK of the current context's window, RGBA8
void use_glfw_opengl3(HookEngine& engine);  // set_waker(glfw_wake), set_frame_reader(read...)

}  // namespace hooks
