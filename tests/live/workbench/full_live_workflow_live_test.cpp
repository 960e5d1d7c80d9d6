// full_live_workflow_live_test.cpp: a user's whole session, by typing and clicking: a new
// automated project, a discussion, a context file, every setting, a tool run, a switch to
// another project and back; then imhost is shut down and started again on the same workspace,
// and everything is still there.
#include "tests/live/workbench/workbench_sim.h"

namespace {

using sim::json;

class FullLiveWorkflow : public sim::WorkbenchSim {};

TEST_F(FullLiveWorkflow, EverythingPersistsAcrossSwitchAndRestart) {
    // 1. A new automated project.
    const std::string project = new_project();
    expect_state("/project/name", project);

    // 2. Three discussion messages.
    for (const char* message : {"plan the refactor", "found the leak", "ship it"}) {
        type("input_discussion_message", message);
        gui().click("btn_discussion_send");
    }
    expect_state("/discussion/count", 3);

    // 3. A context file.
    write_file("design.md", "# Design\nthe frame loop never blocks\n");
    type("input_context_path", "design.md");
    gui().click("btn_context_add");
    ASSERT_TRUE(harness::eventually(
        [&] {
            return find_row(gui().state()["context"]["files"], "path", "design.md")["size"] == 37;
        },
        std::chrono::seconds(5)))
        << gui().state()["context"].dump(2);

    // 4. Every setting.
    type("input_settings_model", "workflow-model");
    type("slider_settings_temperature", 0.25);
    type("input_settings_max_tokens", 4096);
    const bool stream = !gui().state()["settings"]["stream"].get<bool>();
    gui().set_value("chk_settings_stream", stream, "input");
    const json settings = {{"model", "workflow-model"},
                           {"temperature", 0.25},
                           {"max_tokens", 4096},
                           {"stream", stream}};
    expect_state("/settings", settings);

    // 5. A tool, run to completion.
    type("input_tool_name", "hello");
    type("input_tool_command", "echo hello");
    gui().click("btn_tool_add");
    gui().click("btn_tool_run_hello");
    expect_state("/tools/0/last_exit_code", 0, 10000);
    EXPECT_NE(gui().state()["console"]["tail"].dump().find("hello"), std::string::npos);

    // 6. Switch to another project (a click in the Projects list) and back (the API).
    const std::string other = new_project();
    EXPECT_EQ(gui().state()["discussion"]["count"], 0);
    gui().call("POST", "/api/items/click",
               {{"target", {{"label", project}, {"window", "Projects"}}}});
    expect_state("/project/name", project);
    expect_state("/settings", settings);
    gui().call("POST", "/api/project/switch", {{"name", other}});
    expect_state("/project/name", other);
    gui().call("POST", "/api/project/switch", {{"name", project}});
    expect_state("/project/name", project);

    // 7. Shut down, start again on the same workspace: everything is as it was.
    const int before_restart = gui().launches();
    gui().restart();
    ASSERT_EQ(gui().launches(), before_restart + 1);
    const json projects = gui().state()["projects"];
    EXPECT_NE(std::find(projects.begin(), projects.end(), project), projects.end())
        << projects.dump();
    EXPECT_NE(std::find(projects.begin(), projects.end(), other), projects.end())
        << projects.dump();
    if (gui().state()["project"]["name"] != project)
        gui().call("POST", "/api/project/switch", {{"name", project}});
    expect_state("/project/name", project);
    const json state = gui().state();
    EXPECT_EQ(state["discussion"]["count"], 3) << state.dump(2);
    EXPECT_EQ(state["discussion"]["last"], "ship it");
    EXPECT_EQ(state["settings"], settings);
    EXPECT_TRUE(find_row(state["context"]["files"], "path", "design.md").is_object())
        << state["context"].dump(2);
    const json tool = find_row(state["tools"], "name", "hello");
    ASSERT_TRUE(tool.is_object()) << state["tools"].dump(2);
    EXPECT_EQ(tool["command"], "echo hello");
    EXPECT_EQ(gui().health()["status"], "pass");
}

}  // namespace
