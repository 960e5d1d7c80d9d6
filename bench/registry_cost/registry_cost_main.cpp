// registry_cost_main.cpp: what the item registry costs the GUI thread on Dear ImGui's demo
// window, headless: no GL, no window, no other process; it runs in seconds. Section 8 measures the
// real thing (the demo with its example windows, under llvmpipe) and is the one to judge a change
// by: here the same binary moved by a few points between runs (5.4-8.3 %), as much as the changes
// it was asked to judge.
//
//   imhost_registry_cost [ROUNDS] [FRAMES]    prints one JSON object
//
// Every tree node and header of the demo window is opened first (through the registry's own
// snapshot: each openable item's open state set in its window's storage). Then three states
// alternate, ROUNDS times FRAMES frames each, timed by the GUI thread's CPU clock:
//   - off: no sink, ImGui's hooks off (ImGui's own frame);
//   - hooks: a sink that returns at once: what ImGui's calls into the hooks cost;
//   - registry: the item registry as the host runs it: the hand-over to its thread (end_frame())
//     every frame, the thread woken every ItemRegistry::kBatch frames, as while nobody reads. With
//     no GL to draw, this thread's frames come faster than on the real demo, and the registry's
//     thread works beside them instead of beside llvmpipe: a build whose hooks capture nothing
//     cost ~6.5 % here against ~2 % on the real demo. So this figure is a quick look at the
//     hooks, not the target (section 8's).
#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "hooks/ui/item_registry.h"
#include "imgui.h"
#include "imgui_guard/test_engine_hooks.h"
#include "imgui_internal.h"

namespace {

std::int64_t thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

class ReturningSink final : public imgui_guard::ItemSink {
  public:
    void item_add(ImGuiContext&, unsigned, const ImRect&, const ImGuiLastItemData*) override {}
    void item_info(ImGuiContext&, unsigned, const char*, int) override {}
};

enum class State { off, hooks, registry };
constexpr State kStates[] = {State::off, State::hooks, State::registry};
constexpr const char* kNames[] = {"off", "hooks", "registry"};

class Demo {
  public:
    Demo() : ctx_(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 800);
        io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
        io.Fonts->AddFontDefault();
        registry_.install(*ctx_);
    }
    ~Demo() {
        set(State::off);
        ImGui::DestroyContext(ctx_);
    }
    Demo(const Demo&) = delete;
    Demo& operator=(const Demo&) = delete;

    void set(State s) {
        if (state_ == State::registry) registry_.uninstall(*ctx_);
        if (state_ == State::hooks) imgui_guard::install_item_sink(*ctx_, nullptr);
        state_ = s;
        if (state_ == State::registry) registry_.install(*ctx_);
        if (state_ == State::hooks) imgui_guard::install_item_sink(*ctx_, &returning_);
    }

    void frame() {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        if (state_ == State::registry) registry_.begin_frame(++frames_);
        ImGui::ShowDemoWindow();
        ImGui::Render();
        if (state_ == State::registry) {
            const std::int64_t t0 = thread_cpu_ns();
            registry_.end_frame(*ctx_);
            handover_ns_ += thread_cpu_ns() - t0;
            ++handovers_;
        }
    }

    // Opens every openable item the registry saw, until there is none left (or 60 frames).
    std::size_t open_everything() {
        set(State::registry);
        for (int i = 0; i < 60; ++i) {
            frame();
            int opened = 0;
            for (const hooks::ItemRecord& it : registry_.snapshot()->items) {
                if (!it.openable || it.opened) continue;
                if (ImGuiWindow* w = ImGui::FindWindowByName(it.window.c_str())) {
                    w->StateStorage.SetInt(it.imgui_id, 1);
                    ++opened;
                }
            }
            if (opened == 0 && i > 2) break;
        }
        handover_ns_ = 0;
        handovers_ = 0;
        return registry_.snapshot()->items.size();
    }

    double handover_us() const {
        return handovers_
                   ? static_cast<double>(handover_ns_) / 1e3 / static_cast<double>(handovers_)
                   : 0;
    }

  private:
    ImGuiContext* ctx_;
    hooks::ItemRegistry registry_;
    ReturningSink returning_;
    State state_ = State::registry;
    std::uint64_t frames_ = 0;
    std::int64_t handover_ns_ = 0;
    std::int64_t handovers_ = 0;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 12;
    const int frames = argc > 2 ? std::max(1, std::atoi(argv[2])) : 100;
    Demo demo;
    const std::size_t items = demo.open_everything();
    std::vector<double> us[3];  // per state, per round: CPU per frame
    for (int round = 0; round < rounds; ++round) {
        for (int k = 0; k < 3; ++k) {
            const int s = round % 2 == 0 ? k : 2 - k;  // ABC CBA ...
            demo.set(kStates[s]);
            for (int i = 0; i < 10; ++i) demo.frame();  // the state's first frames, untimed
            const std::int64_t t0 = thread_cpu_ns();
            for (int i = 0; i < frames; ++i) demo.frame();
            us[s].push_back(static_cast<double>(thread_cpu_ns() - t0) / 1e3 / frames);
        }
    }
    std::printf("{\"items\": %zu, \"rounds\": %d, \"frames\": %d, \"handover_us\": %.2f", items,
                rounds, frames, demo.handover_us());
    for (int s = 0; s < 3; ++s) {
        std::vector<double> ratio;
        ratio.reserve(static_cast<std::size_t>(rounds));
        for (int round = 0; round < rounds; ++round) ratio.push_back(us[s][round] / us[0][round]);
        std::printf(", \"%s\": {\"least_us\": %.1f, \"overhead_pct\": %.2f}", kNames[s],
                    *std::min_element(us[s].begin(), us[s].end()), (median(ratio) - 1) * 100);
    }
    std::printf("}\n");
}
