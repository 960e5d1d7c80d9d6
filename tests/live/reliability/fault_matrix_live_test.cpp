// fault_matrix_live_test.cpp: every fault kind, in one run, against the real imhost.
//
// For each kind it records: whether health noticed and how fast, whether the app recovered
// (frames drawn again with phase running), what health said, and whether project data was lost
// (the workspace's project files compared before and after, as parsed JSON). A kind that kills
// the GUI or leaves it unusable (segv, abort, frame_loop_fatal, io_pool_shutdown) is followed by
// a fresh GUI on the same workspace, which must open the saved project again. The matrix is
// printed as a table; every row must pass.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/harness/eventually.h"
#include "tests/harness/hook_client.h"
#include "tests/harness/live_gui.h"
#include "tests/live/support/report.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kStallMs = 500;  // --stall-ms: health says `stalled` after this
constexpr int kHangMs = 1500;  // the `hang` fault blocks the GUI thread this long

enum class Outcome { recovers, gui_unusable, process_dies };

struct Kind {
    std::string name;
    Outcome outcome;       // what a correct imhost does after this fault
    std::string endpoint;  // where it is injected
    json args;
};

std::vector<Kind> kinds() {
    std::vector<Kind> list;
    for (const char* k :
         {"missing_end", "missing_pop_id", "extra_end", "extra_pop_id", "missing_end_child",
          "missing_end_table", "missing_pop_style_var", "missing_pop_style_color",
          "missing_tree_pop", "missing_end_group", "hard_assert", "exception"})
        list.push_back({k, Outcome::recovers, "/api/debug/fault", json::object()});
    list.push_back({"hang", Outcome::recovers, "/api/debug/fault", {{"ms", kHangMs}}});
    list.push_back({"io_task_throws", Outcome::recovers, "/api/debug/io_fault", json::object()});
    list.push_back(
        {"io_pool_shutdown", Outcome::gui_unusable, "/api/debug/io_fault", json::object()});
    list.push_back({"frame_loop_fatal", Outcome::gui_unusable, "/api/debug/fault", json::object()});
    list.push_back({"segv", Outcome::process_dies, "/api/debug/fault", json::object()});
    list.push_back({"abort", Outcome::process_dies, "/api/debug/fault", json::object()});
    return list;
}

// The project files of the workspace, parsed ("" key: files that did not parse).
std::map<std::string, json> project_files(const fs::path& workspace) {
    std::map<std::string, json> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(workspace, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || !name.ends_with(".json") || name.starts_with(".")) continue;
        std::ifstream in(entry.path());
        files[name] = json::parse(in, nullptr, /*allow_exceptions=*/false);
    }
    return files;
}

// "none", or what is missing, unparseable or changed.
std::string data_lost(const std::map<std::string, json>& before,
                      const std::map<std::string, json>& after) {
    std::string lost;
    for (const auto& [name, content] : before) {
        auto it = after.find(name);
        if (it == after.end())
            lost += name + " missing; ";
        else if (it->second.is_discarded())
            lost += name + " does not parse; ";
        else if (it->second != content)
            lost += name + " changed; ";
    }
    return lost.empty() ? "none" : lost;
}

struct Row {
    std::string kind;
    bool detected = false;
    double detect_ms = -1;
    bool recovered = false;
    std::string health_said;
    std::string data = "?";
    bool fresh_gui = false;
    bool pass = false;
    std::string note;
};

std::string shorten(std::string s, std::size_t n) {
    if (s.size() > n) s = s.substr(0, n - 3) + "...";
    return s;
}

// What health says, in one cell: "warn/running: <first reason>".
std::string health_cell(const harness::HealthSample& h) {
    if (h.http_status == 0) return "no answer";
    const json& b = h.body;
    std::string cell = b.value("status", "?") + "/" + b.value("phase", "?");
    if (b.contains("degraded_reasons") && b["degraded_reasons"].is_array() &&
        !b["degraded_reasons"].empty())
        cell += ": " + b["degraded_reasons"][0].get<std::string>();
    return cell;
}

// Health noticed something since `before`: not `pass` any more, a new guard record or IO
// failure, or no process.
bool noticed(const harness::HealthSample& h, const json& before) {
    if (h.http_status == 0) return false;
    const json& b = h.body;
    auto seq = [](const json& body, const char* field) {
        return body.contains(field) && body[field].is_object() ? body[field].value("seq", -1) : -1;
    };
    return b.value("status", "") != "pass" || seq(b, "last_assert") != seq(before, "last_assert") ||
           seq(b, "last_error") != seq(before, "last_error") ||
           b["io_pool"].value("failed", 0) != before["io_pool"].value("failed", 0);
}

void print_matrix(const std::vector<Row>& rows) {
    reliability::Report report;
    report.line("fault matrix (stall after %d ms, hang %d ms)", kStallMs, kHangMs);
    report.line("%-24s %-9s %9s %-10s %-10s %-52s %s", "fault", "detected", "after ms", "recovered",
                "fresh GUI", "health said", "data lost");
    for (const Row& r : rows)
        report.line("%-24s %-9s %9.1f %-10s %-10s %-52s %s  %s%s", r.kind.c_str(),
                    r.detected ? "yes" : "NO", r.detect_ms, r.recovered ? "yes" : "no",
                    r.fresh_gui ? "yes" : "-", shorten(r.health_said, 52).c_str(), r.data.c_str(),
                    r.pass ? "ok" : "FAIL", r.note.empty() ? "" : ("  (" + r.note + ")").c_str());
    report.publish("fault_matrix");
}

TEST(FaultMatrix, EveryKindDetectedRecoveredOrReplacedAndNoDataLost) {
    harness::LiveGuiOptions options;
    options.name = "faults";
    options.extra_args = {"--stall-ms", std::to_string(kStallMs)};
    harness::LiveGui gui(options);

    // Data to keep: a project with a message, saved and acknowledged.
    gui.call("POST", "/api/project/new", {{"name", "matrix"}});
    gui.call("POST", "/api/discussion/send", {{"text", "written before the faults"}});
    gui.call("POST", "/api/project/save", json::object());
    const auto saved = project_files(gui.workspace());
    ASSERT_TRUE(saved.count("matrix.json")) << "the saved project is not on disk";

    std::vector<Row> rows;
    for (const Kind& kind : kinds()) {
        Row row;
        row.kind = kind.name;
        gui.call("POST", "/api/errors/clear", json::object());
        const json before = gui.health();
        const auto files_before = project_files(gui.workspace());

        // Inject. The reply may never come (segv, abort), so a short client of its own.
        const auto t0 = Clock::now();
        {
            harness::HookClient client(gui.url(), gui.token(), 2.0);
            json body = kind.args;
            body["kind"] = kind.name;
            auto reply = client.request("POST", kind.endpoint, &body);
            if (reply.status != 0 && (reply.status < 200 || reply.status >= 300))
                row.note = "injection answered " + std::to_string(reply.status) + " " +
                           shorten(reply.raw, 120);
        }

        // Detected: health noticed, or the process is gone.
        harness::HealthSample seen;
        row.detected = harness::eventually(
            [&] {
                if (!gui.alive()) return true;
                seen = gui.probe_health(300ms);
                return noticed(seen, before);
            },
            5s, 2ms);
        row.detect_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        // A fault that kills the process may be seen first as a stall, while the crash handler
        // writes its report: what the row says is how the process then ended.
        if (kind.outcome == Outcome::process_dies && gui.alive()) gui.process().wait_for(5s);
        if (!gui.alive()) {
            // A crash report is written before the process dies; give it the grace to end.
            gui.process().wait_for(5s);
            const auto status = gui.process().status();
            row.health_said = "process ended: " + (status ? status->describe() : "?");
            if (gui.crash_report().empty()) row.note += "no crash report; ";
        } else {
            row.health_said = health_cell(seen);
        }

        // Recovered: phase running again, and frames drawn after the fault.
        if (gui.alive()) {
            row.recovered = harness::eventually(
                [&] {
                    auto h = gui.probe_health(300ms);
                    if (h.http_status == 0 || h.body.value("phase", "") != "running") return false;
                    harness::HookClient client(gui.url(), gui.token(), 2.0);
                    json wait = {{"condition", {{"type", "frames"}, {"count", 2}}},
                                 {"timeout_ms", 1000}};
                    auto r = client.request("POST", "/api/wait", &wait);
                    auto after = gui.probe_health(300ms);
                    return r.status == 200 && after.body.value("status", "") != "fail";
                },
                kind.name == "hang" ? std::chrono::milliseconds(kHangMs + 3000) : 3000ms, 20ms);
        }
        const bool expect_recover = kind.outcome == Outcome::recovers;

        // Data: the project files as they were.
        row.data = data_lost(files_before, project_files(gui.workspace()));

        // A GUI that is gone or unusable is replaced by a fresh one on the same workspace,
        // which must open the saved project again.
        if (!gui.alive() || !row.recovered) {
            gui.restart();
            row.fresh_gui = true;
            const json state = gui.state();
            bool listed = false;
            for (const auto& p : state["projects"]) listed = listed || p == "matrix";
            if (!listed) row.note += "fresh GUI does not list the saved project; ";
            row.data = data_lost(files_before, project_files(gui.workspace()));
        }

        row.pass = row.detected && row.recovered == expect_recover && row.data == "none" &&
                   (kind.outcome != Outcome::process_dies ||
                    row.health_said.find("signal") != std::string::npos) &&
                   row.note.empty();
        EXPECT_TRUE(row.detected) << kind.name << ": health never noticed";
        EXPECT_EQ(row.recovered, expect_recover) << kind.name << ": " << row.health_said;
        EXPECT_EQ(row.data, "none") << kind.name;
        EXPECT_TRUE(row.note.empty()) << kind.name << ": " << row.note;
        if (kind.outcome == Outcome::process_dies) {
            EXPECT_NE(row.health_said.find("signal"), std::string::npos) << row.health_said;
        }
        rows.push_back(row);
    }
    print_matrix(rows);

    // The acknowledged save survived the whole matrix.
    EXPECT_EQ(data_lost(saved, project_files(gui.workspace())), "none");
}

}  // namespace
