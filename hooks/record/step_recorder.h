// step_recorder.h: what a person (or the API's injected input) did to the GUI, as replayable
// steps: the capture side of the recorder. Code generation is apart (step_code.h).
//
// The recorder never looks at raw mouse coordinates. Once per frame, on the GUI thread, it is
// handed the UiSnapshot the item registry just published, plus the few input facts of that frame
// (a mouse release, keys pressed), and compares it with the frame before:
//
//   seen between two frames                               step
//   a release over the item pressed (or hovered) before  click           {target}
//   `checked` flipped on a hovered/focused checkbox       set_value       {target, value: bool}
//   `opened` flipped on a tree node or header             open            {target, open}
//   a release on a menu item in a ###Menu_NN popup        menu            {path, window}
//   a release on an entry of a ##Combo_NN popup           combo           {target, item}
//   an InputText that stops being active (not Escape)     set_value       {target, value}
//   a slider or drag released (the value it now shows)    set_value       {target, value}
//   popups closed after a click opened one                close_popups    {}
//   a window collapsed/expanded or closed by its buttons  window          {window, do}
//   keys pressed with no text field active                keys            {keys: [...]}
//   a new window after a step                             wait            {condition}
//   (at stop) a value the session left                    expect          {target, value}
//
// Compaction: a whole edit (many frames of typing, a drag over many frames) is one step, made
// when the edit ends; a set_value right after another on the same target replaces it.
// Each target is the most stable locator unique in that frame (locator_choice.h); a step whose
// better locator was ambiguous says why in "why".
//
// Threads: GUI thread only (observe, start, stop). Readers on other threads use the published
// copy (hooks/detail/engine.h keeps it).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/ui/ui_snapshot.h"

namespace hooks {

// Items of this window are never recorded: the Recorder window itself. Nor is the key that shows
// it (app/record/recorder_window.h).
inline constexpr const char* kRecorderWindow = "imhost Recorder";
inline constexpr const char* kRecorderKey = "F9";

// What the frame's input was, beyond what the snapshot says, and what the frame drew (read on
// the GUI thread from the draw data when the recorder asks).
struct FrameInput {
    bool mouse_released = false;    // the left button went up in this frame
    bool escape_pressed = false;    // Escape went down in this frame (an edit is cancelled)
    std::vector<std::string> keys;  // other keys that went down, as chords: "Down", "Ctrl+Z"
    // The text shown inside the item's frame (a slider's value, a combo's preview), "" if none.
    std::function<std::string(const ItemRecord&)> shown_text;
    // Every text run drawn over the item's rect and to its right on the same line (a combo's
    // own label, beside its frame).
    std::function<std::vector<std::string>(const ItemRecord&)> drawn_texts;
};

class StepRecorder {
  public:
    void start();  // forgets the steps of any earlier recording
    // An edit in progress is kept as its step; then one `expect` step {target, value} per value
    // the session left (fields edited, toggles, combo entries) on an item still drawn: the
    // value the last frame shows, when `now` can read it (an app may clear a field it took),
    // else the value last set.
    void stop(const FrameInput* now = nullptr);
    bool recording() const { return recording_; }

    // GUI thread, once per frame while recording, after the registry published `snapshot`.
    void observe(std::shared_ptr<const UiSnapshot> snapshot, const FrameInput& input);

    const nlohmann::json& steps() const { return steps_; }  // a JSON array of steps
    std::uint64_t version() const { return version_; }      // changes with every change of steps
    const std::string& app() const { return app_; }
    void set_app(std::string app) { app_ = std::move(app); }  // "demo", "workbench", ...

  private:
    struct Edit {  // an InputText being typed into
        std::uint32_t imgui_id = 0;
        nlohmann::json target;
        std::string why;
        std::string text;
        bool numeric = false;
    };
    struct Drag {  // a slider or drag held
        std::uint32_t imgui_id = 0;
        nlohmann::json target;
        std::string why;
    };
    struct Combo {  // a combo whose popup is open
        nlohmann::json target;
        std::string why;
    };

    void emit(nlohmann::json step, std::uint64_t frame);
    void step_on(const char* action, const ItemRecord& item, const UiSnapshot& snap,
                 nlohmann::json args, std::uint64_t frame);
    void finish_edit(bool cancelled, std::uint64_t frame);
    void finish_drag(const UiSnapshot& snap, const FrameInput& input);
    void watch_edits(const UiSnapshot& snap, const FrameInput& input);
    void watch_clicks(const UiSnapshot& snap, const FrameInput& input);
    void watch_flips(const UiSnapshot& snap, const FrameInput& input);
    void watch_windows(const UiSnapshot& snap, const FrameInput& input);
    void add_expectations(const UiSnapshot& last, const FrameInput* now);
    nlohmann::json menu_step(const ItemRecord& item, const UiSnapshot& snap) const;
    bool skipped(const ItemRecord& item) const { return item.root_window == kRecorderWindow; }

    bool recording_ = false;
    std::string app_ = "workbench";
    nlohmann::json steps_ = nlohmann::json::array();
    std::uint64_t version_ = 0;
    std::uint64_t last_step_frame_ = 0;
    std::shared_ptr<const UiSnapshot> prev_;
    std::optional<Edit> edit_;
    std::optional<Drag> drag_;
    std::optional<Combo> combo_;
    std::optional<ItemRecord> unlabeled_click_;  // a combo's frame or a title-bar button
    std::uint64_t unlabeled_click_frame_ = 0;
};

}  // namespace hooks
