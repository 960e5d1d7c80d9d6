// main.cpp: a Dear ImGui app in the shape of Dear ImGui's own GLFW + OpenGL 3 example
// (examples/example_glfw_opengl3), with imhost embedded: its failed IM_ASSERTs are recorded
// instead of aborting, and a test drives it over HTTP (health, items, clicks, screenshots).
// Every line imhost adds is marked "// imhost: ..."; the rest is what any such app has.
//
//   example_glfw_opengl3 [--hook-port N] [--port-file PATH]
//
// Build it against the installed package (see CMakeLists.txt and README.md).

// imhost's OpenGL 3 backend calls GL through glad: its header first, so that GLFW's does not
// bring the system's GL header.
#include <glad/gl.h>
// (after glad)
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "hooks/glfw_opengl3/glfw_opengl3.h"  // imhost: the GLFW + OpenGL 3 adapters
#include "hooks/hook_engine.h"                // imhost: the hook server
#include "imgui.h"
#include "imgui_guard/guard.h"  // imhost: guarded panels
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

namespace {

// The two flags a test harness passes to any app (imhost's own take more). Parsed by hand: two
// flags do not justify a dependency that every copy of this example would have to carry.
struct Flags {
    int hook_port = 8999;   // --hook-port: 0 picks a free one
    std::string port_file;  // --port-file: {url, port, pid, token, instance_id}, once listening
};

bool parse_flags(int argc, char** argv, Flags& flags) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--hook-port" && has_value) {
            char* end = nullptr;
            const long port = std::strtol(argv[++i], &end, 10);
            if (*end != '\0' || port < 0 || port > 65535) {
                std::fprintf(stderr, "--hook-port: '%s' is not a port (0-65535)\n", argv[i]);
                return false;
            }
            flags.hook_port = static_cast<int>(port);
        } else if (arg == "--port-file" && has_value) {
            flags.port_file = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--hook-port N] [--port-file PATH]\n", argv[0]);
            return false;
        }
    }
    return true;
}

void glfw_error_callback(int error, const char* description) {
    std::fprintf(stderr, "GLFW error %d: %s\n", error, description);
}

// What the panel shows and changes.
struct ExampleState {
    int clicks = 0;
    bool show_details = false;
};

// The app's one panel. Drawn inside imgui_guard::guarded(), so a failed IM_ASSERT here is
// recorded (health's last_assert, GET /api/errors) and this panel goes on drawing next frame.
// The "##id" part of a label is the id tests use to find the item.
void draw_example_panel(ExampleState& state) {
    ImGui::SetNextWindowPos(ImVec2(20, 20), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(420, 220), ImGuiCond_FirstUseEver);
    ImGui::Begin("Example");
    ImGui::TextUnformatted("A guarded panel of a plain Dear ImGui app.");
    if (ImGui::Button("Count##btn_count")) ++state.clicks;
    ImGui::SameLine();
    ImGui::Text("clicks: %d", state.clicks);
    ImGui::Checkbox("Show details##chk_details", &state.show_details);
    if (state.show_details) ImGui::TextUnformatted("Details: the checkbox is ticked.");
    ImGui::Separator();
    if (ImGui::Button("Fail an assert##btn_fail_assert"))
        IM_ASSERT(false && "the example's own failing assertion");  // recorded, not aborting
    ImGui::End();
}

}  // namespace

int main(int argc, char** argv) {
    Flags flags;
    if (!parse_flags(argc, argv, flags)) return 2;

    glfwSetErrorCallback(glfw_error_callback);
    if (!glfwInit()) return 3;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window =
        glfwCreateWindow(800, 500, "imhost example: GLFW + OpenGL 3", nullptr, nullptr);
    if (!window) return 3;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    if (gladLoadGL(glfwGetProcAddress) == 0) return 3;  // before ImGui_ImplOpenGL3_Init()

    imgui_guard::warm_up();  // imhost: optional; the first stack is symbolized now, not mid-frame
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.IniFilename = nullptr;  // tests run several copies from one folder
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    // imhost: [1] the engine, after ImGui::CreateContext(). Always give it a token: the
    // token-protected routes compare against it, and the port file hands it to the tests.
    hooks::HookEngineOptions options;
    options.server.port = flags.hook_port;
    options.server.token = hooks::random_token();
    options.server.port_file = flags.port_file;
    options.app = "example_glfw_opengl3";  // GET /api/status says which app this is
    hooks::HookEngine engine(options);
    hooks::use_glfw_opengl3(engine);  // imhost: [2] waking the loop, screenshots
    ExampleState state;
    // imhost: optional; values ImGui does not keep, for GET /api/items/value (GUI thread).
    // {get, set}: an empty set makes the value read-only.
    engine.bind_value("txt_clicks", {[&state] { return nlohmann::json(state.clicks); }, {}});
    engine.bind_value("chk_details", {[&state] { return nlohmann::json(state.show_details); }, {}});
    if (const std::string error = engine.start(); !error.empty()) {  // imhost: [3] listen
        std::fprintf(stderr, "example: hook server: %s\n", error.c_str());
        return 1;
    }
    std::printf("example: hook server %s\n", engine.url().c_str());
    std::fflush(stdout);

    const ImVec4 clear_color(0.45f, 0.55f, 0.60f, 1.00f);
    while (!glfwWindowShouldClose(window) && !engine.shutdown_requested()) {  // imhost: + shutdown
        // Dear ImGui's example polls and lets vsync pace it. Xvfb (where tests run it) has no
        // vsync, so this waits for input, a hook command (the waker posts an empty event) or
        // the next 60 Hz tick instead of spinning a core.
        glfwWaitEventsTimeout(1.0 / 60.0);
        if (glfwGetWindowAttrib(window, GLFW_ICONIFIED) != 0) continue;

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        imgui_guard::guarded("Example panel", [&state] { draw_example_panel(state); });  // imhost
        ImGui::Render();

        int display_w = 0, display_h = 0;
        glfwGetFramebufferSize(window, &display_w, &display_h);
        glViewport(0, 0, display_w, display_h);
        glClearColor(clear_color.x, clear_color.y, clear_color.z, clear_color.w);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        engine.frame_rendered();  // imhost: [4] after rendering, before presenting
        glfwSwapBuffers(window);
    }

    engine
        .stop();  // imhost: [5] before the backends and the context go, and before glfwTerminate()
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
