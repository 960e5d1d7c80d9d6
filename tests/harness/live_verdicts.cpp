// live_verdicts.cpp: pre-flight, respawn and launch decisions (see live_verdicts.h).
#include "tests/harness/live_verdicts.h"

#include <sstream>

namespace harness {

namespace {

using nlohmann::json;

std::string str(const json& object, const char* key) {
    if (!object.is_object()) return {};
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string indent(const std::string& text, const std::string& prefix, std::size_t max_lines) {
    std::istringstream in(text);
    std::ostringstream out;
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) {
        if (n++ == max_lines) {
            out << prefix << "... (more lines)\n";
            break;
        }
        out << prefix << line << "\n";
    }
    return out.str();
}

// A guard record (health's last_assert / last_error) as a few readable lines with its stack.
std::string describe_record(const char* name, const json& record) {
    if (!record.is_object()) return std::string("  ") + name + ": none\n";
    std::ostringstream out;
    out << "  " << name << ": " << str(record, "kind");
    if (const auto panel = str(record, "panel"); !panel.empty())
        out << " in panel '" << panel << "'";
    out << ": " << str(record, "message");
    if (const auto count = str(record, "count"); !count.empty() && count != "1")
        out << " (x" << count << ")";
    out << "\n";
    if (const auto expr = str(record, "expr"); !expr.empty()) out << "    expr: " << expr << "\n";
    if (const auto file = str(record, "file"); !file.empty())
        out << "    at: " << file << ":" << str(record, "line") << " " << str(record, "function")
            << "\n";
    std::string stack = str(record, "stacktrace");
    if (stack.empty() && record.contains("stack") && record["stack"].is_array()) {
        for (const auto& frame : record["stack"])
            stack += str(frame, "function") + " at " + str(frame, "file") + ":" +
                     str(frame, "line") + "\n";
    }
    if (!stack.empty()) out << "    stack:\n" << indent(stack, "      ", 30);
    return out.str();
}

bool dead(const Observation& seen) { return seen.exit.has_value() || !seen.running; }

}  // namespace

// Health's first reason says a fatal signal is being handled: the process is about to exit.
bool dying_of_a_signal(const HealthSample& h) {
    if (!h.body.is_object() || str(h.body, "phase") != "crashed") return false;
    const json reasons = h.body.value("degraded_reasons", json::array());
    return reasons.is_array() && !reasons.empty() && reasons[0].is_string() &&
           reasons[0].get<std::string>().starts_with("fatal signal");
}

Observation observe(ProcessView& process, const HealthProbe& probe,
                    const CrashReportReader& crash_report, std::chrono::milliseconds dying_grace) {
    Observation seen;
    seen.running = process.running();
    if (seen.running) seen.health = probe();
    seen.crash_report = crash_report ? crash_report() : std::string();
    if (seen.running && (!seen.crash_report.empty() || dying_of_a_signal(seen.health))) {
        // The crash handler is writing its report and will re-raise: wait for the real exit.
        process.wait_for(dying_grace);
        seen.running = process.running();
        seen.crash_report = crash_report ? crash_report() : std::string();
    }
    seen.exit = process.status();
    return seen;
}

std::string broken_state(const Observation& seen) {
    if (seen.exit) return "dead: " + seen.exit->describe();
    if (!seen.running) return "dead";
    if (!seen.crash_report.empty()) return "crashing: crash report written, not exited yet";
    const HealthSample& h = seen.health;
    if (h.http_status == 0)
        return "unresponsive: /api/gui_health did not answer (" + h.transport_error + ")";
    const std::string status = str(h.body, "status");
    if (h.http_status == 200 && (status == "pass" || status == "warn")) return {};
    std::string phase = str(h.body, "phase");
    if (phase.empty() || phase == "running") phase = "failed";
    std::string reason;
    if (h.body.is_object() && h.body.contains("degraded_reasons") &&
        h.body["degraded_reasons"].is_array() && !h.body["degraded_reasons"].empty())
        reason = h.body["degraded_reasons"][0].get<std::string>();
    if (reason.empty()) reason = "health HTTP " + std::to_string(h.http_status);
    return phase + ": " + reason;
}

std::string describe_health(const json& health) {
    if (!health.is_object()) return "  (no health document)\n";
    std::ostringstream out;
    out << "  status: " << str(health, "status") << ", phase: " << str(health, "phase");
    if (health.contains("frame") && health["frame"].is_object())
        out << ", frames: " << str(health["frame"], "count");
    out << "\n  degraded_reasons:";
    const json reasons = health.value("degraded_reasons", json::array());
    if (!reasons.is_array() || reasons.empty()) out << " none";
    out << "\n";
    if (reasons.is_array())
        for (const auto& reason : reasons)
            out << "    - " << (reason.is_string() ? reason.get<std::string>() : reason.dump())
                << "\n";
    out << describe_record("last_error", health.value("last_error", json()));
    out << describe_record("last_assert", health.value("last_assert", json()));
    return out.str();
}

std::string crash_report_excerpt(const std::string& report, std::size_t max_frames) {
    const auto section = [&](const std::string& title, const std::string& next) -> std::string {
        const auto begin = report.find(title);
        if (begin == std::string::npos) return {};
        const auto body = report.find('\n', begin);
        if (body == std::string::npos) return {};
        const auto end = report.find(next, body);
        std::string text =
            report.substr(body + 1, end == std::string::npos ? std::string::npos : end - body - 1);
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        return text.empty() ? std::string() : title + "\n" + indent(text, "", max_frames);
    };
    const auto raw_at = report.find("--- raw frames ---");
    if (raw_at == std::string::npos) return indent(report, "", max_frames);
    std::string header = report.substr(0, raw_at);
    while (!header.empty() && header.back() == '\n') header.pop_back();
    std::string frames = section("--- symbolized frames ---", "--- end of report ---");
    if (frames.empty()) frames = section("--- raw frames ---", "--- /proc/self/maps ---");
    return header + "\n" + frames;
}

// What a human needs after the first line of a broken GUI's message: the crash report, or the
// health document (the last one before it died, for a dead GUI).
std::string breakage_details(const Observation& seen) {
    std::ostringstream out;
    if (dead(seen) || !seen.crash_report.empty()) {
        if (!seen.crash_report.empty())
            out << "  crash report:\n"
                << indent(crash_report_excerpt(seen.crash_report), "    ", 80);
        if (seen.previous_health.is_object())
            out << "  last health before it died:\n" << describe_health(seen.previous_health);
    } else if (seen.health.body.is_object()) {
        out << describe_health(seen.health.body);
    }
    return out.str();
}

Preflight decide_preflight(const Observation& seen, bool strict, const std::string& history) {
    Preflight p;
    std::ostringstream out;
    const std::string state = broken_state(seen);
    const HealthSample& h = seen.health;
    if (!state.empty()) {
        p.verdict = Verdict::fail;
        out << "GUI pre-flight failed: the GUI is " << state << "\n";
        if (!history.empty()) out << "  " << history << "\n";
        out << breakage_details(seen);
        p.message = out.str();
        return p;
    }
    if (str(h.body, "status") == "warn") {
        p.verdict = strict ? Verdict::fail : Verdict::warn;
        out << (strict ? "GUI pre-flight failed (strict): health is warn\n"
                       : "GUI pre-flight warning: health is warn (the test runs)\n")
            << describe_health(h.body);
        p.message = out.str();
    }
    return p;
}

RespawnDecision decide_respawn(const Observation& seen, const AfterTest& test) {
    RespawnDecision d;
    const std::string state = broken_state(seen);
    if (state.empty()) return d;
    d.respawn = true;
    // A pre-flight that failed found the GUI broken: this test did not break it.
    d.note = "GUI was respawned: the previous test (" + test.test_name + ") " +
             (test.preflight_failed ? "found" : "left") + " it " + state;
    if (test.breakage_expected) {
        d.note += " (on purpose)";
    } else if (!test.preflight_failed) {
        d.charge = "the GUI broke during this test: it is " + state + "\n" +
                   breakage_details(seen) +
                   "  (a test that breaks the GUI on purpose says so: expect_gui_breakage())\n";
    }
    return d;
}

LaunchStep decide_launch_step(const LaunchProgress& progress) {
    const auto ms = std::to_string(progress.deadline.count()) + " ms";
    const bool late = progress.elapsed >= progress.deadline;
    if (progress.exit || !progress.running)
        return {LaunchStep::failed,
                "imhost exited before it was healthy (" +
                    (progress.exit ? progress.exit->describe() : std::string("not running")) + ")"};
    const auto* info = std::get_if<hooks::PortFileInfo>(&progress.port_file);
    if (!info)
        return late ? LaunchStep{LaunchStep::failed, "no usable port file after " + ms + ": " +
                                                         std::get<std::string>(progress.port_file)}
                    : LaunchStep{};
    if (info->pid != progress.child_pid)
        return late ? LaunchStep{LaunchStep::failed, "the port file names pid " +
                                                         std::to_string(info->pid) +
                                                         ", not the launched imhost (pid " +
                                                         std::to_string(progress.child_pid) + ")"}
                    : LaunchStep{};
    if (progress.health) {
        const HealthSample& h = *progress.health;
        const std::string status = str(h.body, "status");
        if (h.http_status == 200 &&
            (status == "pass" || (status == "warn" && progress.accept_warn)))
            return {LaunchStep::ready, {}};
        if (late) {
            std::string why = h.http_status == 0 ? "no answer (" + h.transport_error + ")"
                                                 : "status " + (status.empty() ? "?" : status) +
                                                       ", HTTP " + std::to_string(h.http_status) +
                                                       "\n" + describe_health(h.body);
            return {LaunchStep::failed, "health was not pass after " + ms + ": " + why};
        }
    } else if (late) {
        return {LaunchStep::failed, "no health answer after " + ms};
    }
    return {};
}

}  // namespace harness
