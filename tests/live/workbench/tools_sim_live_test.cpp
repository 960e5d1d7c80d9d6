// tools_sim_live_test.cpp: the Tools panel driven as a user would: typing a name and a command,
// clicking Add, then the tool's Run button; the run happens on the IO pool as a child process,
// its output reaches the Console and its exit code is kept.
#include "tests/live/workbench/workbench_sim.h"

namespace {

using sim::json;

class ToolsSim : public sim::WorkbenchSim {
  protected:
    void add_tool(const std::string& name, const std::string& command, bool shell = false) {
        type("input_tool_name", name);
        type("input_tool_command", command);
        if (shell) gui().set_value("chk_tool_shell", true, "input");
        gui().click("btn_tool_add");
        ASSERT_TRUE(
            harness::eventually([&] { return tool(name).is_object(); }, std::chrono::seconds(5)))
            << gui().state()["tools"].dump(2);
    }
    json tool(const std::string& name) { return find_row(gui().state()["tools"], "name", name); }
    // Clicks Run and waits for the run to end; returns the tool's row.
    json run(const std::string& name) {
        gui().click("btn_tool_run_" + name);
        EXPECT_TRUE(harness::eventually(
            [&] {
                const json t = tool(name);
                return !t.value("running", true) && !t["last_exit_code"].is_null();
            },
            std::chrono::seconds(10)))
            << gui().state()["tools"].dump(2);
        return tool(name);
    }
    std::string console() { return gui().state()["console"]["tail"].dump(); }
};

TEST_F(ToolsSim, AddedToolRunsAndItsOutputReachesTheConsole) {
    new_project();
    add_tool("greet", "echo hello-from-tools-sim");
    EXPECT_EQ(tool("greet")["command"], "echo hello-from-tools-sim");
    EXPECT_EQ(run("greet")["last_exit_code"], 0);
    EXPECT_NE(console().find("hello-from-tools-sim"), std::string::npos) << console();
    EXPECT_EQ(gui().get_value("txt_tool_exit_greet"), 0);
}

TEST_F(ToolsSim, AFailingCommandKeepsItsExitCode) {
    new_project();
    add_tool("fails", "false");
    EXPECT_EQ(run("fails")["last_exit_code"], 1);
}

TEST_F(ToolsSim, WithoutTheShellFlagShellSyntaxIsNotInterpreted) {
    new_project();
    add_tool("literal", "echo a|b");
    EXPECT_EQ(run("literal")["last_exit_code"], 0);
    EXPECT_NE(console().find("a|b"), std::string::npos) << console();
}

TEST_F(ToolsSim, WithTheShellFlagAPipelineRuns) {
    new_project();
    add_tool("piped", "echo shell-pipeline-ok | tr a-z A-Z", /*shell=*/true);
    EXPECT_EQ(tool("piped")["shell"], true);
    EXPECT_EQ(run("piped")["last_exit_code"], 0);
    EXPECT_NE(console().find("SHELL-PIPELINE-OK"), std::string::npos) << console();
}

TEST_F(ToolsSim, AToolRunsInTheProjectFolder) {
    new_project();
    write_file("marker-for-tools-sim.txt", "x");
    add_tool("where", "ls");
    EXPECT_EQ(run("where")["last_exit_code"], 0);
    EXPECT_NE(console().find("marker-for-tools-sim.txt"), std::string::npos) << console();
}

}  // namespace
