// foundation_live_test.cpp: the real imhost under Xvfb: it starts, reports health, draws
// frames, shuts down cleanly, refuses a taken port, and exits 3 without a display.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "hooks/port_file.h"
#include "tests/harness/child_process.h"
#include "tests/harness/hook_client.h"
#include "tests/harness/xvfb_display.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using harness::ChildProcess;

// Polls `ready` every few ms until it is true or the deadline passes.
template <class F>
bool eventually(F ready, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (ready()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return ready();
}

struct Instance {
    fs::path dir;
    std::unique_ptr<ChildProcess> process;
    hooks::PortFileInfo info;

    explicit Instance(std::vector<std::string> extra_args = {}, bool with_display = true) {
        static int n = 0;
        dir = fs::temp_directory_path() /
              ("imhost-foundation-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::create_directories(dir);
        std::vector<std::string> argv = {IMHOST_EXE, "--workspace", (dir / "ws").string(),
                                         "--port-file", (dir / "port.json").string()};
        argv.insert(argv.end(), extra_args.begin(), extra_args.end());
        std::vector<std::string> env = {
            "DISPLAY=" + (with_display ? harness::XvfbDisplay::shared_display() : std::string())};
        process = std::make_unique<ChildProcess>(argv, env, (dir / "stdout.txt").string(),
                                                 (dir / "stderr.txt").string());
    }
    ~Instance() {
        process.reset();
        fs::remove_all(dir);
    }
    bool wait_port_file(std::chrono::milliseconds deadline) {
        return eventually(
            [&] {
                auto r = hooks::read_port_file((dir / "port.json").string());
                if (auto* got = std::get_if<hooks::PortFileInfo>(&r)) info = *got;
                return info.port != 0 || !process->running();
            },
            deadline) && info.port != 0;
    }
    std::string stderr_text() const { return harness::read_file((dir / "stderr.txt").string()); }
};

TEST(Foundation, StartsHealthyDrawsFramesAndShutsDownCleanly) {
    Instance gui({"--hook-port", "0"});
    ASSERT_TRUE(gui.wait_port_file(20s)) << gui.stderr_text();
    EXPECT_EQ(gui.info.pid, gui.process->pid());
    EXPECT_FALSE(gui.info.token.empty());

    harness::HookClient client(gui.info.url, gui.info.token);
    nlohmann::json health;
    ASSERT_TRUE(eventually(
        [&] {
            auto r = client.get("/api/gui_health");
            health = r.body;
            return r.status == 200 && health.value("status", "") == "pass";
        },
        20s))
        << health.dump(2) << gui.stderr_text();
    EXPECT_EQ(health["phase"], "running");
    EXPECT_EQ(health["healthy"], true);
    EXPECT_EQ(health["instance_id"], gui.info.instance_id);

    const auto first = health["frame"]["count"].get<std::uint64_t>();
    EXPECT_TRUE(eventually(
        [&] { return client.get("/api/gui_health").body["frame"]["count"].get<std::uint64_t>() >
                     first; },
        10s));

    auto status = client.call("GET", "/api/status");
    EXPECT_EQ(status["instance_id"], gui.info.instance_id);
    EXPECT_TRUE(status["imgui_version"].get<std::string>().starts_with("1.9"));

    auto reply = client.post("/api/shutdown");
    EXPECT_EQ(reply.status, 202);
    auto exit = gui.process->wait_for(10s);
    ASSERT_TRUE(exit.has_value()) << "imhost did not exit after /api/shutdown";
    EXPECT_EQ(exit->describe(), "exit code 0") << gui.stderr_text();
}

TEST(Foundation, TwoInstancesSideBySideAndATakenPortIsRefused) {
    Instance a({"--hook-port", "0"});
    Instance b({"--hook-port", "0"});
    ASSERT_TRUE(a.wait_port_file(20s)) << a.stderr_text();
    ASSERT_TRUE(b.wait_port_file(20s)) << b.stderr_text();
    EXPECT_NE(a.info.port, b.info.port);

    Instance c({"--hook-port", std::to_string(a.info.port)});
    auto exit = c.process->wait_for(20s);
    ASSERT_TRUE(exit.has_value()) << "a second instance on a taken port kept running";
    EXPECT_TRUE(exit->exited());
    EXPECT_NE(exit->code, 0);
    EXPECT_NE(c.stderr_text().find("cannot bind"), std::string::npos) << c.stderr_text();

    // The first instance still answers, and only it.
    harness::HookClient client(a.info.url, a.info.token);
    EXPECT_EQ(client.call("GET", "/api/status")["instance_id"], a.info.instance_id);
}

TEST(Foundation, NoDisplayExits3WithOneClearLine) {
    Instance gui({"--hook-port", "0"}, /*with_display=*/false);
    auto exit = gui.process->wait_for(10s);
    ASSERT_TRUE(exit.has_value());
    EXPECT_EQ(exit->describe(), "exit code 3");
    EXPECT_NE(gui.stderr_text().find("no DISPLAY"), std::string::npos) << gui.stderr_text();
}

TEST(Foundation, BadFlagsExit2WithUsage) {
    Instance gui({"--window-size", "banana"});
    auto exit = gui.process->wait_for(10s);
    ASSERT_TRUE(exit.has_value());
    EXPECT_EQ(exit->describe(), "exit code 2");
    EXPECT_NE(gui.stderr_text().find("--window-size"), std::string::npos) << gui.stderr_text();
}

}  // namespace
