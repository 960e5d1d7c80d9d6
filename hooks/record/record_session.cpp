// record_session.cpp: FrameInput from the ImGui context, and the published steps.
#include "hooks/record/record_session.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <fstream>

#include "hooks/ui/draw_readback.h"
#include "hooks/ui/key_chord.h"

namespace hooks {

namespace {

bool went_down(ImGuiContext& ctx, ImGuiKey key) {
    return ImGui::GetKeyData(&ctx, key)->DownDuration == 0.0f;
}

FrameInput frame_input(ImGuiContext& ctx) {
    FrameInput in;
    in.mouse_released = ctx.IO.MouseReleased[0];
    in.escape_pressed = went_down(ctx, ImGuiKey_Escape);
    for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_GamepadStart; ++k) {
        const auto key = static_cast<ImGuiKey>(k);
        if (is_modifier_key(key) || !went_down(ctx, key)) continue;
        in.keys.push_back(KeyChord{ctx.IO.KeyMods, key}.name());
    }
    in.shown_text = [&ctx](const ItemRecord& item) {
        ImGuiWindow* window = ImGui::FindWindowByName(item.window.c_str());
        if (!window) return std::string();
        const DrawnState state = read_drawn_state(ctx, window, item.rect);
        return state.kind == DrawnState::Kind::frame ? state.text : std::string();
    };
    in.drawn_texts = [&ctx](const ItemRecord& item) {
        std::vector<std::string> texts;
        ImGuiWindow* window = ImGui::FindWindowByName(item.window.c_str());
        if (!window) return texts;
        // A combo's label is drawn beside its frame, on the same line: read to the right too.
        UiRect line_band = item.rect;
        line_band.w += window->Size.x;
        for (const DrawnLine& line : read_drawn_text(ctx, window, line_band))
            for (const DrawnRun& run : line.runs) texts.push_back(run.text);
        return texts;
    };
    return in;
}

}  // namespace

RecordSession::RecordSession(std::string app) {
    recorder_.set_app(std::move(app));
    publish();
}

void RecordSession::frame(ImGuiContext& ctx, std::shared_ptr<const UiSnapshot> snapshot) {
    if (!recorder_.recording()) return;
    recorder_.observe(std::move(snapshot), frame_input(ctx));
    publish();
}

bool RecordSession::start() {
    if (recorder_.recording()) return false;
    recorder_.start();
    publish();
    return true;
}

bool RecordSession::stop() {
    if (!recorder_.recording()) return false;
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    const FrameInput now = ctx ? frame_input(*ctx) : FrameInput{};
    recorder_.stop(ctx ? &now : nullptr);
    publish();
    return true;
}

std::string RecordSession::record_to_file(const std::string& path) {
    const std::optional<CodeFormat> format = code_format_for_file(path);
    if (!format)
        return "--record " + path + ": the format follows the extension: .py, .cpp or .json";
    if (!std::ofstream(path)) return "--record " + path + ": cannot write the file";
    file_ = path;
    file_format_ = *format;
    published_version_ = ~0ull;  // written now, empty
    if (!recorder_.recording()) recorder_.start();
    publish();
    return "";
}

void RecordSession::publish() {
    if (recorder_.version() == published_version_) return;
    published_version_ = recorder_.version();
    published_.publish(nlohmann::json{{"recording", recorder_.recording()},
                                      {"app", recorder_.app()},
                                      {"steps", recorder_.steps()}});
    if (file_.empty()) return;
    std::ofstream out(file_, std::ios::trunc);
    out << step_code(recorder_.steps(), recorder_.app(), file_format_);
}

}  // namespace hooks
