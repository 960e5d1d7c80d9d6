// step_recorder.cpp: frames compared two at a time, turned into steps (step_recorder.h).
#include "hooks/record/step_recorder.h"

#include <charconv>
#include <cstdlib>
#include <unordered_map>

#include "hooks/record/locator_choice.h"
#include "hooks/ui/locator.h"

namespace hooks {

namespace {

// Steps within this many frames of a window's appearance are taken to have opened it.
constexpr std::uint64_t kOpenedByStepFrames = 60;

bool is_menu_popup(const std::string& window) {
    return window.find("###Menu_") != std::string::npos;
}
bool is_combo_popup(const std::string& window) { return window.rfind("##Combo_", 0) == 0; }
bool is_tooltip(const std::string& window) { return window.rfind("##Tooltip", 0) == 0; }

// "Tools###Menu_01" -> 1
std::size_t menu_depth(const std::string& window) {
    const std::size_t at = window.find("###Menu_");
    return static_cast<std::size_t>(std::atoi(window.c_str() + at + 8));
}

// "0.500" -> 0.5, "42" -> 42; the first number in `text` ("ratio = 0.25" -> 0.25); null if none.
nlohmann::json number_in(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') continue;
        const char* begin = text.c_str() + i;
        const char* end = text.c_str() + text.size();
        long long whole = 0;
        auto [int_end, int_error] = std::from_chars(begin + (c == '+'), end, whole);
        double real = 0;
        auto [real_end, real_error] = std::from_chars(begin + (c == '+'), end, real);
        if (real_error != std::errc()) continue;
        if (int_error == std::errc() && int_end == real_end) return whole;
        return real;
    }
    return nullptr;
}

const ItemRecord* find(const UiSnapshot& snap, std::uint32_t id) {
    return id == 0 ? nullptr : snap.find_item(id);
}

}  // namespace

void StepRecorder::start() {
    recording_ = true;
    steps_ = nlohmann::json::array();
    prev_.reset();
    edit_.reset();
    drag_.reset();
    combo_.reset();
    unlabeled_click_.reset();
    last_step_frame_ = 0;
    ++version_;
}

void StepRecorder::stop(const FrameInput* now) {
    if (edit_) finish_edit(false, last_step_frame_);
    if (prev_) add_expectations(*prev_, now);
    recording_ = false;
    prev_.reset();
    drag_.reset();
    combo_.reset();
    ++version_;
}

void StepRecorder::emit(nlohmann::json step, std::uint64_t frame) {
    // Compaction: a value set again at once replaces the first.
    if (!steps_.empty() && step["action"] == "set_value") {
        nlohmann::json& last = steps_.back();
        if (last["action"] == "set_value" && last["target"] == step["target"])
            steps_.erase(steps_.size() - 1);
    }
    step["frame"] = frame;
    steps_.push_back(std::move(step));
    last_step_frame_ = frame;
    ++version_;
}

void StepRecorder::step_on(const char* action, const ItemRecord& item, const UiSnapshot& snap,
                           nlohmann::json args, std::uint64_t frame) {
    const LocatorChoice choice = choose_locator(item, snap);
    nlohmann::json step = {{"action", action}, {"target", choice.target}};
    for (auto& [key, value] : args.items()) step[key] = value;
    if (!choice.why.empty()) step["why"] = choice.why;
    emit(std::move(step), frame);
}

void StepRecorder::observe(std::shared_ptr<const UiSnapshot> snapshot, const FrameInput& input) {
    if (!recording_ || !snapshot) return;
    if (!prev_) {
        prev_ = std::move(snapshot);
        return;
    }
    const UiSnapshot& snap = *snapshot;
    watch_edits(snap, input);
    watch_clicks(snap, input);
    watch_flips(snap, input);
    watch_windows(snap, input);
    prev_ = std::move(snapshot);
}

// The values the session left, for the generated test to check: the last value set on each
// target still drawn in the last frame (a field in a window closed since cannot be read).
namespace {

// What the last frame shows of `item`, when it says more than the value set on it: a field the
// app cleared or changed after the edit (a message box emptied by Send). A text that begins the
// set one is that text cut off by the frame's width.
nlohmann::json shown_value(const ItemRecord& item, const nlohmann::json& set,
                           const FrameInput* now) {
    if (item.checkable) return item.checked;
    if (!now || !now->shown_text || !item.visible || set.is_boolean()) return set;
    const std::string shown = now->shown_text(item);
    if (set.is_number()) {
        const nlohmann::json number = number_in(shown);
        return number.is_null() ? set : number;
    }
    if (set.is_string() && !shown.empty() && set.get<std::string>().rfind(shown, 0) == 0)
        return set;
    return set.is_string() ? nlohmann::json(shown) : set;
}

}  // namespace

void StepRecorder::add_expectations(const UiSnapshot& last, const FrameInput* now) {
    std::vector<std::pair<nlohmann::json, nlohmann::json>> expected;  // target -> value, in order
    for (const nlohmann::json& step : steps_) {
        nlohmann::json value;
        if (step["action"] == "set_value")
            value = step["value"];
        else if (step["action"] == "combo")
            value = step["item"];
        else
            continue;
        bool known = false;
        for (auto& [target, v] : expected)
            if (target == step["target"]) v = value, known = true;
        if (!known) expected.emplace_back(step["target"], value);
    }
    for (auto& [target, value] : expected) {
        const std::vector<const ItemRecord*> found = find_items(parse_locator(target), last);
        if (found.size() != 1) continue;
        steps_.push_back({{"action", "expect"},
                          {"target", target},
                          {"value", shown_value(*found.front(), value, now)}});
    }
    ++version_;
}

// --- edits: text typed, sliders and drags moved ------------------------------------------------

void StepRecorder::finish_edit(bool cancelled, std::uint64_t frame) {
    Edit edit = std::move(*edit_);
    edit_.reset();
    if (cancelled) return;  // Escape gives the field its old text back
    nlohmann::json value = edit.text;
    if (edit.numeric)
        if (nlohmann::json number = number_in(edit.text); !number.is_null()) value = number;
    nlohmann::json step = {{"action", "set_value"}, {"target", edit.target}, {"value", value}};
    if (!edit.why.empty()) step["why"] = edit.why;
    emit(std::move(step), frame);
}

void StepRecorder::finish_drag(const UiSnapshot& snap, const FrameInput& input) {
    Drag drag = std::move(*drag_);
    drag_.reset();
    const ItemRecord* item = find(snap, drag.imgui_id);
    if (!item || !input.shown_text) return;
    const nlohmann::json value = number_in(input.shown_text(*item));
    if (value.is_null()) return;  // not a number: a drag-and-drop source, say
    nlohmann::json step = {{"action", "set_value"}, {"target", drag.target}, {"value", value}};
    if (!drag.why.empty()) step["why"] = drag.why;
    emit(std::move(step), snap.frame);
}

void StepRecorder::watch_edits(const UiSnapshot& snap, const FrameInput& input) {
    const std::uint32_t typing = snap.active_input ? snap.active_input->imgui_id : 0;
    if (edit_ && edit_->imgui_id != typing) finish_edit(input.escape_pressed, snap.frame);
    if (typing != 0) {
        if (drag_ && drag_->imgui_id == typing) drag_.reset();  // Ctrl+click: typed, not dragged
        if (!edit_) {
            const ItemRecord* item = find(snap, typing);
            if (item && !skipped(*item)) {
                const LocatorChoice choice = choose_locator(*item, snap);
                edit_ = Edit{typing, choice.target, choice.why, {}, false};
            }
        }
        if (edit_) {
            edit_->text = snap.active_input->text;
            edit_->numeric = snap.active_input->numeric;
        }
    }
    if (drag_ && snap.active_id != drag_->imgui_id) finish_drag(snap, input);
    if (!drag_ && snap.active_id != 0 && snap.active_id != typing) {
        const ItemRecord* item = find(snap, snap.active_id);
        if (item && item->inputable && !skipped(*item)) {
            const LocatorChoice choice = choose_locator(*item, snap);
            drag_ = Drag{item->imgui_id, choice.target, choice.why};
        }
    }
}

// --- clicks ------------------------------------------------------------------------------------

nlohmann::json StepRecorder::menu_step(const ItemRecord& item, const UiSnapshot& snap) const {
    // The menus open above the item: the bar's, then one per popup depth.
    const std::size_t depth = menu_depth(item.window);
    std::vector<std::string> path(depth + 2);
    std::string bar_window;
    for (const ItemRecord& other : snap.items) {
        if (!other.menu || !other.opened) continue;
        if (!is_menu_popup(other.window)) {
            if (path[0].empty()) path[0] = other.label, bar_window = other.window;
        } else if (const std::size_t d = menu_depth(other.window); d < depth) {
            path[d + 1] = other.label;
        }
    }
    path[depth + 1] = item.label;
    std::string joined;
    for (const std::string& segment : path) {
        if (segment.empty()) return nullptr;  // a level that was not seen open
        if (!joined.empty()) joined += '/';
        joined += segment;
    }
    nlohmann::json step = {{"action", "menu"}, {"path", joined}};
    if (bar_window != "##MainMenuBar") step["window"] = bar_window;
    return step;
}

void StepRecorder::watch_clicks(const UiSnapshot& snap, const FrameInput& input) {
    if (!input.mouse_released) return;
    // A button holds the active ID from press to release; a menu item or selectable that acts
    // on release holds none, and is the one hovered.
    std::uint32_t id = prev_->active_id;
    if (id == 0)
        for (const ItemRecord& item : snap.items)
            if (item.hovered) id = item.imgui_id;
    const ItemRecord* item = find(snap, id);
    if (!item || !item->hovered || skipped(*item) || item->inputable) return;
    if (is_combo_popup(item->window)) {
        if (!combo_) return;
        nlohmann::json step = {
            {"action", "combo"}, {"target", combo_->target}, {"item", item->label}};
        if (!combo_->why.empty()) step["why"] = combo_->why;
        combo_.reset();
        emit(std::move(step), snap.frame);
        return;
    }
    if (is_menu_popup(item->window) && !item->menu) {
        if (nlohmann::json step = menu_step(*item, snap); !step.is_null())
            emit(std::move(step), snap.frame);
        return;
    }
    if (item->menu || item->checkable || item->openable) return;  // their flips say more
    if (item->label.empty()) {  // a combo's frame, a title-bar button: what follows says which
        unlabeled_click_ = *item;
        unlabeled_click_frame_ = snap.frame;
        return;
    }
    step_on("click", *item, snap, nlohmann::json::object(), snap.frame);
}

// --- state flips: checkboxes, tree nodes and headers --------------------------------------------

void StepRecorder::watch_flips(const UiSnapshot& snap, const FrameInput&) {
    std::unordered_map<std::uint32_t, const ItemRecord*> before;
    for (const ItemRecord& item : prev_->items) before.emplace(item.imgui_id, &item);
    for (const ItemRecord& item : snap.items) {
        if (skipped(item) || item.menu || is_menu_popup(item.window)) continue;
        auto it = before.find(item.imgui_id);
        if (it == before.end()) continue;
        const ItemRecord& was = *it->second;
        const bool touched = item.hovered || item.focused || was.hovered || was.focused;
        if (!touched) continue;
        if (item.checkable && was.checkable && item.checked != was.checked)
            step_on("set_value", item, snap, {{"value", item.checked}}, snap.frame);
        else if (item.openable && was.openable && item.opened != was.opened)
            step_on("open", item, snap, {{"open", item.opened}}, snap.frame);
    }
}

// --- windows and popups -------------------------------------------------------------------------

void StepRecorder::watch_windows(const UiSnapshot& snap, const FrameInput& input) {
    const bool clicked_lately =
        unlabeled_click_ && snap.frame - unlabeled_click_frame_ <= kOpenedByStepFrames;
    for (const WindowRecord& w : snap.windows) {
        if (w.name == kRecorderWindow || !w.parent.empty() || is_tooltip(w.name)) continue;
        const WindowRecord* was = prev_->find_window(w.name);
        if (!was) {
            if (is_combo_popup(w.name) && clicked_lately) {  // the unlabeled click was a combo's
                LocatorChoice choice = choose_locator(*unlabeled_click_, snap);
                if (!choice.target.contains("id") && input.drawn_texts) {
                    const std::string ref = ref_from_drawn_label(
                        *unlabeled_click_, snap, input.drawn_texts(*unlabeled_click_));
                    if (!ref.empty()) choice.target = {{"ref", ref}};
                }
                combo_ = Combo{choice.target, choice.why};
                unlabeled_click_.reset();
            } else if (!w.popup && !steps_.empty() &&
                       snap.frame - last_step_frame_ <= kOpenedByStepFrames) {
                emit({{"action", "wait"},
                      {"condition", {{"type", "window_open"}, {"window", w.name}}}},
                     snap.frame);
            }
            continue;
        }
        if (!w.popup && w.collapsed != was->collapsed && clicked_lately &&
            unlabeled_click_->root_window == w.name) {
            emit({{"action", "window"},
                  {"window", w.name},
                  {"do", w.collapsed ? "collapse" : "expand"}},
                 snap.frame);
            unlabeled_click_.reset();
        }
    }
    for (const WindowRecord& was : prev_->windows) {
        if (was.popup || !was.parent.empty() || snap.find_window(was.name)) continue;
        if (unlabeled_click_ && unlabeled_click_->root_window == was.name) {
            emit({{"action", "window"}, {"window", was.name}, {"do", "close"}}, snap.frame);
            unlabeled_click_.reset();
        }
    }
    // Popups closed (Escape, or a click beside them) after a click that opened one.
    if (snap.open_popups < prev_->open_popups && !combo_ && !steps_.empty() &&
        steps_.back()["action"] == "click" &&
        steps_.back()["frame"].get<std::uint64_t>() != snap.frame)
        emit({{"action", "close_popups"}}, snap.frame);
    if (snap.open_popups == 0) combo_.reset();
    // Keys pressed outside any text field.
    std::vector<std::string> keys;
    for (const std::string& key : input.keys)
        if (key != kRecorderKey) keys.push_back(key);
    if (!keys.empty() && !snap.active_input && !prev_->active_input && snap.open_popups == 0 &&
        prev_->open_popups == 0)
        emit({{"action", "keys"}, {"keys", keys}}, snap.frame);
}

}  // namespace hooks
