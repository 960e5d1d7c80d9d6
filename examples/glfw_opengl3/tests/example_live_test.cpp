// example_live_test.cpp: the example app under imhost's live-test harness (imhost::harness from
// the installed package), the way a suite of your own app would use it. The app is not imhost:
// the harness passes it only --hook-port 0 and --port-file, and everything below (pre-flight,
// respawn, diagnostics) works from those and the hook API alone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/harness/eventually.h"
#include "tests/harness/live_gui_test.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

harness::LiveGuiOptions example_app() {
    harness::LiveGuiOptions options;
    options.exe = EXAMPLE_EXE;  // the harness has no default app: say which one
    options.name = "example";
    return options;
}

std::vector<std::string> command_line(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::vector<std::string> argv;
    for (std::string arg; std::getline(in, arg, '\0');) argv.push_back(arg);
    return argv;
}

json wait_value(harness::LiveGui& gui, const std::string& id, const json& value) {
    return gui.wait({{"type", "value_equals"}, {"target", {{"id", id}}}, {"value", value}});
}

// Set by BreakingItOnPurposeGetsAFreshApp, read by the test after it.
pid_t g_broken_pid = 0;

}  // namespace

// One example app for the suite; POST /api/reset after each test clears recorded errors.
class ExampleLive : public harness::LiveGuiTest {
  public:
    static void SetUpTestSuite() {
        harness::LiveSuiteOptions options;
        options.gui = example_app();
        options.reset_between_tests = true;
        start_suite(options);
    }
};

TEST_F(ExampleLive, TheAppGetsOnlyTheFlagsEveryAppTakes) {
    const std::vector<std::string> argv = command_line(gui().pid());
    ASSERT_EQ(argv.size(), 5u) << ::testing::PrintToString(argv);
    EXPECT_EQ(fs::path(argv[0]).filename(), "example_glfw_opengl3");
    EXPECT_EQ(argv[1], "--hook-port");
    EXPECT_EQ(argv[2], "0");
    EXPECT_EQ(argv[3], "--port-file");
    EXPECT_EQ(gui().call("GET", "/api/status")["app"], "example_glfw_opengl3");
}

TEST_F(ExampleLive, PreflightPassesOnAHealthyApp) {
    EXPECT_EQ(preflight().verdict, harness::Verdict::pass) << preflight().message;
    EXPECT_EQ(gui().health()["status"], "pass");
}

TEST_F(ExampleLive, ClicksTakeEffect) {
    EXPECT_EQ(gui().get_value("txt_clicks"), 0);
    gui().click("btn_count");
    wait_value(gui(), "txt_clicks", 1);
    EXPECT_EQ(gui().get_value("txt_clicks"), 1);
    gui().click("chk_details");
    wait_value(gui(), "chk_details", true);
}

// The app's own IM_ASSERT is recorded instead of aborting, and the pre-flight of the next test
// would quote it: `warn`, which fails a strict pre-flight.
TEST_F(ExampleLive, ItsOwnFailedAssertIsRecordedAndThePreflightQuotesIt) {
    gui().click("btn_fail_assert");
    json health;
    ASSERT_TRUE(harness::eventually(
        [&] { return (health = gui().health())["last_assert"].is_object(); }, 5s))
        << health.dump(2);
    EXPECT_THAT(health["last_assert"]["file"].get<std::string>(),
                HasSubstr("examples/glfw_opengl3/main.cpp"));
    EXPECT_EQ(health["last_assert"]["panel"], "Example panel");
    EXPECT_EQ(health["status"], "warn");
    EXPECT_TRUE(gui().alive());

    const harness::Observation seen = gui().observe();
    const harness::Preflight relaxed = harness::decide_preflight(seen, /*strict=*/false);
    EXPECT_EQ(relaxed.verdict, harness::Verdict::warn);
    EXPECT_THAT(relaxed.message, HasSubstr("the example's own failing assertion"));
    EXPECT_THAT(relaxed.message, HasSubstr("examples/glfw_opengl3/main.cpp"));
    EXPECT_EQ(harness::decide_preflight(seen, /*strict=*/true).verdict, harness::Verdict::fail);

    const int clicks = gui().get_value("txt_clicks").get<int>();  // and the app goes on
    gui().click("btn_count");
    wait_value(gui(), "txt_clicks", clicks + 1);
}

TEST_F(ExampleLive, DiagnosticsShowHealthOutputAndAScreenshot) {
    const fs::path dir = harness::artifacts_dir() / "example_diagnostics";
    const std::string text = gui().diagnostics(dir, "ExampleLive.Diagnostics");
    EXPECT_THAT(text, HasSubstr("last health JSON:"));
    EXPECT_THAT(text, HasSubstr("\"status\": \"pass\""));
    EXPECT_THAT(text, HasSubstr("example: hook server http://127.0.0.1:"));  // the stdout tail
    const fs::path png = dir / "ExampleLive.Diagnostics.png";
    ASSERT_TRUE(fs::exists(png)) << text;
    std::ifstream in(png, std::ios::binary);
    std::string signature(8, '\0');
    in.read(signature.data(), 8);
    EXPECT_EQ(signature, "\x89PNG\r\n\x1a\n");
}

// The fixture replaces an app a test broke on purpose; the next test gets a fresh one.
TEST_F(ExampleLive, BreakingItOnPurposeGetsAFreshApp) {
    expect_gui_breakage();
    g_broken_pid = gui().pid();
    ASSERT_EQ(::kill(g_broken_pid, SIGKILL), 0);
    EXPECT_TRUE(harness::eventually([&] { return !gui().alive(); }, 10s));
}

TEST_F(ExampleLive, TheRespawnedAppIsFreshAndHealthy) {
    if (g_broken_pid == 0) GTEST_SKIP() << "runs after BreakingItOnPurposeGetsAFreshApp";
    EXPECT_NE(gui().pid(), g_broken_pid);
    EXPECT_EQ(preflight().verdict, harness::Verdict::pass) << preflight().message;
    EXPECT_EQ(gui().get_value("txt_clicks"), 0);  // a new process: its state starts over
}

// The installed harness knows no app of its own: without LiveGuiOptions::exe or $IMHOST_EXE it
// says what to set.
TEST(ExampleHarness, WithoutAnAppTheLaunchSaysWhatToSet) {
    const char* previous = std::getenv("IMHOST_EXE");
    const std::string saved = previous ? previous : "";
    ::unsetenv("IMHOST_EXE");
    try {
        harness::LiveGui gui{harness::LiveGuiOptions{}};
        ADD_FAILURE() << "launched without an app";
    } catch (const harness::LaunchError& error) {
        EXPECT_THAT(error.what(), HasSubstr("LiveGuiOptions::exe"));
        EXPECT_THAT(error.what(), HasSubstr("$IMHOST_EXE"));
    }
    if (previous) ::setenv("IMHOST_EXE", saved.c_str(), 1);
}
