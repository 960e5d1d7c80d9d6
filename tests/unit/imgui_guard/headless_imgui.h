// headless_imgui.h: a Dear ImGui context without a window or renderer, for the guard's tests.
//
// Each test gets a fresh context (a fatal frame leaves one unusable). Frames go through the
// real frame guard: NewFrame(), the test's draw, Render().
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

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

// One frame with a faulty panel between two draws of the healthy one, after three healthy
// frames (so the fault's frame is an ordinary one): what the frame and guarded() said, and the
// records it made.
struct FaultFrame {
    imgui_guard::FrameOutcome outcome;
    bool returned = true;  // guarded() of the faulty panel
    std::vector<imgui_guard::Record> records;
};
FaultFrame fault_frame(HeadlessImGui& imgui, HealthyPanel& healthy, const char* panel,
                       const std::function<void()>& draw);

// `frames` frames of the healthy panel alone, each checked to render; the records they made.
std::vector<imgui_guard::Record> healthy_frames(HeadlessImGui& imgui, HealthyPanel& healthy,
                                                int frames);

// A fresh context, no records, no quarantined panel.
class GuardTest : public ::testing::Test {
  protected:
    void SetUp() override {
        imgui_guard::clear_errors();
        imgui_guard::reenable_all_panels();
    }
    HeadlessImGui imgui;
    HealthyPanel healthy;
};

}  // namespace guard_test
