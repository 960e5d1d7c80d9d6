// item_registry_test.cpp: the item registry and the input injector on a headless ImGui context:
// what the registry publishes per item, and that injected input really clicks and types.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <thread>

#include "hooks/ui/input_injector.h"
#include "hooks/ui/item_registry.h"
#include "hooks/ui/locator.h"
#include "imgui.h"
#include "imgui_guard/guard.h"
#include "imgui_internal.h"

namespace {

struct Panel {
    int saves = 0;
    bool stream = false;
    char model[64] = "gpt";
    float temperature = 0.5f;

    void draw() {
        ImGui::SetNextWindowPos(ImVec2(10, 10));
        ImGui::SetNextWindowSize(ImVec2(400, 300));
        ImGui::Begin("Settings");
        if (ImGui::Button("Save##btn_save")) ++saves;
        ImGui::Checkbox("Stream##chk_stream", &stream);
        ImGui::InputText("Model##input_model", model, sizeof(model));
        ImGui::SliderFloat("Temperature##slider_temperature", &temperature, 0.0f, 2.0f);
        ImGui::BeginDisabled();
        ImGui::Button("Off##btn_off");
        ImGui::EndDisabled();
        ImGui::Text("saves: %d", saves);  // no ID: not an item
        ImGui::SetCursorPosY(2000);
        ImGui::Button("Far##btn_far");  // clipped away
        ImGui::End();
    }
};

class RegistryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ctx_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 600);
        io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
        io.Fonts->AddFontDefault();
        registry_.install(*ctx_);
        input_.install(*ctx_);
    }
    void TearDown() override {
        registry_.uninstall(*ctx_);
        ImGui::DestroyContext(ctx_);
    }
    void frame() {
        draw();
        registry_.wait_published();
    }
    void draw() {  // a frame, handed over as the host does: nothing waits for its snapshot
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        registry_.begin_frame(++frames_);
        panel_.draw();
        if (extra_) extra_();
        ImGui::Render();
        registry_.end_frame(*ctx_);
    }
    // Until the registry's thread, left to itself, has published the frame just drawn.
    bool published_unasked(std::chrono::seconds deadline = std::chrono::seconds(10)) {
        const auto until = std::chrono::steady_clock::now() + deadline;
        while (registry_.published_now()->frame != frames_) {
            if (std::chrono::steady_clock::now() > until) return false;
            std::this_thread::yield();
        }
        return true;
    }
    const hooks::ItemRecord& item(const std::string& id) {
        snap_ = registry_.snapshot();
        return hooks::resolve_one(hooks::parse_locator({{"id", id}}), *snap_);
    }
    void click_center(const std::string& id, bool ctrl = false) {
        const hooks::ItemRecord it = item(id);
        input_.pin_mouse(it.visible_rect.x + it.visible_rect.w / 2,
                         it.visible_rect.y + it.visible_rect.h / 2);
        if (ctrl) input_.key(ImGuiMod_Ctrl, true);
        frame();
        input_.mouse_button(0, true);
        frame();
        input_.mouse_button(0, false);
        frame();
        if (ctrl) input_.key(ImGuiMod_Ctrl, false);
        input_.unpin_mouse();
        frame();
    }
    void settle() {
        for (int i = 0; i < 10 && !registry_.snapshot()->input_queue_empty; ++i) frame();
        frame();
    }

    ImGuiContext* ctx_ = nullptr;
    hooks::ItemRegistry registry_;
    hooks::InputInjector input_;
    Panel panel_;
    std::function<void()> extra_;  // more to draw each frame, after the panel
    std::uint64_t frames_ = 0;
    std::shared_ptr<const hooks::UiSnapshot> snap_;
};

TEST(SplitLabel, ImGuiRules) {
    EXPECT_EQ(hooks::split_label("Save##btn_save").display, "Save");
    EXPECT_EQ(hooks::split_label("Save##btn_save").id, "btn_save");
    EXPECT_EQ(hooks::split_label("Title###win").id, "win");
    EXPECT_EQ(hooks::split_label("Title###win").display, "Title");
    EXPECT_EQ(hooks::split_label("Plain").id, "");
    EXPECT_EQ(hooks::split_label("##hidden").display, "");
    EXPECT_EQ(hooks::split_label("##hidden").id, "hidden");
}

// The capture keeps an item's rect and its window's clip rect as ImGui gave them; the registry's
// thread works out what of it can be seen.
TEST(FrameCapture, TheVisiblePartIsTheRectWithinItsClipRectAndTheDisplay) {
    hooks::FrameCapture frame;
    frame.display_w = 100;
    frame.display_h = 50;
    frame.clips.append() = {};  // clips[0]: none
    auto clip = [&frame](hooks::Corners rect) {
        frame.clips.append() = rect;
        return frame.clips.size() - 1;
    };
    hooks::ItemEvent e;
    e.added = true;
    e.bb = {10, 10, 30, 20};
    e.clip = clip({0, 0, 200, 200});
    hooks::UiRect part;
    ASSERT_TRUE(frame.visible_part(e, part));
    EXPECT_EQ(part, (hooks::UiRect{10, 10, 20, 10}));
    EXPECT_EQ(e.bb.rect(), (hooks::UiRect{10, 10, 20, 10}));

    e.clip = clip({20, 0, 200, 15});  // a column or a scrolled child cuts it
    ASSERT_TRUE(frame.visible_part(e, part));
    EXPECT_EQ(part, (hooks::UiRect{20, 10, 10, 5}));

    e.bb = {90, 40, 120, 60};  // past the display's right and bottom edges
    e.clip = clip({0, 0, 200, 200});
    ASSERT_TRUE(frame.visible_part(e, part));
    EXPECT_EQ(part, (hooks::UiRect{90, 40, 10, 10}));

    e.bb = {-10, -5, 5, 5};  // past its left and top edges
    e.clip = clip({-100, -100, 100, 100});
    ASSERT_TRUE(frame.visible_part(e, part));
    EXPECT_EQ(part, (hooks::UiRect{0, 0, 5, 5}));

    e.bb = {30, 10, 60, 20};  // only touching the clip rect: nothing of it shows
    e.clip = clip({0, 0, 30, 200});
    EXPECT_FALSE(frame.visible_part(e, part));
    e.clip = 0;  // drawn outside any window
    EXPECT_FALSE(frame.visible_part(e, part));
}

TEST_F(RegistryTest, PublishesEveryItemWithItsState) {
    frame();
    frame();
    snap_ = registry_.snapshot();
    EXPECT_EQ(snap_->frame, 2u);

    const hooks::ItemRecord& save = item("btn_save");
    EXPECT_EQ(save.label, "Save");
    EXPECT_EQ(save.window, "Settings");
    EXPECT_EQ(save.path, "Settings/Save##btn_save");
    EXPECT_EQ(save.imgui_id, ImHashStr("Save##btn_save", 0, ImHashStr("Settings")));
    EXPECT_TRUE(save.visible);
    EXPECT_TRUE(save.enabled);
    EXPECT_FALSE(save.checkable);
    EXPECT_GT(save.rect.w, 0);
    EXPECT_GE(save.stable_frames, 2);
    EXPECT_EQ(save.last_seen_frame, 2u);

    EXPECT_TRUE(item("chk_stream").checkable);
    EXPECT_FALSE(item("chk_stream").checked);
    EXPECT_TRUE(item("input_model").inputable);
    EXPECT_TRUE(item("slider_temperature").inputable);
    EXPECT_FALSE(item("btn_off").enabled);
    // A clipped item is seen (ItemAdd) but ImGui skips its ItemInfo: no label, not visible.
    const ImGuiID far = ImHashStr("Far##btn_far", 0, ImHashStr("Settings"));
    auto clipped = hooks::find_items(hooks::parse_locator({{"imgui_id", far}}), *snap_);
    ASSERT_EQ(clipped.size(), 1u);
    EXPECT_FALSE(clipped[0]->visible);
    EXPECT_TRUE(hooks::find_items(hooks::parse_locator({{"id", "btn_far"}}), *snap_).empty());

    ASSERT_NE(snap_->find_window("Settings"), nullptr);
    EXPECT_EQ(snap_->find_window("Settings")->rect.x, 10);
    for (const auto& it : snap_->items) EXPECT_NE(it.label, "saves: 0") << "Text() has no ID";
}

TEST_F(RegistryTest, InjectedClickPressesTheButtonAndTogglesTheCheckbox) {
    frame();
    frame();
    click_center("btn_save");
    EXPECT_EQ(panel_.saves, 1);
    click_center("chk_stream");
    EXPECT_TRUE(panel_.stream);
    EXPECT_TRUE(item("chk_stream").checked);
}

TEST_F(RegistryTest, ClickOnADisabledButtonDoesNothing) {
    frame();
    frame();
    click_center("btn_off");
    EXPECT_EQ(panel_.saves, 0);
}

TEST_F(RegistryTest, CtrlClickSelectAllTypeEnterReplacesTheText) {
    frame();
    frame();
    click_center("input_model", /*ctrl=*/true);
    snap_ = registry_.snapshot();
    ASSERT_TRUE(snap_->active_input.has_value());
    EXPECT_EQ(snap_->active_input->text, "gpt");
    input_.key(ImGuiMod_Ctrl, true);
    input_.key(ImGuiKey_A, true);
    input_.key(ImGuiKey_A, false);
    input_.key(ImGuiMod_Ctrl, false);
    settle();
    input_.text("llama-3");
    settle();
    EXPECT_EQ(registry_.snapshot()->active_input->text, "llama-3");
    input_.key(ImGuiKey_Enter, true);
    input_.key(ImGuiKey_Enter, false);
    settle();
    EXPECT_STREQ(panel_.model, "llama-3");
    EXPECT_FALSE(registry_.snapshot()->active_input.has_value());
}

TEST_F(RegistryTest, CtrlClickTurnsASliderIntoATextField) {
    frame();
    frame();
    click_center("slider_temperature", /*ctrl=*/true);
    ASSERT_TRUE(registry_.snapshot()->active_input.has_value());
    input_.key(ImGuiMod_Ctrl, true);
    input_.key(ImGuiKey_A, true);
    input_.key(ImGuiKey_A, false);
    input_.key(ImGuiMod_Ctrl, false);
    settle();
    input_.text("1.25");
    settle();
    input_.key(ImGuiKey_Enter, true);
    input_.key(ImGuiKey_Enter, false);
    settle();
    EXPECT_FLOAT_EQ(panel_.temperature, 1.25f);
}

// A scrolling child with `rows` buttons; `scroll_y` >= 0 scrolls it on the next frame.
struct ScrollingList {
    int rows = 50;
    float scroll_y = -1;
    int counter = 0;  // shown in a label whose ID stays the same ("###")

    void draw() {
        ImGui::SetNextWindowPos(ImVec2(420, 10));
        ImGui::SetNextWindowSize(ImVec2(300, 250));
        ImGui::Begin("List");
        char label[64];
        std::snprintf(label, sizeof(label), "Count %d###counter", counter);
        ImGui::Button(label);
        ImGui::BeginChild("scroll", ImVec2(0, 120));
        if (scroll_y >= 0) ImGui::SetScrollY(scroll_y);
        for (int i = 0; i < rows; ++i) {
            std::snprintf(label, sizeof(label), "Row %d##row_%d", i, i);
            ImGui::Button(label);
        }
        ImGui::EndChild();
        ImGui::End();
    }
};

TEST_F(RegistryTest, AClippedItemKeepsTheLabelItHadWhenVisible) {
    ScrollingList list;
    extra_ = [&] { list.draw(); };
    frame();
    frame();
    const hooks::ItemRecord shown = item("row_0");
    EXPECT_TRUE(shown.visible);
    EXPECT_EQ(shown.label, "Row 0");

    list.scroll_y = 100000;  // to the bottom: row 0 is scrolled out of the child
    frame();
    list.scroll_y = -1;
    frame();
    frame();
    const hooks::ItemRecord clipped = item("row_0");  // still found by its id
    EXPECT_FALSE(clipped.visible);
    EXPECT_TRUE(clipped.visible_rect.empty());
    EXPECT_EQ(clipped.imgui_id, shown.imgui_id);
    EXPECT_EQ(clipped.label, "Row 0");
    EXPECT_EQ(clipped.path, shown.path);
    EXPECT_EQ(clipped.last_seen_frame, frames_);
    EXPECT_TRUE(item("row_49").visible);

    // An item that was never visible has no label: ImGui never said it.
    const ImGuiID far = ImHashStr("Far##btn_far", 0, ImHashStr("Settings"));
    snap_ = registry_.snapshot();
    auto never = hooks::find_items(hooks::parse_locator({{"imgui_id", far}}), *snap_);
    ASSERT_EQ(never.size(), 1u);
    EXPECT_EQ(never[0]->label, "");
}

TEST_F(RegistryTest, ItemsNoLongerSubmittedAreForgotten) {
    ScrollingList list;
    extra_ = [&] { list.draw(); };
    frame();
    frame();
    const std::size_t with_all_rows = registry_.known_items();
    EXPECT_EQ(with_all_rows, registry_.snapshot()->items.size());
    list.rows = 3;
    frame();
    EXPECT_EQ(registry_.known_items(), with_all_rows - 47);
    EXPECT_EQ(registry_.known_items(), registry_.snapshot()->items.size());
    snap_ = registry_.snapshot();
    EXPECT_TRUE(hooks::find_items(hooks::parse_locator({{"id", "row_4"}}), *snap_).empty());
    // Submitted again later: seen afresh (no label until its ItemInfo comes, here at once).
    list.rows = 50;
    frame();
    EXPECT_EQ(item("row_4").label, "Row 4");
}

TEST_F(RegistryTest, ALabelThatChangesIsPublishedEveryFrame) {
    ScrollingList list;
    extra_ = [&] { list.draw(); };
    for (int i = 0; i < 8; ++i) {  // more frames than recycled snapshot buffers
        list.counter = i;
        frame();
        EXPECT_EQ(item("counter").label, "Count " + std::to_string(i));
        EXPECT_EQ(item("counter").raw_label, "Count " + std::to_string(i) + "###counter");
    }
}

// A string literal's label is kept where it is (the program's read-only data never changes); any
// other is copied as ImGui was given it: a buffer the app writes again right after the widget
// does not change what the frame published.
TEST_F(RegistryTest, ALabelIsPublishedAsItWasWhenTheItemWasDrawn) {
    char buffer[32] = "";
    std::string heap;
    extra_ = [&] {
        ImGui::Begin("Labels");
        ImGui::Button("A literal###literal");
        std::snprintf(buffer, sizeof buffer, "Before###reused");
        ImGui::Button(buffer);
        std::snprintf(buffer, sizeof buffer, "After###reused");  // the next item's, say
        heap.assign("On the heap###heap");
        ImGui::Button(heap.c_str());
        heap.assign("Changed after###heap");
        ImGui::End();
    };
    for (int i = 0; i < 3; ++i) {  // a new window's first frame clips its items
        frame();
        if (i == 0) continue;
        EXPECT_EQ(item("literal").raw_label, "A literal###literal");
        EXPECT_EQ(item("literal").label, "A literal");
        EXPECT_EQ(item("reused").raw_label, "Before###reused");
        EXPECT_EQ(item("heap").raw_label, "On the heap###heap");
    }
}

// The registry compares a label with the last frame's in its per-item hot part when it fits
// (40 bytes), and with the whole string beyond: a change anywhere is seen, also past the head,
// and a label cut to a prefix of itself.
TEST_F(RegistryTest, ALabelChangeIsSeenWhereverItIs) {
    std::string label;
    extra_ = [&] {
        ImGui::Begin("Labels");
        ImGui::Button(label.c_str());
        ImGui::End();
    };
    const std::string head(40 - std::strlen("###long"), 'a');  // "aaa...###long": 40 bytes
    for (const std::string& shown :
         {head, head + "b", head + "c", std::string(60, 'x'), std::string(60, 'x') + "y",
          std::string(60, 'x'), std::string("x"), std::string("xx"), std::string("x"),
          std::string(70000, 'z'), std::string(70000, 'z') + "!"}) {  // past 16-bit sizes too
        label = shown + "###long";
        frame();
        EXPECT_EQ(item("long").raw_label, label);
        EXPECT_EQ(item("long").label, shown);
    }
}

// ImGui renames a "###" window in place (the same ImGuiWindow, its name buffer rewritten by
// ImStrdupcpy) while Ctrl+Tab lists windows, in the window's first Begin() of the frame. The
// registry compares window names once per window per frame: its items follow the new name.
TEST_F(RegistryTest, AWindowRenamedInPlaceGivesItsItemsTheNewName) {
    const char* title = "Jobs: 1###jobs";
    extra_ = [&] {
        // What Begin() does before it adds any item of the window (imgui.cpp, the "###" rename
        // while Ctrl+Tab lists windows): here just before it, since Begin() adds title bar items.
        if (ImGuiWindow* w = ImGui::FindWindowByName(title); w && std::strcmp(w->Name, title)) {
            std::size_t len = static_cast<std::size_t>(w->NameBufLen);
            w->Name = ImStrdupcpy(w->Name, &len, title);
            w->NameBufLen = static_cast<int>(len);
        }
        ImGui::Begin("Jobs: 1###jobs");
        ImGui::Button("Cancel##btn_cancel");
        ImGui::End();
    };
    frame();
    frame();
    EXPECT_EQ(item("btn_cancel").window, "Jobs: 1###jobs");
    const ImGuiWindow* before = ImGui::FindWindowByName("Jobs: 1###jobs");
    title = "Jobs: 12 (running)###jobs";  // longer: a new buffer; then shorter: the same one
    frame();
    EXPECT_EQ(ImGui::FindWindowByName("Jobs: 1###jobs"), before);  // same window, same ID
    EXPECT_EQ(item("btn_cancel").window, "Jobs: 12 (running)###jobs");
    EXPECT_EQ(item("btn_cancel").path, "Jobs: 12 (running)###jobs/Cancel##btn_cancel");
    EXPECT_EQ(item("btn_cancel").root_window, "Jobs: 12 (running)###jobs");
    title = "Jobs: 2###jobs";
    frame();
    EXPECT_EQ(item("btn_cancel").window, "Jobs: 2###jobs");
    EXPECT_EQ(item("btn_cancel").ref.rfind("Jobs: 2", 0), 0u) << item("btn_cancel").ref;
}

TEST_F(RegistryTest, ASnapshotAReaderHoldsNeverChanges) {
    ScrollingList list;
    extra_ = [&] { list.draw(); };
    list.counter = 1;
    frame();
    frame();
    const std::shared_ptr<const hooks::UiSnapshot> held = registry_.snapshot();
    const std::vector<hooks::ItemRecord> items_then = held->items;
    const std::uint64_t frame_then = held->frame;
    for (int i = 0; i < 10; ++i) {  // buffers are recycled meanwhile, but not this one
        list.counter = 100 + i;
        list.rows = 20 + i;
        frame();
    }
    EXPECT_EQ(held->frame, frame_then);
    ASSERT_EQ(held->items.size(), items_then.size());
    for (std::size_t i = 0; i < items_then.size(); ++i) {
        EXPECT_EQ(held->items[i].label, items_then[i].label);
        EXPECT_EQ(held->items[i].path, items_then[i].path);
        EXPECT_EQ(held->items[i].last_seen_frame, frame_then);
    }
    EXPECT_NE(registry_.snapshot()->frame, frame_then);
}

}  // namespace

// --- duplicate IDs: one id_conflict record per ID, repeats merged, never a panel fault ------

class IdConflictTest : public RegistryTest {
  protected:
    void SetUp() override {
        RegistryTest::SetUp();
        imgui_guard::clear_errors();
        imgui_guard::reenable_all_panels();
    }
    // Frames of a guarded panel "Dup" that draws `items` into its window "Dup"; returns the
    // id_conflict records since the start.
    std::vector<imgui_guard::Record> conflicts_after(int frames, std::function<void()> items) {
        const std::uint64_t seq = imgui_guard::snapshot().last_seq;
        extra_ = [&] {
            faulted_ |= !imgui_guard::guarded("Dup", [&] {
                ImGui::SetNextWindowPos(ImVec2(420, 10));
                ImGui::SetNextWindowSize(ImVec2(300, 300));
                ImGui::Begin("Dup");
                items();
                ImGui::End();
            });
        };
        for (int i = 0; i < frames; ++i) frame();
        extra_ = nullptr;
        std::vector<imgui_guard::Record> out;
        for (const imgui_guard::Record& r : imgui_guard::records_since(seq))
            if (r.kind == imgui_guard::RecordKind::id_conflict) out.push_back(r);
        return out;
    }
    bool faulted_ = false;
};

TEST_F(IdConflictTest, TheSameLabelTwiceIsOneRecordWithBothItemsAndTheHint) {
    const auto records = conflicts_after(10, [] {
        ImGui::Button("dup");
        ImGui::Button("dup");
    });
    ASSERT_EQ(records.size(), 1u);
    const imgui_guard::Record& r = records[0];
    EXPECT_EQ(r.count, 10u) << "one per frame, merged";
    EXPECT_EQ(r.panel, "Dup");
    EXPECT_EQ(r.window, "Dup");
    EXPECT_EQ(r.message.rfind("panel 'Dup' submitted 2 items with the same ID 0x", 0), 0u)
        << r.message;
    EXPECT_NE(r.message.find("in window 'Dup': \"dup\" and \"dup\""), std::string::npos);
    EXPECT_NE(r.message.find("##suffix"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("PushID()"), std::string::npos) << r.message;
    ASSERT_EQ(r.conflicting_items.size(), 2u);
    EXPECT_EQ(r.conflicting_items[0].label, "dup");
    EXPECT_EQ(r.conflicting_items[1].label, "dup");
    EXPECT_GT(r.conflicting_items[0].w, 0);
    EXPECT_GT(r.conflicting_items[1].y, r.conflicting_items[0].y) << "two rects, one below";
    EXPECT_EQ(r.conflicting_count, 2);
    EXPECT_EQ(r.conflict_id, ImHashStr("dup", 0, ImHashStr("Dup")));
    EXPECT_NE(r.stacktrace.find("ImGui::Button"), std::string::npos) << r.stacktrace;
    EXPECT_NE(r.file.find("item_registry_test.cpp"), std::string::npos) << r.stacktrace;
    EXPECT_FALSE(faulted_) << "a conflict is a warning, not a fault of the panel";
    EXPECT_FALSE(imgui_guard::panel_quarantined("Dup"));
    EXPECT_EQ(imgui_guard::kind_name(r.kind), std::string("id_conflict"));
}

TEST_F(IdConflictTest, TheSameTripleHashIdUnderTwoLabelsNamesTheSharedId) {
    const auto records = conflicts_after(3, [] {
        ImGui::Button("Save###action");
        ImGui::Button("Load###action");
    });
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].count, 3u);
    EXPECT_NE(records[0].message.find("\"Load###action\" and \"Save###action\""), std::string::npos)
        << records[0].message;
    EXPECT_NE(records[0].message.find("share the ###id \"action\""), std::string::npos)
        << records[0].message;
}

TEST_F(IdConflictTest, ALoopWithoutPushIdIsOneRecordCountingTheItemsAndHintsPushIdI) {
    const auto records = conflicts_after(2, [] {
        for (int i = 0; i < 5; ++i) ImGui::Button("Delete");
    });
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].conflicting_count, 5);
    EXPECT_NE(records[0].message.find("submitted 5 items"), std::string::npos)
        << records[0].message;
    EXPECT_NE(records[0].message.find("PushID(i)"), std::string::npos) << records[0].message;
}

TEST_F(IdConflictTest, PushIdInTheLoopOrAllowDuplicateIdIsNoConflict) {
    const auto records = conflicts_after(3, [] {
        for (int i = 0; i < 5; ++i) {
            ImGui::PushID(i);
            ImGui::Button("Delete");
            ImGui::PopID();
        }
        ImGui::PushItemFlag(ImGuiItemFlags_AllowDuplicateId, true);
        ImGui::Button("twice");
        ImGui::Button("twice");
        ImGui::PopItemFlag();
    });
    EXPECT_TRUE(records.empty()) << records[0].message;
}

TEST_F(IdConflictTest, ImGuisOwnDoubleAddsAreNoConflict) {
    static char text[64] = "two lines\nof text";
    const auto records = conflicts_after(3, [] {
        ImGui::InputTextMultiline("##text", text, sizeof text);  // adds its item twice
        ImGui::ShowDemoWindow();
    });
    EXPECT_TRUE(records.empty()) << records[0].message;
}

// While a frame adds the same items in the same order as the last one, the capture checks for
// repeated IDs against the last frame's order instead of its table of IDs; from the first
// difference on, against the table. Every frame's conflict is caught either way: one that comes
// with the difference, one before it, and one after it.
TEST_F(IdConflictTest, AConflictIsCaughtBeforeAtAndAfterTheFrameDiffersFromTheLast) {
    int frame = 0;
    const auto records = conflicts_after(8, [&] {
        ++frame;
        ImGui::Button("early");
        if (frame >= 3) ImGui::Button("early");        // from frame 3 on: a conflict, first at once
        if (frame % 2 == 0) ImGui::Button("toggles");  // every other frame differs from the last
        ImGui::Button("late");
        ImGui::Button(frame >= 5 ? "late" : "later");  // from frame 5 on: after the difference
    });
    ASSERT_EQ(records.size(), 2u);
    const bool early_first = records[0].conflicting_items[0].label == "early";
    const imgui_guard::Record& early = records[early_first ? 0 : 1];
    const imgui_guard::Record& late = records[early_first ? 1 : 0];
    EXPECT_EQ(early.conflicting_items[0].label, "early");
    EXPECT_EQ(early.count, 6u) << "frames 3 to 8";
    EXPECT_EQ(late.conflicting_items[0].label, "late");
    EXPECT_EQ(late.count, 4u) << "frames 5 to 8";
    EXPECT_NE(late.stacktrace.find("ImGui::Button"), std::string::npos) << late.stacktrace;
}

// While nobody reads, the GUI thread queues its frames and wakes the registry's thread only every
// kBatch of them; a read catches up first, so it still gets the frame just drawn, with every
// frame before it worked out in order; and a read makes the hand-over eager again.
TEST_F(RegistryTest, WhileNobodyReadsFramesQueueAndAReadCatchesUpOnEveryOne) {
    frame();
    const std::uint64_t first = frames_;
    const int stable = item("btn_save").stable_frames;
    for (std::uint64_t i = 0; i <= hooks::ItemRegistry::kEagerFrames; ++i) draw();
    registry_.wait_published();  // the queue worked off, the thread asleep; not a read

    for (std::size_t i = 0; i + 1 < hooks::ItemRegistry::kBatch; ++i) draw();
    EXPECT_EQ(registry_.published_now()->frame, frames_ - (hooks::ItemRegistry::kBatch - 1))
        << "fewer than kBatch frames queued: the registry's thread was not woken";
    EXPECT_EQ(registry_.snapshot()->frame, frames_) << "a read waits for the frame just drawn";
    EXPECT_EQ(item("btn_save").stable_frames, stable + static_cast<int>(frames_ - first))
        << "every queued frame was published, in order";

    draw();  // read just now: eager
    EXPECT_TRUE(published_unasked()) << "after a read, each frame wakes the registry's thread";
    for (std::uint64_t i = 0; i <= hooks::ItemRegistry::kEagerFrames; ++i) draw();
    registry_.wait_published();
    for (std::size_t i = 0; i < hooks::ItemRegistry::kBatch; ++i) draw();
    EXPECT_TRUE(published_unasked()) << "kBatch frames queued wake the registry's thread";
}

// The registry's thread publishes while HTTP threads read: each snapshot a reader holds stays
// whole (TSan runs this), and wait_published() means the frame just drawn is the one published.
TEST_F(RegistryTest, SnapshotsReadOnAnotherThreadWhileFramesArePublishedStayWhole) {
    ScrollingList list;
    extra_ = [&] { list.draw(); };
    std::atomic<bool> done{false};
    std::atomic<int> torn{0};
    std::thread reader([&] {
        while (!done.load()) {
            const auto snap = registry_.snapshot();
            for (const hooks::ItemRecord& it : snap->items)
                if (it.last_seen_frame != snap->frame) ++torn;
        }
    });
    for (int i = 0; i < 40; ++i) {
        list.counter = i;
        frame();
        EXPECT_EQ(registry_.snapshot()->frame, frames_);
        EXPECT_EQ(item("counter").label, "Count " + std::to_string(i));
    }
    done = true;
    reader.join();
    EXPECT_EQ(torn.load(), 0);
}
