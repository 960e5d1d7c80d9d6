// workbench_live_test.cpp: the workbench driven only through the hook API, as a harness would:
// the whole project flow and a restart on the same workspace; the io_pool_shutdown fault; a
// SIGKILL loop during saves that must never leave a project file that does not parse; and the
// screenshot of every panel for the README.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "hooks/http/port_file.h"
#include "tests/harness/child_process.h"
#include "tests/harness/env_knob.h"
#include "tests/harness/eventually.h"
#include "tests/harness/hook_client.h"
#include "tests/harness/xvfb_display.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

using harness::eventually;

// A folder that outlives one imhost process, so a second one can start on the same workspace.
struct TestDir {
    fs::path path;
    TestDir() {
        static int n = 0;
        path = fs::temp_directory_path() /
               ("imhost-workbench-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TestDir() { fs::remove_all(path); }
    fs::path workspace() const { return path / "ws"; }
};

struct Gui {
    const TestDir& dir;
    std::unique_ptr<harness::ChildProcess> process;
    hooks::PortFileInfo info;
    std::unique_ptr<harness::HookClient> client;

    explicit Gui(const TestDir& d, std::vector<std::string> extra = {}) : dir(d) {
        fs::remove(dir.path / "port.json");
        std::vector<std::string> argv = {IMHOST_EXE,
                                         "--workspace",
                                         dir.workspace().string(),
                                         "--port-file",
                                         (dir.path / "port.json").string(),
                                         "--hook-port",
                                         "0"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        process = std::make_unique<harness::ChildProcess>(
            argv, std::vector<std::string>{"DISPLAY=" + harness::XvfbDisplay::shared_display()},
            (dir.path / "stdout.txt").string(), (dir.path / "stderr.txt").string());
    }
    ~Gui() {
        if (process && process->running()) process->terminate_group(2s);
    }
    std::string stderr_text() const {
        return harness::read_file((dir.path / "stderr.txt").string());
    }

    bool wait_listening() {
        const bool listening = eventually(
            [&] {
                auto r = hooks::read_port_file((dir.path / "port.json").string());
                if (auto* got = std::get_if<hooks::PortFileInfo>(&r)) info = *got;
                return info.port != 0 || !process->running();
            },
            20s);
        if (!listening || info.port == 0) return false;
        client = std::make_unique<harness::HookClient>(info.url, info.token);
        return true;
    }
    // Port file, then a project open (the workspace opens on the IO pool after start).
    bool wait_ready() {
        return wait_listening() && eventually([&] { return state().value("ready", false); }, 20s);
    }
    json state() {
        auto r = client->get("/api/state");
        return r.status == 200 ? r.body["value"] : json::object();
    }
    json call(const std::string& path, const json& body = json::object()) {
        return client->call("POST", path, body);
    }
    bool shutdown_cleanly() {
        if (client->post("/api/shutdown").status != 202) return false;
        auto exit = process->wait_for(10s);
        return exit && exit->describe() == "exit code 0";
    }
};

bool console_has(const json& state, const std::string& line) {
    for (const auto& l : state["console"]["tail"])
        if (l.get<std::string>() == line) return true;
    return false;
}

TEST(WorkbenchLive, SampleWorkspaceOpensOnAFirstRun) {
    TestDir dir;
    Gui gui(dir);
    ASSERT_TRUE(gui.wait_ready()) << gui.stderr_text();
    const json s = gui.state();
    EXPECT_EQ(s["project"]["name"], "welcome");
    EXPECT_EQ(s["projects"], json::array({"welcome"}));
    EXPECT_GE(s["discussion"]["count"].get<int>(), 3);
    EXPECT_EQ(s["tools"].size(), 3u);
    // The sample lists a missing file on purpose: its row shows the error, the panel goes on.
    EXPECT_TRUE(eventually(
        [&] {
            const json s = gui.state();  // named: a temporary would die before the loop
            for (const auto& f : s["context"]["files"])
                if (f["path"] == "missing-on-purpose.txt" && f["error"].is_string() &&
                    f["error"].get<std::string>().find("No such file") != std::string::npos)
                    return true;
            return false;
        },
        5s))
        << gui.state().dump(2);
    EXPECT_TRUE(gui.shutdown_cleanly()) << gui.stderr_text();
}

TEST(WorkbenchLive, ProjectFlowSurvivesARestart) {
    TestDir dir;
    const fs::path context_file = dir.path / "notes.txt";
    std::ofstream(context_file) << "line one\nline two\n";
    json before;
    std::string name;
    {
        Gui gui(dir);
        ASSERT_TRUE(gui.wait_ready()) << gui.stderr_text();

        // 1. new automated project, then wait until the state shows it
        name = gui.call("/api/project/new")["name"];
        EXPECT_EQ(name, "project-1");
        ASSERT_TRUE(eventually([&] { return gui.state()["project"]["name"] == name; }, 5s));

        // 2. three discussion messages
        for (const char* text : {"first note", "second note", "third note"})
            gui.call("/api/discussion/send", {{"text", text}});
        // 3. a context file
        gui.call("/api/context/add", {{"path", context_file.string()}});
        // 4. every setting
        gui.call("/api/project/settings", {{"model", "local-llm"},
                                           {"temperature", 1.25},
                                           {"max_tokens", 4096},
                                           {"stream", false}});
        // 5. a tool, run: exit code 0 and its output in the Console
        gui.call("/api/tools/add", {{"name", "hello"}, {"command", "echo hello"}});
        gui.call("/api/tools/run", {{"name", "hello"}});
        json s;
        ASSERT_TRUE(eventually(
            [&] {
                s = gui.state();
                return s["tools"][0]["last_exit_code"] == 0 && console_has(s, "hello");
            },
            10s))
            << s.dump(2);
        EXPECT_EQ(s["tools"][0]["running"], false);
        EXPECT_EQ(s["discussion"]["count"], 3);
        EXPECT_EQ(s["discussion"]["last"], "third note");
        ASSERT_TRUE(
            eventually([&] { return gui.state()["context"]["files"][0]["size"] == 18; }, 5s));
        EXPECT_EQ(s["settings"], (json{{"model", "local-llm"},
                                       {"temperature", 1.25},
                                       {"max_tokens", 4096},
                                       {"stream", false}}));

        // 6. switch to another project and back: the reply comes once it is loaded
        gui.call("/api/project/new", {{"name", "other"}});
        EXPECT_EQ(gui.state()["project"]["name"], "other");
        EXPECT_EQ(gui.state()["discussion"]["count"], 0);
        EXPECT_EQ(gui.call("/api/project/switch", {{"name", name}})["name"], name);
        s = gui.state();
        EXPECT_EQ(s["project"]["name"], name);
        EXPECT_EQ(s["discussion"]["count"], 3);
        EXPECT_EQ(s["tools"][0]["last_exit_code"], 0);
        EXPECT_EQ(s["projects"], json::array({"other", name, "welcome"}));
        before = s;

        // Bad input gets a reason, not a crash.
        auto bad = gui.client->post("/api/project/new", {{"name", "a/b"}});
        EXPECT_EQ(bad.status, 400);
        EXPECT_NE(bad.body["value"]["message"].get<std::string>().find("path separator"),
                  std::string::npos)
            << bad.raw;
        EXPECT_EQ(gui.client->post("/api/project/switch", {{"name", "nope"}}).status, 400);

        // 7. shut down (saves on quit)
        ASSERT_TRUE(gui.shutdown_cleanly()) << gui.stderr_text();
    }
    // ... and restart on the same workspace: everything as it was.
    Gui again(dir);
    ASSERT_TRUE(again.wait_ready()) << again.stderr_text();
    json after;
    ASSERT_TRUE(eventually(
        [&] {
            after = again.state();
            return after["context"]["files"][0]["size"] == 18;
        },
        5s))
        << after.dump(2);
    for (const char* key : {"project", "projects", "discussion", "context", "settings", "tools"})
        EXPECT_EQ(after[key], before[key]) << key;
    EXPECT_TRUE(again.shutdown_cleanly()) << again.stderr_text();
}

TEST(WorkbenchLive, IoPoolShutdownFaultFailsHealthAndSavingSaysWhy) {
    TestDir dir;
    Gui gui(dir, {"--enable-fault-injection"});
    ASSERT_TRUE(gui.wait_ready()) << gui.stderr_text();
    // Through the guard's fault table (it runs in the Faults panel's next frame).
    gui.call("/api/debug/fault", {{"kind", "io_pool_shutdown"}});
    harness::HookResponse health;
    ASSERT_TRUE(eventually(
        [&] {
            health = gui.client->get("/api/gui_health");
            return health.body["io_pool"]["state"] == "shut_down";
        },
        5s))
        << health.raw;
    EXPECT_EQ(health.status, 503);
    EXPECT_EQ(health.body["status"], "fail");
    EXPECT_EQ(health.body["io_pool"]["state"], "shut_down");
    EXPECT_EQ(health.body["io_pool"]["last_error"],
              "frame loop failure: injected fault io_pool_shutdown");
    EXPECT_NE(health.body["degraded_reasons"].dump().find("injected fault io_pool_shutdown"),
              std::string::npos)
        << health.raw;

    const std::string expected =
        "IO pool shut down after frame loop failure: injected fault io_pool_shutdown; cannot "
        "schedule new work";
    const auto t0 = std::chrono::steady_clock::now();
    auto save = gui.client->post("/api/project/save");
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);  // a clear error, not a hang
    EXPECT_EQ(save.status, 400);
    EXPECT_EQ(save.body["value"]["message"], expected) << save.raw;
    // The UI shows it too (the status line of the Projects panel), and health counts it.
    EXPECT_EQ(gui.state()["status"], "Saving 'welcome' failed: " + expected);
    health = gui.client->get("/api/gui_health");
    EXPECT_GE(health.body["io_pool"]["rejected"].get<int>(), 1);
    EXPECT_EQ(health.body["io_pool"]["last_error"], expected);
    EXPECT_TRUE(gui.shutdown_cleanly()) << gui.stderr_text();
}

TEST(WorkbenchLive, IoTaskThrowsIsRecordedAndThePoolKeepsGoing) {
    TestDir dir;
    Gui gui(dir, {"--enable-fault-injection"});
    ASSERT_TRUE(gui.wait_ready()) << gui.stderr_text();
    gui.call("/api/debug/io_fault", {{"kind", "io_task_throws"}});
    json health;
    ASSERT_TRUE(eventually(
        [&] {
            health = gui.client->get("/api/gui_health").body;
            return health["io_pool"]["state"] == "degraded";
        },
        5s));
    EXPECT_EQ(health["status"], "warn");
    EXPECT_EQ(health["io_pool"]["failed"], 1);
    EXPECT_EQ(gui.call("/api/project/save")["saved"], 1);  // still does work
    EXPECT_TRUE(gui.shutdown_cleanly()) << gui.stderr_text();
}

// A save of project "big" is writing its temporary file in `workspace` (write_file_atomically()).
bool write_under_way(const fs::path& workspace) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(workspace, ec))
        if (entry.path().filename().string().starts_with(".big.json.tmp.")) return true;
    return false;
}

TEST(WorkbenchLive, SigkillDuringSavesNeverLeavesAnUnparsableProjectFile) {
    TestDir dir;
    {  // A project big enough that a write takes a while.
        Gui gui(dir);
        ASSERT_TRUE(gui.wait_ready()) << gui.stderr_text();
        gui.call("/api/project/new", {{"name", "big"}});
        const std::string chunk(4000, 'x');
        for (int i = 0; i < 30; ++i)
            gui.call("/api/discussion/send", {{"text", std::to_string(i) + chunk}});
        gui.call("/api/project/save");
        ASSERT_TRUE(gui.shutdown_cleanly());
    }
    // IMHOST_KILL_TRIES: fewer under the sanitizers (tests/CMakeLists.txt), as in data_safety;
    // then more, up to 100, until one kill has landed inside a write (what the test is for).
    const int tries = harness::env_int("IMHOST_KILL_TRIES", 100);
    constexpr int kMostTries = 100;
    std::mt19937 random(12345);
    int attempts = 0, killed_mid_storm = 0, killed_mid_write = 0;
    for (int attempt = 0; attempt < tries || (killed_mid_write == 0 && attempt < kMostTries);
         ++attempt) {
        ++attempts;
        Gui gui(dir);
        ASSERT_TRUE(gui.wait_ready()) << "attempt " << attempt << ": " << gui.stderr_text();
        // A tight loop of saves on the IO pool ...
        std::thread storm([url = gui.info.url, token = gui.info.token] {
            harness::HookClient c(url, token, 10.0);
            c.post("/api/project/save", {{"repeat", 1000}, {"timeout_ms", 10000}});
        });
        // ... seen running in health, then SIGKILL at a random point inside it.
        const bool saving = eventually(
            [&] {
                auto h = gui.client->get("/api/gui_health");
                return h.body.is_object() && h.body["io_pool"]["queued"].get<int>() > 0;
            },
            10s);
        if (attempt % 2 == 0) {
            std::this_thread::sleep_for(std::chrono::microseconds(random() % 20000));  // kill point
        } else {
            // Every other kill as soon as a write is seen under way (its temporary file is
            // there): random points alone may all miss the writes, as they did under TSan.
            const auto deadline = std::chrono::steady_clock::now() + 2s;
            while (!write_under_way(dir.workspace()) &&
                   std::chrono::steady_clock::now() < deadline) {
            }
        }
        if (saving && gui.process->running()) ++killed_mid_storm;
        ::kill(gui.process->pid(), SIGKILL);
        ASSERT_TRUE(gui.process->wait_for(5s));
        storm.join();
        for (const auto& entry : fs::directory_iterator(dir.workspace())) {
            const std::string fname = entry.path().filename().string();
            if (fname.starts_with(".big.json.tmp.")) ++killed_mid_write;  // a write was cut
            if (entry.path().extension() != ".json" || fname[0] == '.') continue;
            const std::string text = harness::read_file(entry.path().string());
            const json doc = json::parse(text, nullptr, false);
            ASSERT_FALSE(doc.is_discarded()) << "attempt " << attempt << ": " << fname
                                             << " does not parse (" << text.size() << " bytes)";
            if (fname == "big.json") {
                ASSERT_EQ(doc["discussion"].size(), 30u) << attempt;
            }
        }
    }
    std::printf("SIGKILL during a storm of saves: %d kills, %d inside a write\n", attempts,
                killed_mid_write);
    EXPECT_EQ(killed_mid_storm, attempts);
    EXPECT_GT(killed_mid_write, 0);  // some kills landed inside a write, not between two
}

TEST(WorkbenchLive, ScreenshotOfEveryPanel) {
    TestDir dir;
    Gui gui(dir);
    ASSERT_TRUE(gui.wait_ready()) << gui.stderr_text();
    gui.call("/api/tools/run", {{"name", "hello"}});
    ASSERT_TRUE(eventually([&] { return gui.state()["tools"][0]["last_exit_code"] == 0; }, 10s));
    auto shot = gui.client->get("/api/screenshot");
    ASSERT_EQ(shot.status, 200) << shot.raw.substr(0, 300);
    ASSERT_GT(shot.raw.size(), 8u);
    EXPECT_EQ(shot.raw.substr(1, 3), "PNG");
    const fs::path out = fs::path(IMHOST_BUILD_DIR) / "workbench.png";
    std::ofstream(out, std::ios::binary) << shot.raw;
    EXPECT_TRUE(fs::exists(out));
    EXPECT_TRUE(gui.shutdown_cleanly()) << gui.stderr_text();
}

}  // namespace
