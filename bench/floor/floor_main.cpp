// floor_main.cpp: the floor, i.e. the least a GLFW + OpenGL3 + Dear ImGui + cpp-httplib window
// can do. The benchmarks compare imhost with it: it is the physical limit of this stack on the
// machine, built from the same Debian sources and the same CMake targets as imhost.
//
//   imhost_floor PORT     one window, one route: GET /api/gui_health
//
// Health answers 503 {"status":"fail"} until the first frame is presented, then 200
// {"status":"pass"}, like imhost. The loop is event driven (glfwWaitEventsTimeout), so an idle
// floor draws one frame a second. The socket options match imhost's hook server (TCP_NODELAY,
// SO_REUSEADDR without SO_REUSEPORT), so only the work differs. SIGTERM ends it.
#include <glad/gl.h>
// glad first: GLFW must not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

namespace {

std::atomic<unsigned long long> g_frames{0};

void serve_health(httplib::Server& server) {
    server.set_tcp_nodelay(true);
    server.set_socket_options([](socket_t sock) {
        int one = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    });
    server.Get("/api/gui_health", [](const httplib::Request&, httplib::Response& res) {
        const unsigned long long frames = g_frames.load(std::memory_order_acquire);
        res.status = frames > 0 ? 200 : 503;
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::string(R"({"status":")") + (frames > 0 ? "pass" : "fail") +
                            R"(","frame":{"count":)" + std::to_string(frames) + "}}",
                        "application/json");
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: imhost_floor PORT\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    if (!glfwInit()) {
        std::fprintf(stderr, "imhost_floor: cannot open the display (is DISPLAY set?)\n");
        return 3;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "imhost floor", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "imhost_floor: no OpenGL 3.3 core context\n");
        return 3;
    }
    glfwMakeContextCurrent(window);
    if (gladLoadGL(glfwGetProcAddress) == 0) return 3;
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    httplib::Server server;
    serve_health(server);
    if (!server.bind_to_port("127.0.0.1", port)) {
        std::fprintf(stderr, "imhost_floor: cannot bind 127.0.0.1:%d\n", port);
        return 1;
    }
    std::thread http([&] { server.listen_after_bind(); });

    int clicks = 0;
    while (!glfwWindowShouldClose(window)) {
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::Begin("floor");
        if (ImGui::Button("Click me")) ++clicks;
        ImGui::Text("clicks: %d", clicks);
        ImGui::End();
        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
        g_frames.fetch_add(1, std::memory_order_release);
        glfwWaitEventsTimeout(1.0);
    }
    server.stop();
    http.join();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
