// value_action.cpp: reading and setting item values, through app bindings or real text input.
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <charconv>

#include "hooks/routes/item_actions.h"
#include "hooks/ui/draw_readback.h"

namespace hooks {

namespace {

const char* json_type(const nlohmann::json& v) {
    if (v.is_boolean()) return "boolean";
    if (v.is_number()) return "number";
    if (v.is_string()) return "string";
    if (v.is_null()) return "null";
    if (v.is_array()) return "array";
    return "object";
}

// The binding id a locator names: an id locator names it directly (Text() readouts have no item),
// other forms through the matched item's id.
struct Target {
    std::string binding_id;
    std::optional<ItemRecord> item;
};

Target resolve_target(detail::Engine& engine, const Locator& locator) {
    Target t;
    if (locator.kind == Locator::Kind::id) {
        const bool bound = engine
                               .run_on_gui([&engine, id = locator.text](std::uint64_t) {
                                   return nlohmann::json(engine.binding(id) != nullptr);
                               })
                               .get<bool>();
        if (bound) {
            t.binding_id = locator.text;
            return t;
        }
    }
    auto snap = engine.ui();
    t.item = resolve_one(locator, *snap);
    const std::string id = t.item->id;
    if (!id.empty() && engine
                           .run_on_gui([&engine, id](std::uint64_t) {
                               return nlohmann::json(engine.binding(id) != nullptr);
                           })
                           .get<bool>())
        t.binding_id = id;
    return t;
}

nlohmann::json id_json(const std::string& id) {
    return id.empty() ? nlohmann::json(nullptr) : nlohmann::json(id);
}

nlohmann::json type_into(detail::Engine& engine, const ItemRecord& item,
                         const nlohmann::json& value, std::chrono::milliseconds timeout) {
    std::string text;
    if (value.is_string())
        text = value.get<std::string>();
    else if (value.is_number())
        text = value.dump();
    else
        throw ApiError(ErrorCode::invalid_argument,
                       std::string("input field ") + item.path +
                           " takes a string or a number, not a " + json_type(value),
                       {{"item", to_json(item)}});
    if (text.find_first_of("\r\n") != std::string::npos)
        throw ApiError(ErrorCode::invalid_argument,
                       "line breaks cannot be typed into " + item.path);

    // Held from the click that focuses the field to the key that commits the text.
    const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
    ClickOptions click;
    click.ctrl = true;  // InputText: selects all. Slider/drag: switches to text input.
    click.timeout = timeout;
    const ClickFrames frames = click_item(engine, item, click);
    const auto deadline = SteadyClock::now() + kActionBudget;
    auto snap = engine.ui();
    if (!snap->active_input || snap->active_input->imgui_id != item.imgui_id)
        throw ApiError(ErrorCode::element_not_interactable,
                       item.path +
                           " did not take keyboard focus after a Ctrl+click; is it a "
                           "read-only field or a slider with NoInput?",
                       {{"item", to_json(item)}, {"reason", "no keyboard focus"}});
    const std::string old_text = snap->active_input->text;

    stage_and_settle(
        engine,
        [](InputInjector& in) {
            in.key(ImGuiMod_Ctrl, true);
            in.key(ImGuiKey_A, true);
            in.key(ImGuiKey_A, false);
            in.key(ImGuiMod_Ctrl, false);
        },
        deadline);
    stage_and_settle(
        engine, [text](InputInjector& in) { in.text(text); }, deadline);
    snap = engine.ui();
    const std::string shown = snap->active_input && snap->active_input->imgui_id == item.imgui_id
                                  ? snap->active_input->text
                                  : std::string();
    if (shown != text) {
        press_key(engine, ImGuiKey_Escape, deadline);
        throw ApiError(ErrorCode::invalid_argument,
                       item.path + " did not accept \"" + text + "\" (it showed \"" + shown +
                           "\"); the edit was cancelled",
                       {{"item", to_json(item)}, {"typed", text}, {"shown", shown}});
    }
    const std::uint64_t applied = press_key(engine, ImGuiKey_Enter, deadline);
    engine.wait_for_frame(applied + 1, deadline);
    return {{"id", id_json(item.id)},   {"imgui_id", format_imgui_id(item.imgui_id)},
            {"old", old_text},          {"new", text},
            {"method", "text_input"},   {"queued_frame", frames.queued_frame},
            {"applied_frame", applied}, {"confirmed_frame", applied + 1}};
}

nlohmann::json toggle(detail::Engine& engine, const ItemRecord& item, const nlohmann::json& value,
                      std::chrono::milliseconds timeout) {
    if (!value.is_boolean())
        throw ApiError(ErrorCode::invalid_argument,
                       item.path + " is a checkbox/tree node and takes true or false, not a " +
                           json_type(value),
                       {{"item", to_json(item)}});
    const bool want = value.get<bool>();
    const bool old = item.checkable ? item.checked : item.opened;
    ClickFrames frames{engine.loop_status().frame_count(), 0, 0};
    if (old != want) {
        ClickOptions click;
        click.timeout = timeout;
        frames = click_item(engine, item, click);
    }
    const ItemRecord now =
        wait_item(engine, Locator{Locator::Kind::imgui_id, "", "", item.imgui_id}, Need::exists,
                  SteadyClock::now() + kActionBudget);
    const bool got = item.checkable ? now.checked : now.opened;
    if (got != want)
        throw ApiError(ErrorCode::invalid_element_state,
                       item.path + " is still " + (got ? "on" : "off") + " after the click",
                       {{"item", to_json(now)}});
    return {{"id", id_json(item.id)},
            {"imgui_id", format_imgui_id(item.imgui_id)},
            {"old", old},
            {"new", got},
            {"method", old == want ? "unchanged" : "click"},
            {"queued_frame", frames.queued_frame},
            {"applied_frame", frames.applied_frame},
            {"confirmed_frame", frames.confirmed_frame}};
}

// "0.500" -> 0.5, "42" -> 42; anything else stays text.
nlohmann::json number_or_text(const std::string& text) {
    const char* end = text.data() + text.size();
    long long whole = 0;
    if (auto [p, ec] = std::from_chars(text.data(), end, whole); ec == std::errc() && p == end)
        return whole;
    double real = 0;
    if (auto [p, ec] = std::from_chars(text.data(), end, real); ec == std::errc() && p == end)
        return real;
    return text;
}

// What a slider, drag, input of scalars or an inactive InputText holds, read as
// imgui_test_engine reads it: Ctrl+click switches it into its text-input state (an InputText:
// focuses it, its text selected), the text is read, and Escape leaves it, which restores what
// it held. The value is unchanged; the widget was active for a few frames.
nlohmann::json read_through_text_input(detail::Engine& engine, const ItemRecord& found) {
    const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
    const ItemRecord item =
        wait_item(engine, Locator{Locator::Kind::imgui_id, "", "", found.imgui_id},
                  Need::actionable, SteadyClock::now() + std::chrono::seconds(2));
    ClickOptions click;
    click.ctrl = true;
    click_item(engine, item, click);
    const auto snap = engine.ui();
    const bool entered = snap->active_input && snap->active_input->imgui_id == item.imgui_id;
    const std::string text = entered ? snap->active_input->text : std::string();
    const bool numeric = entered && snap->active_input->numeric;
    if (snap->active_id == item.imgui_id)
        press_key(engine, ImGuiKey_Escape, SteadyClock::now() + kActionBudget);
    if (!entered)
        throw ApiError(ErrorCode::unsupported_operation,
                       item.path +
                           " has no text-input state to read its value from (a slider with "
                           "ImGuiSliderFlags_NoInput?); the app can expose it with "
                           "HookEngine::bind_value()",
                       {{"item", to_json(item)}});
    // An InputText's value is its text; a slider's, a drag's or an InputFloat's, the number.
    return numeric ? number_or_text(text) : nlohmann::json(text);
}

// What the last frame drew over the item (hooks/ui/draw_readback.h), read on the GUI thread.
DrawnState drawn_state(detail::Engine& engine, const ItemRecord& item) {
    const nlohmann::json got = engine.run_on_gui([item](std::uint64_t) {
        ImGuiWindow* window = ImGui::FindWindowByName(item.window.c_str());
        const DrawnState s = read_drawn_state(*ImGui::GetCurrentContext(), window, item.rect);
        return nlohmann::json{{"kind", static_cast<int>(s.kind)},
                              {"on", s.on},
                              {"ambiguous", s.ambiguous},
                              {"text", s.text}};
    });
    DrawnState s;
    s.kind = static_cast<DrawnState::Kind>(got["kind"].get<int>());
    s.on = got["on"].get<bool>();
    s.ambiguous = got["ambiguous"].get<bool>();
    s.text = got["text"].get<std::string>();
    return s;
}

// A radio button's check mark, a combo's preview, a selectable's highlight: states ImGui reports
// only by drawing them. A selectable under the mouse is drawn the same selected or not; with
// `may_move_mouse` the mouse leaves the window for a frame (no click, no key) and it is read
// again. (A hovered combo needs no such move: draw_readback tells its arrow from a button.)
// Returns {value, source}, or nothing when the drawing says nothing.
std::optional<std::pair<nlohmann::json, std::string>> read_drawn_value(detail::Engine& engine,
                                                                       const ItemRecord& item,
                                                                       bool may_move_mouse) {
    DrawnState s = drawn_state(engine, item);
    const bool unsure = s.kind == DrawnState::Kind::highlight && s.ambiguous;
    if (unsure && may_move_mouse) {
        const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
        const auto deadline = SteadyClock::now() + kActionBudget;
        const std::uint64_t moved = stage_input(
            engine, [](InputInjector& in) { in.pin_mouse(-FLT_MAX, -FLT_MAX); }, deadline);
        engine.wait_for_frame(moved + 1, deadline);
        s = drawn_state(engine, item);
        stage_input(
            engine, [](InputInjector& in) { in.unpin_mouse(); }, deadline);
    }
    switch (s.kind) {
        case DrawnState::Kind::radio:
            return std::pair{nlohmann::json(s.on), std::string("drawn_check_mark")};
        case DrawnState::Kind::frame:
            return std::pair{nlohmann::json(s.text), std::string("drawn_text")};
        case DrawnState::Kind::highlight:
            if (s.ambiguous)
                throw ApiError(ErrorCode::unsupported_operation,
                               item.path +
                                   " is under the mouse, which draws it the same selected or "
                                   "not; read it with GET /api/items/value, which moves the "
                                   "mouse away first",
                               {{"item", to_json(item)}, {"reason", "hovered"}});
            return std::pair{nlohmann::json(true), std::string("drawn_highlight")};
        case DrawnState::Kind::plain:
            return std::pair{nlohmann::json(false), std::string("drawn_highlight")};
        case DrawnState::Kind::unknown:
        case DrawnState::Kind::button:
            break;
    }
    return std::nullopt;
}

}  // namespace

nlohmann::json get_item_value(detail::Engine& engine, const Locator& locator, bool through_input) {
    const Target t = resolve_target(engine, locator);
    if (!t.binding_id.empty()) {
        nlohmann::json got = engine.run_on_gui([&engine, id = t.binding_id](std::uint64_t frame) {
            const ValueBinding* b = engine.binding(id);
            if (!b || !b->get)
                throw ApiError(ErrorCode::unsupported_operation,
                               "the binding of '" + id + "' has no getter");
            return nlohmann::json{{"value", b->get()}, {"frame", frame}};
        });
        return {{"id", t.binding_id},
                {"value", got["value"]},
                {"source", "binding"},
                {"frame", got["frame"]}};
    }
    // An item out of view carries only what ImGui said while it was last visible (nothing, if
    // it never was): a read that may use input brings it into view first, as a user would.
    ItemRecord item = *t.item;
    // A read that gives input waits on frames: it holds one of the waiting slots, as actions do.
    std::optional<OperationLimit::Slot> slot;
    if (through_input && !item.checkable && !item.openable) slot.emplace(engine.waiting_limit());
    // Always through wait_item, which also waits for the item to hold still: the read before
    // (Ctrl+click, Escape) may have scrolled the window in frames this snapshot predates.
    if (slot)
        item = wait_item(engine, Locator{Locator::Kind::imgui_id, "", "", item.imgui_id},
                         Need::in_view, SteadyClock::now() + std::chrono::seconds(2));
    auto snap = engine.ui();
    nlohmann::json value;
    std::string source;
    if (item.checkable) {
        value = item.checked, source = "checked";
    } else if (item.openable) {
        value = item.opened, source = "opened";
    } else if (snap->active_input && snap->active_input->imgui_id == item.imgui_id) {
        value = snap->active_input->text, source = "input_text";
    } else if (item.inputable && through_input) {
        value = read_through_text_input(engine, item);
        source = "text_input_state";
        snap = engine.ui();
    } else if (auto drawn =
                   item.visible ? read_drawn_value(engine, item, through_input) : std::nullopt) {
        std::tie(value, source) = std::move(*drawn);
        snap = engine.ui();
    } else {
        throw ApiError(ErrorCode::unsupported_operation,
                       item.path +
                           " has no readable value: ImGui keeps widget values in app "
                           "memory; the app can expose it with HookEngine::bind_value(\"" +
                           (item.id.empty() ? std::string("<id>") : item.id) + "\", ...)",
                       {{"item", to_json(item)}});
    }
    return {{"id", id_json(item.id)},
            {"imgui_id", format_imgui_id(item.imgui_id)},
            {"value", value},
            {"source", source},
            {"frame", snap->frame}};
}

nlohmann::json set_item_value(detail::Engine& engine, const Locator& locator,
                              const nlohmann::json& value, std::chrono::milliseconds timeout,
                              ValueVia via) {
    const Target t = via == ValueVia::input ? Target{} : resolve_target(engine, locator);
    if (via == ValueVia::binding && t.binding_id.empty())
        throw ApiError(ErrorCode::unsupported_operation,
                       "no value binding for " + locator.describe() + "; use \"via\": \"input\"",
                       {{"target", locator.to_json()}});
    if (!t.binding_id.empty()) {
        nlohmann::json done = engine.run_on_gui([&engine, id = t.binding_id,
                                                 value](std::uint64_t f) {
            const ValueBinding* b = engine.binding(id);
            if (!b) throw ApiError(ErrorCode::no_such_element, "binding '" + id + "' is gone");
            if (!b->set)
                throw ApiError(ErrorCode::invalid_element_state, "'" + id + "' is read-only",
                               {{"id", id}});
            nlohmann::json old = b->get ? b->get() : nlohmann::json(nullptr);
            const bool both_numbers = old.is_number() && value.is_number();
            if (!old.is_null() && old.type() != value.type() && !both_numbers)
                throw ApiError(
                    ErrorCode::invalid_argument,
                    "'" + id + "' takes a " + json_type(old) + ", not a " + json_type(value),
                    {{"id", id}, {"old", old}});
            b->set(value);  // throws ApiError(invalid_argument) when out of range
            return nlohmann::json{{"old", old}, {"new", b->get ? b->get() : value}, {"frame", f}};
        });
        const std::uint64_t frame = done["frame"].get<std::uint64_t>();
        engine.wait_for_frame(frame + 1, SteadyClock::now() + kActionBudget);
        return {{"id", t.binding_id},  {"old", done["old"]},     {"new", done["new"]},
                {"method", "binding"}, {"applied_frame", frame}, {"confirmed_frame", frame + 1}};
    }
    const ItemRecord item =
        wait_item(engine, locator, Need::actionable, SteadyClock::now() + timeout);
    if (item.checkable || item.openable) return toggle(engine, item, value, timeout);
    if (item.inputable) return type_into(engine, item, value, timeout);
    throw ApiError(ErrorCode::unsupported_operation,
                   item.path +
                       " takes no value: it is not an input field, slider, drag or "
                       "checkbox, and the app bound no value to it",
                   {{"item", to_json(item)}});
}

}  // namespace hooks
