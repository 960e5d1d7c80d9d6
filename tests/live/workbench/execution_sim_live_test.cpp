// execution_sim_live_test.cpp: work in progress while the user keeps using the app: the
// discussion takes typed messages, a long tool run streams its output line by line while the
// GUI stays healthy and clickable, and a run can be cancelled.
#include "tests/live/workbench/workbench_sim.h"

namespace {

using sim::json;

class ExecutionSim : public sim::WorkbenchSim {
  protected:
    void add_shell_tool(const std::string& name, const std::string& command) {
        type("input_tool_name", name);
        type("input_tool_command", command);
        gui().set_value("chk_tool_shell", true, "input");
        gui().click("btn_tool_add");
        ASSERT_TRUE(
            harness::eventually([&] { return tool(name).is_object(); }, std::chrono::seconds(5)));
    }
    json tool(const std::string& name) { return find_row(gui().state()["tools"], "name", name); }
    void send(const std::string& message) {
        type("input_discussion_message", message);
        gui().click("btn_discussion_send");
    }
};

TEST_F(ExecutionSim, DiscussionTakesTypedMessages) {
    new_project();
    const int before = gui().state()["discussion"]["count"];
    for (const char* message : {"first note", "second note", "third note"}) send(message);
    expect_state("/discussion/count", before + 3);
    expect_state("/discussion/last", "third note");
    EXPECT_EQ(gui().get_value("txt_discussion_count"), before + 3);
}

TEST_F(ExecutionSim, ALongRunStreamsWhileTheGuiStaysResponsive) {
    new_project();
    add_shell_tool("ticker", "for i in 1 2 3 4 5; do echo tick-$i; sleep 0.3; done");
    gui().click("btn_tool_run_ticker");
    expect_state("/tools/0/running", true);
    // While it runs: health is pass, frames come, and the user can do something else.
    const auto frames = gui().health()["frame"]["count"].get<std::uint64_t>();
    send("typed while the tool runs");
    expect_state("/discussion/last", "typed while the tool runs");
    EXPECT_EQ(gui().health()["status"], "pass");
    EXPECT_GT(gui().health()["frame"]["count"].get<std::uint64_t>(), frames);
    // Output streams: an early line is in the console before the run ends.
    EXPECT_TRUE(harness::eventually(
        [&] {
            return gui().state()["console"]["tail"].dump().find("tick-2") != std::string::npos &&
                   tool("ticker")["running"] == true;
        },
        std::chrono::seconds(5)))
        << "no streamed output while running: " << gui().state()["console"].dump(2);
    ASSERT_TRUE(harness::eventually([&] { return tool("ticker")["running"] == false; },
                                    std::chrono::seconds(10)));
    EXPECT_EQ(tool("ticker")["last_exit_code"], 0);
    const std::string tail = gui().state()["console"]["tail"].dump();
    EXPECT_LT(tail.find("tick-1"), tail.find("tick-5")) << tail;
}

TEST_F(ExecutionSim, ARunCanBeCancelled) {
    new_project();
    add_shell_tool("forever", "echo started-forever; sleep 30");
    gui().click("btn_tool_run_forever");
    expect_state("/tools/0/running", true);
    const auto start = std::chrono::steady_clock::now();
    gui().click("btn_tool_cancel_forever");
    ASSERT_TRUE(harness::eventually([&] { return tool("forever")["running"] == false; },
                                    std::chrono::seconds(5)))
        << gui().state()["tools"].dump(2);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_NE(tool("forever")["last_exit_code"], 0) << "a cancelled run must not look successful";
    EXPECT_EQ(gui().health()["status"], "pass");
}

}  // namespace
