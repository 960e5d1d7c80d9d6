// headless_imgui.h: a Dear ImGui context without a window or renderer, for the guard's tests.
//
// Each test gets a fresh context (a fatal frame leaves one unusable). Frames go through the
// real frame guard: NewFrame(), the test's draw, Render().
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "imgui_guard/guard.h"

struct ImGuiContext;

namespace guard_test {

class HeadlessImGui {
  public:
    HeadlessImGui();   // creates and selects a context: 800x600, built-in font
    ~HeadlessImGui();  // destroys it
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    imgui_guard::FrameOutcome frame(const std::function<void()>& draw);  // one guarded frame
    std::uint64_t frames() const { return frames_; }

  private:
    ImGuiContext* context_ = nullptr;
    std::uint64_t frames_ = 0;
};

// A well-behaved panel: a window with a few widgets. Counts its draws, and checks that it runs
// at the top level (nothing leaked by an earlier panel is still open around it).
struct HealthyPanel {
    std::string name = "Healthy";
    int draws = 0;
    int nested_draws = 0;  // draws that found a foreign window still open around them
    void draw();
};

}  // namespace guard_test
