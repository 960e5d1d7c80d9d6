// item_actions.h: what the item routes do, on the HTTP thread, frame by frame.
//
// Each action waits on the published UI snapshot, then stages input for the GUI thread through
// GuiBridge::run_on_gui and waits for the frames that apply it. A loop that dies or stalls
// fails the action at once with 503 `gui not running` (GuiBridge::require_running).
//   click_action.cpp wait_item (existence, actionability), click_item (injected mouse input)
//   value_action.cpp get_item_value / set_item_value (bindings, or real text input)
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/detail/engine.h"
#include "hooks/ui/key_chord.h"
#include "hooks/ui/locator.h"

namespace hooks {

// Budget for an action's input itself (move, press, release, keys, confirm), once its item is
// actionable: the steps of one action take a handful of frames.
inline constexpr std::chrono::seconds kActionBudget{5};

// The modifiers a chord or a click can hold, in the order they go down.
inline constexpr ImGuiKey kModifierKeys[] = {ImGuiMod_Ctrl, ImGuiMod_Shift, ImGuiMod_Alt,
                                             ImGuiMod_Super};

// One step of real input: `stage` runs on the GUI thread (it stages events on the injector),
// then the call waits until the frame that got them was presented; returns that frame.
std::uint64_t stage_input(detail::Engine& engine, std::function<void(InputInjector&)> stage,
                          SteadyClock::time_point deadline);
// The same, then more frames until ImGui consumed every queued event (its trickle queue spreads
// a key press and its release over frames). Returns the last frame waited for.
std::uint64_t stage_and_settle(detail::Engine& engine, std::function<void(InputInjector&)> stage,
                               SteadyClock::time_point deadline);

// A key pressed and released (stage_and_settle); returns the last frame waited for.
std::uint64_t press_key(detail::Engine& engine, ImGuiKey key, SteadyClock::time_point deadline);

enum class Need {
    exists,      // one match
    visible,     // one match, visible (as it is: nothing is scrolled)
    in_view,     // one match, scrolled fully into view, same rect for 2 frames
    actionable,  // in_view, and enabled
};

// Waits until exactly one item matches and meets `need`. Ambiguity fails at once; past the
// deadline: `no such element` (404), or `element not interactable` (400, data.reason).
// For in_view and actionable, an item less than fully visible is scrolled into view first, in
// its window and every scrolling parent (scroll_action.cpp), as a user would scroll to it.
ItemRecord wait_item(detail::Engine& engine, const Locator& locator, Need need,
                     SteadyClock::time_point deadline);

// True when the whole item shows, within half a pixel.
bool fully_visible(const ItemRecord& item);
// Asks ImGui to scroll `item` into view in its window and every scrolling parent (centred
// vertically when it is out of view). The scroll lands in the next frame; `stale element
// reference` if its window is gone.
void request_scroll_into_view(detail::Engine& engine, const ItemRecord& item,
                              SteadyClock::time_point deadline);

// A window scrolled to its top (`to_top`) or one page (3/4 of its height) further down, for
// lists whose entries out of view are not drawn at all (list clippers). Applies next frame.
struct PageScroll {
    bool shown = false;   // the window is open
    bool at_end = false;  // nothing further down
};
PageScroll scroll_page(detail::Engine& engine, const std::string& window, bool to_top,
                       SteadyClock::time_point deadline);

// The popup of menu depth `depth` as BeginMenuEx() names it: "<label>###Menu_00". Its ID, and so
// the ID scope of its items, is the hash of "###Menu_00" alone, whatever the label.
std::string menu_popup(std::size_t depth);
// `window` is `name`, or a menu popup of that depth ("Tools###Menu_00" for "###Menu_00").
bool window_is(const std::string& window, const std::string& name);

struct ClickOptions {
    int button = 0;  // 0 left, 1 right, 2 middle
    bool double_click = false;
    bool ctrl = false;                   // held during the click (turns sliders into text fields)
    ImGuiKeyChord mods = ImGuiMod_None;  // more modifiers held during the click
    std::chrono::milliseconds hold{0};   // the button stays down this long
    float at_x = -1;  // where to click, from the left edge of the visible part; < 0: centre
    std::chrono::milliseconds timeout{2000};  // for the item to become actionable
};

struct ClickFrames {
    std::uint64_t queued_frame = 0, applied_frame = 0, confirmed_frame = 0;
};

// Moves the mouse onto the item, presses and releases (twice for a double click), and returns
// once the release was applied and one more frame was rendered. Another window over the point
// is brought behind the item's (its window is focused, as a user's click there would); only a
// popup or modal on top is `element click intercepted`.
ClickFrames click_item(detail::Engine& engine, const ItemRecord& item, const ClickOptions& options);
nlohmann::json click_reply(const ItemRecord& item, const ClickFrames& frames);

// POST /api/menu/click: each level of `path` ("Tools/Style Editor") opened in turn from the menu
// bar of `window` ("" = the main menu bar), then the last item clicked; with `check`, a toggle
// item is clicked only if it is not in that state already. Reply: {path, clicked, checked, ...}.
nlohmann::json menu_click(detail::Engine& engine, const std::string& path,
                          const std::string& window, std::optional<bool> check,
                          std::chrono::milliseconds timeout);
// POST /api/combo/select: the combo opened, its list scrolled to the entry shown as `entry`, the
// entry clicked. `no such element` (data.entries: what the list holds) when it has none.
nlohmann::json combo_select(detail::Engine& engine, const Locator& locator,
                            const std::string& entry, std::chrono::milliseconds timeout);
// POST /api/keys: `chords` pressed in turn, then `text` typed, into what has keyboard focus (a
// click on `target` first, when given). Reply: {keys: [names], text, confirmed_frame}.
nlohmann::json press_keys(detail::Engine& engine, const std::vector<KeyChord>& chords,
                          const std::string& text, const std::optional<Locator>& target,
                          std::chrono::milliseconds timeout);
// POST /api/popups/close: Escape, once per open popup, front to back (as a user closes them).
// Returns the names of the popup windows that closed.
std::vector<std::string> close_popups(detail::Engine& engine, SteadyClock::time_point deadline);

// Focuses a top-level window, which brings it in front of the others, as a click on it would.
void bring_to_front(detail::Engine& engine, const std::string& window,
                    SteadyClock::time_point deadline);

// POST /api/items/drag: press on `item`, move over frames to (to_x, to_y), release there.
nlohmann::json drag_item(detail::Engine& engine, const ItemRecord& item, float to_x, float to_y);
// The same from a point that is no item (a title bar, a window's corner). Returns the last frame.
std::uint64_t drag_between(detail::Engine& engine, float x0, float y0, float x1, float y1);
// POST /api/items/hover: the mouse moved onto the item and left there; frames go on for `rest`
// (a tooltip shows after ImGui's hover delay, 0.15-0.4 s by default).
nlohmann::json hover_item(detail::Engine& engine, const ItemRecord& item,
                          std::chrono::milliseconds rest);

// POST /api/windows/{focus,collapse,expand,close,move,resize}: the user's title-bar clicks and
// drags on window `name`; move and resize take args {x, y} (pixels). Reply: the window after.
nlohmann::json window_action(detail::Engine& engine, const std::string& action,
                             const std::string& name, const nlohmann::json& args);

// POST /api/items/open_all: every openable item of `window` (or only those whose ref is below
// `under`; `max_depth` > 0 limits how many ID scopes down) opened or closed, one click at a time,
// until none is left. Reply: {window, opened|closed: N, items: [refs]}.
nlohmann::json open_all(detail::Engine& engine, const std::string& window, const std::string& under,
                        bool open, int max_depth, std::chrono::milliseconds timeout);
// POST /api/menu/check_all: every toggle item of the menu at `path` left `check`ed.
nlohmann::json check_all(detail::Engine& engine, const std::string& path, const std::string& window,
                         bool check, std::chrono::milliseconds timeout);

// POST /api/items/open: a tree node, collapsing header or menu left open (or closed), clicked
// only if needed. Reply: {..., opened, changed}; `invalid argument` if it is not openable.
nlohmann::json open_item(detail::Engine& engine, const Locator& locator, bool open,
                         std::chrono::milliseconds timeout);

// GET /api/items/value: a value binding, else what the item itself shows (checked, opened, the
// text of a focused input), else what the last frame drew over it (a radio button's check mark,
// a combo's preview, a selectable's highlight: hooks/ui/draw_readback.h; a hovered selectable
// is read with the mouse moved away, when `through_input`). `unsupported operation` when there
// is none of these.
// With `through_input`, a slider, drag, input of scalars or inactive InputText is read through
// its text-input state (Ctrl+click, read, Escape: the value is unchanged, the widget is active
// for a few frames); without, such an item is `unsupported operation` (waits poll without
// side effects).
nlohmann::json get_item_value(detail::Engine& engine, const Locator& locator,
                              bool through_input = false);
// POST /api/items/value: a binding's setter, a click for checkboxes, or real typing (Ctrl+click,
// select all, type, Enter) for input fields, sliders and drags. Reply: {id, old, new, method}.
enum class ValueVia {
    automatic,  // the binding if the app registered one, else real input
    binding,    // the binding only (`unsupported operation` without one)
    input,      // real input only (typing, or a click for checkboxes), even if a binding exists
};
nlohmann::json set_item_value(detail::Engine& engine, const Locator& locator,
                              const nlohmann::json& value, std::chrono::milliseconds timeout,
                              ValueVia via = ValueVia::automatic);

}  // namespace hooks
