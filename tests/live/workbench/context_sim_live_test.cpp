// context_sim_live_test.cpp: the Context panel driven as a user would: typing a path, clicking
// Add and the row's "x"; the file's size is read on the IO pool, and a missing file shows its
// error in its row without failing the panel.
#include "tests/live/workbench/workbench_sim.h"

namespace {

using sim::json;

class ContextSim : public sim::WorkbenchSim {
  protected:
    json file_row(const std::string& path) {
        return find_row(gui().state()["context"]["files"], "path", path);
    }
    void add_path(const std::string& path) {
        type("input_context_path", path);
        gui().click("btn_context_add");
    }
};

TEST_F(ContextSim, AddedFileShowsItsSizeReadOnTheIoPool) {
    new_project();
    write_file("notes.txt", "line one\nline two\n");
    add_path("notes.txt");
    ASSERT_TRUE(harness::eventually(
        [&] {
            const json row = file_row("notes.txt");
            return row.is_object() && !row.value("loading", true) && row["size"] == 18;
        },
        std::chrono::seconds(5)))
        << gui().state()["context"].dump(2);
    EXPECT_TRUE(file_row("notes.txt")["error"].is_null());
    EXPECT_EQ(gui().get_value("txt_context_count"), 1);
}

TEST_F(ContextSim, AMissingFileShowsItsErrorInItsRowAndThePanelKeepsWorking) {
    new_project();
    add_path("not-there.txt");
    ASSERT_TRUE(harness::eventually(
        [&] {
            const json row = file_row("not-there.txt");
            return row.is_object() && row["error"].is_string();
        },
        std::chrono::seconds(5)))
        << gui().state()["context"].dump(2);
    EXPECT_NE(file_row("not-there.txt")["error"].get<std::string>().find("No such file"),
              std::string::npos);
    // The panel still works: another file can be added after the failed one.
    write_file("after.txt", "ok\n");
    add_path("after.txt");
    EXPECT_TRUE(harness::eventually([&] { return file_row("after.txt")["size"] == 3; },
                                    std::chrono::seconds(5)));
    const json health = gui().health();
    EXPECT_EQ(health["status"], "pass") << "a missing context file must not be a GUI error\n"
                                        << health.dump(2);
}

TEST_F(ContextSim, TheRowsXButtonRemovesTheFile) {
    new_project();
    write_file("a.txt", "a\n");
    write_file("b.txt", "bb\n");
    add_path("a.txt");
    add_path("b.txt");
    ASSERT_TRUE(harness::eventually([&] { return file_row("b.txt").is_object(); },
                                    std::chrono::seconds(5)));
    // Find the "x" on b.txt's row: the small button level with the row's label.
    const json items = gui().items("Context");
    double row_y = -1;
    for (const auto& item : items)
        if (item.value("label", std::string()) == "b.txt") row_y = item["rect"]["y"];
    ASSERT_GE(row_y, 0) << items.dump(2);
    std::string x_button;
    for (const auto& item : items)
        if (item.value("label", std::string()) == "x" &&
            std::abs(item["rect"]["y"].get<double>() - row_y) < 4)
            x_button = item["imgui_id"];
    ASSERT_FALSE(x_button.empty()) << items.dump(2);
    gui().call("POST", "/api/items/click", {{"target", {{"imgui_id", x_button}}}});
    EXPECT_TRUE(
        harness::eventually([&] { return file_row("b.txt").is_null(); }, std::chrono::seconds(5)));
    EXPECT_TRUE(file_row("a.txt").is_object()) << "the wrong row was removed";
}

}  // namespace
