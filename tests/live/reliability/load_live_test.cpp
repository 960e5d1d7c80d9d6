// load_live_test.cpp: 64 concurrent clients against the real imhost for 20 s
// (IMHOST_LOAD_SECONDS, IMHOST_LOAD_CLIENTS to change), mixing health, item lists, value reads
// and clicks. It reports requests, errors, p99, the frame rate the GUI held, and thread, fd and
// RSS figures of the imhost process (from /proc/<pid>) before and after.
// Bounds: no error but the expected refusal (503 busy from a bounded queue), every request
// answered within its 10 s client timeout (never hung), no thread or fd leak, RSS growth < 5 MB.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/harness/env_knob.h"
#include "tests/harness/eventually.h"
#include "tests/harness/hook_client.h"
#include "tests/harness/live_gui.h"
#include "tests/live/support/report.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;  // imhost shares this build: its memory figures mean nothing
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using harness::eventually;

struct ProcFigures {
    long threads = 0;
    long fds = 0;
    long rss_kb = 0;
};

ProcFigures read_proc(pid_t pid) {
    ProcFigures f;
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("Threads:")) f.threads = std::atol(line.c_str() + 8);
        if (line.starts_with("VmRSS:")) f.rss_kb = std::atol(line.c_str() + 6);
    }
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        ++f.fds;
    return f;
}

// One kind of request the clients send.
struct Op {
    std::string name;
    std::string method;
    std::string path;
    nlohmann::json body;
};

struct OpStats {
    std::vector<double> ms;
    std::map<int, long> statuses;      // 0: no answer
    long busy = 0;                     // 503 busy: refused by a bounded queue, as designed
    long errors = 0;                   // anything else that is not 2xx
    std::vector<std::string> samples;  // first few unexpected replies
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// The mix: health always; items, a value read and a click when the app has something to read
// and to click (a checkbox: clicking it twice changes nothing for good).
std::vector<Op> discover_ops(harness::HookClient& client) {
    std::vector<Op> ops = {{"health", "GET", "/api/gui_health", nullptr},
                           {"status", "GET", "/api/status", nullptr}};
    std::string checkbox;
    int items_status = 0;
    // The first frames may not have drawn every panel yet: look for a while.
    harness::eventually(
        [&] {
            auto items = client.get("/api/items");
            items_status = items.status;
            if (items.status != 200 || !items.body["value"].contains("items")) return false;
            for (const auto& item : items.body["value"]["items"]) {
                if (item.value("checkable", false) && item.value("visible", false) &&
                    item.value("enabled", false) && item["id"].is_string()) {
                    checkbox = item["id"].get<std::string>();
                    return true;
                }
            }
            return false;
        },
        5s, 50ms);
    if (items_status != 200) {
        std::printf("load: GET /api/items answers %d; items, values and clicks left out\n",
                    items_status);
        return ops;
    }
    ops.push_back({"items", "GET", "/api/items", nullptr});
    if (checkbox.empty()) {
        std::printf("load: no visible checkbox with an id; values and clicks left out\n");
        return ops;
    }
    ops.push_back({"value", "GET", "/api/items/value?id=" + checkbox, nullptr});
    ops.push_back({"click",
                   "POST",
                   "/api/items/click",
                   {{"target", {{"id", checkbox}}}, {"timeout_ms", 2000}}});
    std::printf("load: value reads and clicks on %s\n", checkbox.c_str());
    return ops;
}

struct RunResult {
    std::map<std::string, OpStats> per_op;
    long requests = 0;
    double seconds = 0;
};

RunResult run_load(const harness::LiveGui& gui, const std::vector<Op>& ops, int clients,
                   std::chrono::seconds duration) {
    RunResult result;
    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            harness::HookClient client(gui.url(), gui.token(), 10.0);
            std::map<std::string, OpStats> mine;
            for (std::size_t i = static_cast<std::size_t>(c); !stop.load(); ++i) {
                const Op& op = ops[i % ops.size()];
                const auto t0 = Clock::now();
                auto r = client.request(op.method, op.path, op.body.is_null() ? nullptr : &op.body);
                OpStats& s = mine[op.name];
                s.ms.push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                ++s.statuses[r.status];
                const bool expected =
                    (r.status >= 200 && r.status < 300) ||
                    (r.status == 503 && r.body.is_object() && r.body["value"].is_object() &&
                     r.body["value"].value("error", "") == "busy");
                const bool ok = r.status >= 200 && r.status < 300;
                s.busy += expected && !ok ? 1 : 0;
                s.errors += expected ? 0 : 1;
                if (!expected && s.samples.size() < 3)
                    s.samples.push_back(std::to_string(r.status) + " " + r.raw.substr(0, 200) +
                                        r.transport_error);
            }
            std::lock_guard lock(mutex);
            for (auto& [name, s] : mine) {
                OpStats& all = result.per_op[name];
                all.ms.insert(all.ms.end(), s.ms.begin(), s.ms.end());
                for (auto [status, n] : s.statuses) all.statuses[status] += n;
                all.busy += s.busy;
                all.errors += s.errors;
                for (auto& sample : s.samples)
                    if (all.samples.size() < 5) all.samples.push_back(sample);
            }
        });
    }
    std::this_thread::sleep_for(duration);  // the load runs; the test thread samples nothing here
    stop.store(true);
    for (auto& t : threads) t.join();
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (auto& [name, s] : result.per_op) result.requests += static_cast<long>(s.ms.size());
    return result;
}

// Waits until the worker threads the load started have gone (cpp-httplib's pool shrinks after
// an idle timeout) and returns the settled figures.
ProcFigures settled(pid_t pid, const ProcFigures& target) {
    ProcFigures now = read_proc(pid);
    eventually(
        [&] {
            now = read_proc(pid);
            return now.threads <= target.threads && now.fds <= target.fds;
        },
        15s);
    return now;
}

TEST(Load, SixtyFourClientsMixedRequests) {
    const int clients = harness::env_int("IMHOST_LOAD_CLIENTS", 64);
    const auto duration = std::chrono::seconds(harness::env_int("IMHOST_LOAD_SECONDS", 20));
    harness::LiveGuiOptions options;
    options.name = "load";
    options.fault_injection = false;
    harness::LiveGui gui(options);
    harness::HookClient probe(gui.url(), gui.token(), 5.0);
    const std::vector<Op> ops = discover_ops(probe);

    // Warm up (allocator arenas, worker threads, lazily built state), then let it settle.
    const ProcFigures cold = read_proc(gui.pid());
    run_load(gui, ops, clients, 5s);
    const ProcFigures before = settled(gui.pid(), cold);

    // The frame rate the GUI holds, sampled from health while the load runs.
    std::vector<double> fps;
    std::vector<std::string> phases;
    std::atomic<bool> sampling{true};
    const auto frames_before = gui.health()["frame"]["count"].get<std::uint64_t>();
    std::thread sampler([&] {
        harness::HookClient client(gui.url(), gui.token(), 5.0);
        while (sampling.load()) {
            auto h = client.get("/api/gui_health");
            if (h.body.is_object()) {
                fps.push_back(h.body["frame"].value("fps", 0.0));
                phases.push_back(h.body.value("phase", "?"));
            } else {
                phases.push_back("no answer");
            }
            std::this_thread::sleep_for(500ms);
        }
    });
    const RunResult run = run_load(gui, ops, clients, duration);
    sampling.store(false);
    sampler.join();
    const auto frames_after = gui.health()["frame"]["count"].get<std::uint64_t>();
    const ProcFigures right_after = read_proc(gui.pid());
    const ProcFigures after = settled(gui.pid(), before);

    // --- the report ---------------------------------------------------------------------
    reliability::Report report;
    long errors = 0, refused = 0, hung = 0;
    std::vector<double> all_ms;
    report.line("load: %d clients for %.1f s against the real imhost", clients, run.seconds);
    report.line("%-8s %9s %9s %8s %8s %8s %8s  %s", "op", "requests", "req/s", "p50 ms", "p99 ms",
                "max ms", "errors", "statuses");
    for (const auto& [name, s] : run.per_op) {
        const long op_errors = s.errors;
        refused += s.busy;
        std::string statuses;
        for (auto [status, n] : s.statuses)
            statuses += std::to_string(status) + ":" + std::to_string(n) + " ";
        for (double ms : s.ms) hung += ms >= 10000.0 ? 1 : 0;
        errors += op_errors;
        all_ms.insert(all_ms.end(), s.ms.begin(), s.ms.end());
        report.line("%-8s %9zu %9.0f %8.2f %8.2f %8.1f %8ld  %s", name.c_str(), s.ms.size(),
                    static_cast<double>(s.ms.size()) / run.seconds, percentile(s.ms, 0.50),
                    percentile(s.ms, 0.99), percentile(s.ms, 1.0), op_errors, statuses.c_str());
        for (const auto& sample : s.samples) report.line("         unexpected: %s", sample.c_str());
    }
    const double frame_rate = static_cast<double>(frames_after - frames_before) / run.seconds;
    std::vector<double> sorted_fps = fps;
    std::sort(sorted_fps.begin(), sorted_fps.end());
    const bool always_running = std::all_of(phases.begin(), phases.end(),
                                            [](const std::string& p) { return p == "running"; });
    report.line("all      %9ld %9.0f %8.2f %8.2f %8.1f %8ld  (503 busy refusals: %ld, hung: %ld)",
                run.requests, static_cast<double>(run.requests) / run.seconds,
                percentile(all_ms, 0.50), percentile(all_ms, 0.99), percentile(all_ms, 1.0), errors,
                refused, hung);
    report.line(
        "frames: %.1f frames/s over the run; health fps min %.1f median %.1f max %.1f; "
        "phase running in %zu/%zu samples",
        frame_rate, sorted_fps.empty() ? 0 : sorted_fps.front(), percentile(sorted_fps, 0.5),
        sorted_fps.empty() ? 0 : sorted_fps.back(),
        static_cast<std::size_t>(std::count(phases.begin(), phases.end(), "running")),
        phases.size());
    report.line(
        "process: threads %ld -> %ld (during) -> %ld, fds %ld -> %ld -> %ld, "
        "RSS %.1f MB -> %.1f MB -> %.1f MB (growth %+.2f MB%s)",
        before.threads, right_after.threads, after.threads, before.fds, right_after.fds, after.fds,
        before.rss_kb / 1024.0, right_after.rss_kb / 1024.0, after.rss_kb / 1024.0,
        (after.rss_kb - before.rss_kb) / 1024.0,
        kSanitized ? ", not judged in a sanitizer build" : "");
    report.publish("load");

    // --- the bounds -----------------------------------------------------------------------
    EXPECT_GT(run.requests, 0);
    EXPECT_EQ(errors, 0) << "requests that were neither answered nor refused with 503 busy";
    EXPECT_EQ(hung, 0) << "requests without an answer within the 10 s client timeout";
    EXPECT_TRUE(always_running) << "the GUI left phase running under load";
    EXPECT_GT(frames_after, frames_before) << "the GUI drew no frame under load";
    EXPECT_LE(after.threads, before.threads) << "thread leak";
    EXPECT_LE(after.fds, before.fds) << "fd leak";
    if (!kSanitized) {
        EXPECT_LT(after.rss_kb - before.rss_kb, 5 * 1024) << "RSS grew by 5 MB or more";
    }
    auto h = gui.probe_health(2s);
    EXPECT_TRUE(h.http_status == 200 && h.body.value("healthy", false)) << h.body.dump();
}

}  // namespace
