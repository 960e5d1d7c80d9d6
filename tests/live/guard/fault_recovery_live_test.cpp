// fault_recovery_live_test.cpp: every fault kind injected into the real imhost under Xvfb
// through POST /api/debug/fault. Recoverable kinds show in health (last_assert / last_error,
// with the stack) while frames keep coming; frame_loop_fatal leaves a `crashed` phase with the
// hook server still answering, and a stop asked for afterwards (POST /api/shutdown, SIGTERM)
// exits 0 while --linger running out exits 4; segv and abort end the process by that signal,
// with a crash report that names the faulting function. A scope leak seen twice names the
// Begin() call that leaked.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "tests/harness/live_gui.h"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;

template <class F>
bool eventually(F ready, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (ready()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return ready();
}

std::uint64_t frame_count(const json& health) {
    return health["frame"]["count"].get<std::uint64_t>();
}

std::uint64_t record_seq(const json& record) {
    return record.is_object() ? record["seq"].get<std::uint64_t>() : 0;
}

struct LiveCase {
    const char* kind;
    const char* field;    // where health shows it: last_assert or last_error
    const char* record;   // the record's kind
    const char* message;  // a substring of the record's message
    const char* stack;    // a function the stack names
};

void PrintTo(const LiveCase& c, std::ostream* os) { *os << c.kind; }

const LiveCase kRecoverable[] = {
    {"missing_end", "last_assert", "scope_leak",
     "left a window open (Begin(\"Fault: missing_end\")",
     "imhost::faults::FaultInjector::draw_panel"},
    {"missing_pop_id", "last_assert", "user_error", "left an ID pushed (PushID() without PopID())",
     "imhost::faults::missing_pop_id"},
    {"extra_end", "last_assert", "user_error", "Calling End() too many times!",
     "imhost::faults::extra_end"},
    {"extra_pop_id", "last_assert", "user_error", "Calling PopID() too many times!",
     "imhost::faults::extra_pop_id"},
    {"missing_end_child", "last_assert", "scope_leak",
     "left a child window open (BeginChild(\"Fault: missing_end_child\") without EndChild())",
     "imhost::faults::FaultInjector::draw_panel"},
    {"missing_end_table", "last_assert", "user_error",
     "left a table open (BeginTable() without EndTable())", "imhost::faults::missing_end_table"},
    {"missing_pop_style_var", "last_assert", "user_error",
     "left a style var pushed (PushStyleVar() without PopStyleVar())",
     "imhost::faults::missing_pop_style_var"},
    {"missing_pop_style_color", "last_assert", "user_error",
     "left a style color pushed (PushStyleColor() without PopStyleColor())",
     "imhost::faults::missing_pop_style_color"},
    {"missing_tree_pop", "last_assert", "user_error",
     "left a tree node open (TreeNode() without TreePop())", "imhost::faults::missing_tree_pop"},
    {"missing_end_group", "last_assert", "user_error",
     "left a group open (BeginGroup() without EndGroup())", "imhost::faults::missing_end_group"},
    {"hard_assert", "last_assert", "assert", "fault injection: hard_assert",
     "imhost::faults::hard_assert"},
    {"exception", "last_error", "exception", "fault injection: exception thrown from panel code",
     "imhost::faults::throw_exception"},
};

// One GUI for all recoverable kinds: each leaves it running, which is the point.
class RecoverableFault : public ::testing::TestWithParam<LiveCase> {
  public:
    static void SetUpTestSuite() { gui_ = std::make_unique<harness::LiveGui>(); }
    static void TearDownTestSuite() {
        if (gui_) {
            EXPECT_EQ(gui_->stop().describe(), "exit code 0") << gui_->stderr_text();
        }
        gui_.reset();
    }

  protected:
    static std::unique_ptr<harness::LiveGui> gui_;
};
std::unique_ptr<harness::LiveGui> RecoverableFault::gui_;

TEST_P(RecoverableFault, ShowsInHealthWithItsStackAndFramesKeepComing) {
    const LiveCase& c = GetParam();
    harness::LiveGui& gui = *gui_;
    const json before = gui.health();
    const std::uint64_t seq_before = record_seq(before[c.field]);

    const json armed = gui.fault(c.kind);
    EXPECT_EQ(armed["armed"], true);
    EXPECT_EQ(armed["panel"], "Faults");

    json health;
    ASSERT_TRUE(eventually(
        [&] {
            health = gui.health();
            return record_seq(health[c.field]) > seq_before;
        },
        10s))
        << c.field << " never changed: " << health.dump(2) << gui.stderr_text();
    const json& r = health[c.field];
    EXPECT_EQ(r["kind"], c.record);
    EXPECT_NE(r["message"].get<std::string>().find(c.message), std::string::npos) << r.dump(2);
    EXPECT_EQ(r["panel"], "Faults");
    ASSERT_TRUE(r["stack"].is_array());
    ASSERT_FALSE(r["stack"].empty());
    EXPECT_NE(r["stacktrace"].get<std::string>().find(c.stack), std::string::npos)
        << r["stacktrace"].get<std::string>();
    EXPECT_EQ(health["phase"], "running");
    EXPECT_EQ(health["status"], "warn") << "a recovered error is a warning, not a failure";

    const std::uint64_t frames_then = frame_count(health);
    EXPECT_TRUE(eventually([&] { return frame_count(gui.health()) >= frames_then + 2; }, 10s))
        << "frames stopped after " << c.kind;
    EXPECT_EQ(gui.health()["phase"], "running");
}

INSTANTIATE_TEST_SUITE_P(EveryKind, RecoverableFault, ::testing::ValuesIn(kRecoverable),
                         [](const auto& info) { return std::string(info.param.kind); });

TEST(FaultInjection, UnknownKindsAndPanelsAreRefusedWithTheChoices) {
    harness::LiveGui gui;
    try {
        gui.fault("no_such_fault");
        ADD_FAILURE() << "an unknown kind was accepted";
    } catch (const harness::HookError& e) {
        EXPECT_EQ(e.status(), 400);
        EXPECT_NE(std::string(e.what()).find("missing_end"), std::string::npos) << e.what();
    }
    try {
        gui.fault("missing_end", {{"panel", "No Such Panel"}});
        ADD_FAILURE() << "an unknown panel was accepted";
    } catch (const harness::HookError& e) {
        EXPECT_EQ(e.status(), 404);
        EXPECT_NE(std::string(e.what()).find("Faults"), std::string::npos) << e.what();
    }
}

TEST(FaultInjection, HangStallsTheGuiThreadThenItRecovers) {
    harness::LiveGuiOptions options;
    options.extra_args = {"--stall-ms", "500"};  // not too tight: CI machines are busy
    harness::LiveGui gui(options);
    const json armed = gui.fault("hang", {{"ms", 2500}});
    EXPECT_EQ(armed["armed"], true);
    json health;
    EXPECT_TRUE(eventually(
        [&] {
            health = gui.probe_health().body;
            return health.is_object() && health["phase"] == "stalled";
        },
        5s))
        << health.dump(2);
    const std::uint64_t stalled_at = frame_count(health);
    EXPECT_TRUE(eventually(
        [&] {
            health = gui.probe_health().body;
            return health.is_object() && health["phase"] == "running" &&
                   frame_count(health) > stalled_at + 1;
        },
        10s))
        << health.dump(2);
}

// Breaks the frame loop, waits until health says `crashed`, and returns that health answer.
harness::HealthSample crash_the_frame_loop(harness::LiveGui& gui) {
    EXPECT_EQ(gui.fault("frame_loop_fatal")["armed"], true);
    harness::HealthSample h;
    EXPECT_TRUE(eventually(
        [&] {
            h = gui.probe_health();
            return h.body.is_object() && h.body["phase"] == "crashed";
        },
        10s))
        << h.body.dump(2) << gui.stderr_text();
    return h;
}

TEST(FaultInjection, FrameLoopFatalLeavesPhaseCrashedWhileHealthStillAnswers) {
    harness::LiveGui gui;
    const harness::HealthSample h = crash_the_frame_loop(gui);
    ASSERT_EQ(h.body["phase"], "crashed");
    EXPECT_EQ(h.http_status, 503);
    EXPECT_EQ(h.body["status"], "fail");
    const std::string reasons = h.body["degraded_reasons"].dump();
    EXPECT_NE(reasons.find("cannot finish the frame"), std::string::npos) << reasons;
    ASSERT_TRUE(h.body["last_error"].is_object());
    EXPECT_NE(h.body["last_error"]["message"].get<std::string>().find("frame_loop_fatal"),
              std::string::npos)
        << h.body["last_error"].dump(2);

    // Still answering, and commands fail at once instead of waiting for a dead loop.
    for (int i = 0; i < 5; ++i) EXPECT_EQ(gui.probe_health().body["phase"], "crashed");
    const auto start = std::chrono::steady_clock::now();
    try {
        gui.fault("missing_end");
        ADD_FAILURE() << "a command was accepted by a dead frame loop";
    } catch (const harness::HookError& e) {
        EXPECT_EQ(e.status(), 503);
        EXPECT_EQ(e.code(), "gui not running");
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
    EXPECT_TRUE(gui.alive());
    // POST /api/shutdown after the crash: an orderly stop, so exit code 0 (the crash is in
    // health and the records, not in the exit status).
    EXPECT_EQ(gui.stop().describe(), "exit code 0") << gui.stderr_text();
}

TEST(FaultInjection, SigtermAfterAFrameLoopCrashIsAnOrderlyStopWithExitCode0) {
    harness::LiveGui gui;
    crash_the_frame_loop(gui);
    ASSERT_EQ(::kill(gui.pid(), SIGTERM), 0);
    const auto exit = gui.process().wait_for(10s);
    ASSERT_TRUE(exit.has_value()) << "SIGTERM did not stop it" << gui.stderr_text();
    EXPECT_EQ(exit->describe(), "exit code 0") << gui.stderr_text();
    EXPECT_NE(gui.stderr_text().find("SIGTERM: stopping"), std::string::npos) << gui.stderr_text();
}

TEST(FaultInjection, SigtermStopsAHealthyAppInOrderWithExitCode0) {
    harness::LiveGui gui;
    ASSERT_EQ(::kill(gui.pid(), SIGTERM), 0);
    const auto exit = gui.process().wait_for(10s);
    ASSERT_TRUE(exit.has_value()) << "SIGTERM did not stop it" << gui.stderr_text();
    EXPECT_EQ(exit->describe(), "exit code 0") << gui.stderr_text();
}

TEST(FaultInjection, WhenLingerRunsOutAfterAFrameLoopCrashTheExitCodeIs4) {
    harness::LiveGuiOptions options;
    options.extra_args = {"--linger", "0.5"};
    harness::LiveGui gui(options);
    crash_the_frame_loop(gui);
    const auto exit = gui.process().wait_for(10s);
    ASSERT_TRUE(exit.has_value()) << "--linger 0.5 did not end the process";
    EXPECT_EQ(exit->describe(), "exit code 4") << gui.stderr_text();
    EXPECT_NE(gui.stderr_text().find("ran out after the frame-loop crash"), std::string::npos)
        << gui.stderr_text();
}

// Line `line` of a source file named by a record (an absolute path from the debug info).
std::string source_line(const std::string& file, int line) {
    std::ifstream in(file);
    std::string text;
    for (int i = 0; i < line && std::getline(in, text); ++i) {
    }
    return text;
}

// A leak is found after the panel returned; the guard then watches the leaked window, and the
// next time the panel leaks it, the record names the Begin() call itself.
TEST(FaultInjection, ARepeatedScopeLeakNamesTheBeginCallSite) {
    harness::LiveGui gui;
    auto inject_and_wait = [&](std::uint64_t after) {
        EXPECT_EQ(gui.fault("missing_end")["armed"], true);
        json health;
        EXPECT_TRUE(eventually(
            [&] {
                health = gui.health();
                return record_seq(health["last_assert"]) > after;
            },
            10s))
            << health.dump(2) << gui.stderr_text();
        return health["last_assert"];
    };
    const json first = inject_and_wait(record_seq(gui.health()["last_assert"]));
    ASSERT_EQ(first["kind"], "scope_leak") << first.dump(2);
    EXPECT_TRUE(first["leak_site"].is_null()) << "the Begin() was not seen yet: " << first.dump(2);

    const json r = inject_and_wait(record_seq(first));
    ASSERT_EQ(r["kind"], "scope_leak") << r.dump(2);
    EXPECT_EQ(r["count"], 2) << "the repeat merges into the first record";
    EXPECT_EQ(r["message"], first["message"]);
    ASSERT_TRUE(r["leak_site"].is_object()) << r.dump(2);
    const std::string file = r["leak_site"]["file"];
    const int line = r["leak_site"]["line"];
    EXPECT_TRUE(file.ends_with("app/faults/imgui_misuse.cpp")) << file;
    EXPECT_NE(source_line(file, line).find("ImGui::Begin("), std::string::npos)
        << file << ":" << line << " is not a Begin() call: " << source_line(file, line);
    EXPECT_EQ(r["file"], file);
    EXPECT_EQ(r["line"], line);
    ASSERT_FALSE(r["stack"].empty());
    EXPECT_TRUE(r["stack"][0]["function"].get<std::string>().starts_with("ImGui::Begin("))
        << r["stacktrace"].get<std::string>();
    EXPECT_NE(r["stacktrace"].get<std::string>().find("imgui_misuse.cpp:" + std::to_string(line)),
              std::string::npos)
        << r["stacktrace"].get<std::string>();
    EXPECT_NE(r["stacktrace"].get<std::string>().find("imhost::faults::missing_end"),
              std::string::npos);
    EXPECT_EQ(gui.health()["phase"], "running");
}

struct CrashCase {
    const char* kind;
    int signal;
    const char* signal_name;
    const char* function;
};

void crash_and_check(const CrashCase& c) {
    harness::LiveGui gui;
    const json armed = gui.fault(c.kind);
    EXPECT_EQ(armed["armed"], true) << "the reply comes before the crash";
    const auto exit = gui.process().wait_for(10s);
    ASSERT_TRUE(exit.has_value()) << c.kind << " did not end the process";
    EXPECT_EQ(exit->signal, c.signal) << exit->describe();
    const std::string report = gui.crash_report();
    ASSERT_FALSE(report.empty()) << "no crash report in " << gui.crash_dir() << "\n"
                                 << gui.stderr_text();
    EXPECT_NE(report.find(std::string("(") + c.signal_name + ")"), std::string::npos) << report;
    const auto symbolized = report.find("--- symbolized frames ---");
    ASSERT_NE(symbolized, std::string::npos) << report;
    EXPECT_NE(report.find(c.function, symbolized), std::string::npos) << report.substr(symbolized);
    EXPECT_NE(report.find("fault_kinds.cpp:", symbolized), std::string::npos);
}

TEST(FaultInjection, SegvEndsTheProcessBySigsegvWithASymbolizedCrashReport) {
    crash_and_check({"segv", 11, "SIGSEGV", "crash_with_segv"});
}

TEST(FaultInjection, AbortEndsTheProcessBySigabrtWithASymbolizedCrashReport) {
    crash_and_check({"abort", 6, "SIGABRT", "crash_with_abort"});
}

}  // namespace

// --- null dereferences (imgui_guard/null_deref_recovery.h) ----------------------------------

// Inside Dear ImGui, in a panel: one crash record, the panel quarantined, the app draws on.
TEST(NullDereference, InsideImGuiInAPanelIsSurvivedAndOnlyThePanelIsLost) {
#if defined(__SANITIZE_THREAD__)
    GTEST_SKIP() << "no null-dereference recovery under TSan (null_deref_recovery.h)";
#elif defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "UBSan reports the null member access first, and its report wins";
#endif
    harness::LiveGui gui;
    EXPECT_EQ(gui.fault("extra_end_multi_select")["armed"], true);
    json health;
    ASSERT_TRUE(eventually(
        [&] {
            health = gui.health();
            return health["last_error"].is_object();
        },
        10s))
        << health.dump(2) << gui.stderr_text();
    const json& r = health["last_error"];
    EXPECT_EQ(r["kind"], "crash") << r.dump(2);
    EXPECT_EQ(r["panel"], "Faults");
    EXPECT_NE(r["message"].get<std::string>().find("panel 'Faults' crashed with SIGSEGV"),
              std::string::npos)
        << r.dump(2);
    EXPECT_NE(r["stacktrace"].get<std::string>().find("ImGui::EndMultiSelect"), std::string::npos);
    EXPECT_NE(r["stacktrace"].get<std::string>().find("imhost::faults::extra_end_multi_select"),
              std::string::npos);
    EXPECT_EQ(health["status"], "warn") << health.dump(2);
    EXPECT_EQ(health["guard"]["quarantined_panels"], json::array({"Faults"}));

    // The rest draws on, with no further record; a reset brings the panel back.
    const std::uint64_t seq = gui.call("GET", "/api/errors?since=0")["last_seq"];
    gui.wait({{"type", "frames"}, {"count", 10}});
    EXPECT_TRUE(gui.call("GET", "/api/errors?since=" + std::to_string(seq))["records"].empty());
    EXPECT_EQ(gui.health()["phase"], "running");
    gui.reset();
    EXPECT_TRUE(gui.health()["guard"]["quarantined_panels"].empty());
    EXPECT_TRUE(gui.alive());
    EXPECT_EQ(gui.stop().describe(), "exit code 0") << gui.stderr_text();
}

// Where a jump back is unsafe, or with --no-recover-null-deref: the end of the process by the
// signal, with a report naming the fault.
void null_deref_ends_the_process(const char* kind, std::vector<std::string> args = {}) {
    harness::LiveGuiOptions options;
    options.extra_args = std::move(args);
    harness::LiveGui gui(options);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // A sanitizer halts the process at once on ImGui's null member access, which can be before
    // the fault's reply got out: no answer is an answer here.
    try {
        EXPECT_EQ(gui.fault(kind)["armed"], true);
    } catch (const harness::HookError& e) {
        EXPECT_EQ(e.status(), 0) << e.what();
    }
#else
    EXPECT_EQ(gui.fault(kind)["armed"], true);
#endif
    const auto exit = gui.process().wait_for(10s);
    ASSERT_TRUE(exit.has_value()) << kind << " was survived";
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // The sanitizer's allocator, or UBSan on a null member access, reports first: it wins.
    const std::string err = gui.stderr_text();
    if (std::string(kind) != "null_deref_on_worker_thread" && exit->signal != SIGSEGV) {
        EXPECT_TRUE(err.find("AddressSanitizer") != std::string::npos ||
                    err.find("ThreadSanitizer") != std::string::npos ||
                    err.find("runtime error") != std::string::npos)
            << err;
        return;
    }
#endif
    EXPECT_EQ(exit->signal, SIGSEGV) << exit->describe() << gui.stderr_text();
    const std::string report = gui.crash_report();
    EXPECT_NE(report.find("(SIGSEGV)"), std::string::npos) << report << gui.stderr_text();
}

TEST(NullDereference, InsideTheAllocatorEndsTheProcessWithAReport) {
    null_deref_ends_the_process("null_deref_in_allocator");
}

TEST(NullDereference, OnAnotherThreadEndsTheProcessWithAReport) {
    null_deref_ends_the_process("null_deref_on_worker_thread");
}

TEST(NullDereference, WithNoRecoverNullDerefItEndsTheProcessWithAReport) {
    null_deref_ends_the_process("extra_end_multi_select", {"--no-recover-null-deref"});
}
