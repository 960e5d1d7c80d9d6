// live_gui.cpp: launching, observing, driving and stopping one imhost process (or another app
// that embeds the hooks).
#include "tests/harness/live_gui.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "tests/harness/xvfb_display.h"

namespace harness {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// The harness is installed (imhost::harness) and knows no app of its own.
std::string default_exe() {
    if (const char* exe = std::getenv("IMHOST_EXE"); exe && *exe) return exe;
    throw LaunchError(
        "no app to launch: set LiveGuiOptions::exe, or $IMHOST_EXE, to the executable (imhost, "
        "or an app that embeds the hooks and takes --hook-port and --port-file)");
}

// Temp dirs of LiveGuis whose test process died without its teardown (killed by CTest's
// timeout, or by SIGPIPE under `| head`): "imhost-<name>-<pid>-<n>" holding a port.json, whose
// <pid> no longer runs. Their GUI died with the test (PR_SET_PDEATHSIG); the folder is removed.
void remove_stale_dirs() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("imhost-", 0) != 0 || !fs::exists(entry.path() / "port.json", ec)) continue;
        const auto last = name.rfind('-');
        const auto before = last == std::string::npos ? last : name.rfind('-', last - 1);
        if (before == std::string::npos) continue;
        const std::string pid_text = name.substr(before + 1, last - before - 1);
        if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const long pid = std::stol(pid_text);
        if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 &&
            errno == ESRCH)
            fs::remove_all(entry.path(), ec);
    }
}

fs::path fresh_dir(const std::string& name) {
    static const bool cleaned = (remove_stale_dirs(), true);
    (void)cleaned;
    static std::atomic<int> counter{0};
    const fs::path dir =
        fs::temp_directory_path() /
        ("imhost-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir / "workspace");
    fs::create_directories(dir / "crash");
    return dir;
}

std::string safe_file_name(std::string name) {
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            c = '_';
    return name;
}

// A file CI systems show next to the failure: GitLab and Jenkins read this marker in a JUnit
// case's <system-out>, where `ctest --output-junit` puts the test's output.
std::string attachment_line(const std::string& path) { return "[[ATTACHMENT|" + path + "]]\n"; }

}  // namespace

std::filesystem::path artifacts_dir() {
    if (const char* dir = std::getenv("IMHOST_ARTIFACTS_DIR"); dir && *dir) return dir;
    return fs::current_path() / "live-artifacts";
}

std::string url_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

LiveGui::LiveGui(LiveGuiOptions options) : options_(std::move(options)) {
    if (options_.exe.empty()) options_.exe = default_exe();
    dir_ = fresh_dir(options_.name);
    try {
        launch();
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
        throw;
    }
}

LiveGui::~LiveGui() {
    try {
        stop(3000ms);
    } catch (...) {  // a destructor must not throw; the process group is killed below anyway
    }
    process_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

void LiveGui::launch() {
    ++launches_;
    const fs::path port_file = dir_ / "port.json";
    fs::remove(port_file);
    // What every app that embeds the hooks takes; the rest only imhost has.
    std::vector<std::string> argv = {options_.exe, "--hook-port",
                                     std::to_string(options_.hook_port), "--port-file",
                                     port_file.string()};
    const std::string app_name = fs::path(options_.exe).filename().string();
    const bool imhost = options_.imhost_flags.value_or(app_name == "imhost");
    if (imhost) {
        argv.insert(argv.end(),
                    {"--workspace", workspace().string(), "--crash-dir", crash_dir().string()});
        if (options_.fault_injection) argv.push_back("--enable-fault-injection");
        if (options_.app == "demo")
            argv.push_back("--demo");
        else if (!options_.app.empty() && options_.app != "workbench")
            throw LaunchError("LiveGuiOptions::app is \"" + options_.app +
                              "\"; imhost hosts \"workbench\" (the default) or \"demo\"");
    } else if (!options_.app.empty()) {
        throw LaunchError("LiveGuiOptions::app is \"" + options_.app + "\", but " + app_name +
                          " is not imhost (LiveGuiOptions::imhost_flags): it hosts its own app");
    }
    argv.insert(argv.end(), options_.extra_args.begin(), options_.extra_args.end());
    const std::string n = std::to_string(launches_);
    std::vector<std::string> env = {"DISPLAY=" + XvfbDisplay::shared_display()};
    env.insert(env.end(), options_.env.begin(), options_.env.end());
    process_ = std::make_unique<ChildProcess>(argv, env, (dir_ / ("stdout-" + n + ".txt")).string(),
                                              (dir_ / ("stderr-" + n + ".txt")).string());
    client_.reset();
    info_ = {};

    const auto start = std::chrono::steady_clock::now();
    LaunchProgress progress;
    progress.child_pid = process_->pid();
    progress.deadline = options_.start_deadline;
    progress.accept_warn = options_.start_accepts_warn;
    for (;;) {
        progress.running = process_->running();
        progress.exit = process_->status();
        progress.port_file = hooks::read_port_file(port_file.string());
        progress.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        if (auto* info = std::get_if<hooks::PortFileInfo>(&progress.port_file);
            info && info->pid == process_->pid()) {
            info_ = *info;
            progress.health = probe_health(500ms);
        }
        const LaunchStep step = decide_launch_step(progress);
        if (step.kind == LaunchStep::ready) break;
        if (step.kind == LaunchStep::failed) {
            process_->terminate_group(1000ms);
            throw LaunchError(app_name + " did not start: " + step.reason + "\n  command: " +
                              [&] {
                                  std::string cmd;
                                  for (const auto& a : argv) cmd += a + " ";
                                  return cmd;
                              }() +
                              "\n  stderr tail:\n" + tail_lines(stderr_text(), 30) +
                              "\n  stdout tail:\n" + tail_lines(stdout_text(), 10));
        }
        std::this_thread::sleep_for(5ms);  // polling a file and a pid: there is no event
    }
    client_ = std::make_unique<HookClient>(info_.url, info_.token);
    std::printf("[ LAUNCH   ] %s pid %d at %s (%s %s)\n", app_name.c_str(), static_cast<int>(pid()),
                info_.url.c_str(), imhost ? "workspace" : "files in",
                (imhost ? workspace() : dir_).c_str());
    std::fflush(stdout);
}

ExitStatus LiveGui::stop(std::chrono::milliseconds grace) {
    if (!process_) return {};
    if (process_->running()) {
        const HealthSample h = probe_health(300ms);
        const std::string phase =
            h.body.is_object() ? h.body.value("phase", std::string()) : std::string();
        if (h.http_status != 0) {
            HookClient quick(info_.url, info_.token, 1.0);
            quick.post("/api/shutdown");
        }
        // A stalled GUI thread cannot act on the shutdown request: go to signals sooner.
        const bool can_exit = phase == "running" || phase == "crashed" || phase == "stopping";
        if (!process_->wait_for(can_exit ? grace : 500ms)) process_->terminate_group(2000ms);
    }
    process_->terminate_group(0ms);  // reaps; kills anything left in the group
    return process_->status().value_or(ExitStatus{});
}

void LiveGui::restart() {
    stop();
    launch();
}

bool LiveGui::alive() { return process_ && process_->running(); }

HealthSample LiveGui::probe_health(std::chrono::milliseconds timeout) {
    HealthSample sample;
    if (info_.url.empty()) {
        sample.transport_error = "no URL yet";
        return sample;
    }
    HookClient probe(info_.url, info_.token, static_cast<double>(timeout.count()) / 1000.0);
    HookResponse r = probe.get("/api/gui_health");
    sample.http_status = r.status;
    sample.body = r.body;
    sample.transport_error = r.transport_error;
    if (r.body.is_object()) last_health_ = r.body;
    return sample;
}

void LiveGui::await_armed_crash() {
    if (!crash_due_) return;
    const auto due = *crash_due_;
    crash_due_.reset();
    while (process_->running() && std::chrono::steady_clock::now() < due) {
        const HealthSample h = probe_health(std::chrono::milliseconds(200));
        if (h.http_status == 0 || (h.body.is_object() && h.body.value("phase", "") == "crashed"))
            return;  // dying or gone: observe() waits for the exit
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

Observation LiveGui::observe() {
    await_armed_crash();
    const json before = last_health_;
    Observation seen = harness::observe(
        *process_, [this] { return probe_health(); }, [this] { return crash_report(); });
    seen.previous_health = before;
    return seen;
}

std::string LiveGui::crash_report() const {
    if (!process_) return {};
    return read_file((crash_dir() / ("crash-" + std::to_string(pid()) + ".txt")).string());
}

std::string LiveGui::stderr_text() const {
    return process_ ? read_file(process_->stderr_path()) : std::string();
}
std::string LiveGui::stdout_text() const {
    return process_ ? read_file(process_->stdout_path()) : std::string();
}

json LiveGui::call(const std::string& method, const std::string& path, const json& body) {
    return client_->call(method, path, body);
}

json LiveGui::health() { return client_->get("/api/gui_health").body; }
json LiveGui::state() { return call("GET", "/api/state"); }

json LiveGui::click(const std::string& id) {
    return call("POST", "/api/items/click", {{"target", {{"id", id}}}});
}

json LiveGui::set_value(const std::string& id, const json& value, const std::string& via) {
    json body = {{"target", {{"id", id}}}, {"value", value}};
    if (!via.empty()) body["via"] = via;
    return call("POST", "/api/items/value", body);
}

json LiveGui::get_value(const std::string& id) {
    json reply = call("GET", "/api/items/value?id=" + url_encode(id));
    return reply.is_object() && reply.contains("value") ? reply["value"] : reply;
}

json LiveGui::fault(const std::string& kind, json args) {
    if (!args.is_object()) args = json::object();
    args["kind"] = kind;
    json reply = call("POST", "/api/debug/fault", args);
    if (reply.is_object() && reply.value("ends_process", false))
        crash_due_ = std::chrono::steady_clock::now() +
                     std::chrono::milliseconds(reply.value("runs_in_ms", 0)) +
                     std::chrono::seconds(5);
    return reply;
}

json LiveGui::wait(const json& condition, int timeout_ms) {
    return call("POST", "/api/wait", {{"condition", condition}, {"timeout_ms", timeout_ms}});
}

json LiveGui::wait_state(const std::string& pointer, const json& value, int timeout_ms) {
    return wait({{"type", "state_equals"}, {"pointer", pointer}, {"value", value}}, timeout_ms);
}

json LiveGui::items(const std::string& window) {
    const json reply =
        call("GET", "/api/items" + (window.empty() ? "" : "?window=" + url_encode(window)));
    return reply.value("items", json::array());
}

json LiveGui::reset() { return call("POST", "/api/reset"); }

json LiveGui::find(const Target& target) {
    return call("POST", "/api/items/find", {{"target", target.locator}});
}

json LiveGui::click(const Target& target) {
    return call("POST", "/api/items/click", {{"target", target.locator}});
}

namespace {
// "?id=...&window=..." from a locator, for the GET routes that take one.
std::string locator_query(const json& locator) {
    std::string query;
    for (const auto& [key, v] : locator.items())
        query += (query.empty() ? "?" : "&") + key + "=" +
                 url_encode(v.is_string() ? v.get<std::string>() : v.dump());
    return query;
}
}  // namespace

json LiveGui::value(const Target& target) {
    const json reply = call("GET", "/api/items/value" + locator_query(target.locator));
    return reply.is_object() && reply.contains("value") ? reply["value"] : reply;
}

std::string LiveGui::text(const std::string& window) {
    return call("GET", "/api/text" + (window.empty() ? "" : "?window=" + url_encode(window)))
        .at("text")
        .get<std::string>();
}

std::string LiveGui::text(const Target& target) {
    return call("GET", "/api/text" + locator_query(target.locator)).at("text").get<std::string>();
}

json LiveGui::open(const Target& target, bool open) {
    return call("POST", "/api/items/open", {{"target", target.locator}, {"open", open}});
}

json LiveGui::scroll_into_view(const Target& target) {
    return call("POST", "/api/items/scroll_into_view", {{"target", target.locator}});
}

json LiveGui::menu_click(const std::string& path, const std::string& window,
                         std::optional<bool> check) {
    json body = {{"path", path}};
    if (!window.empty()) body["window"] = window;
    if (check) body["check"] = *check;
    return call("POST", "/api/menu/click", body);
}

json LiveGui::combo_select(const Target& combo, const std::string& entry) {
    return call("POST", "/api/combo/select", {{"target", combo.locator}, {"item", entry}});
}

json LiveGui::keys(const std::vector<std::string>& chords, const std::string& text,
                   std::optional<Target> target) {
    json body = {{"keys", chords}};
    if (!text.empty()) body["text"] = text;
    if (target) body["target"] = target->locator;
    return call("POST", "/api/keys", body);
}

json LiveGui::close_popups() { return call("POST", "/api/popups/close", json::object()); }

json LiveGui::drag(const Target& target, const Target& onto) {
    return call("POST", "/api/items/drag", {{"target", target.locator}, {"to", onto.locator}});
}

json LiveGui::drag(const Target& target, float dx, float dy) {
    return call("POST", "/api/items/drag",
                {{"target", target.locator}, {"delta", {{"x", dx}, {"y", dy}}}});
}

json LiveGui::open_all(const std::string& window, const std::string& under, bool open, int depth) {
    json body = {{"window", window}, {"open", open}, {"timeout_ms", 110000}};
    if (depth > 0) body["depth"] = depth;
    if (!under.empty()) body["target"] = {{"ref", under}};
    // Hundreds of clicks: a client of its own, whose read timeout outlasts the call's.
    return HookClient(url(), token(), 120.0).call("POST", "/api/items/open_all", body);
}

json LiveGui::check_all(const std::string& path, const std::string& window, bool check) {
    return HookClient(url(), token(), 60.0)
        .call("POST", "/api/menu/check_all",
              {{"path", path}, {"window", window}, {"check", check}});
}

json LiveGui::window_action(const std::string& action, const std::string& window, float dx,
                            float dy) {
    json body = {{"window", window}};
    if (action == "move" || action == "resize") body["x"] = dx, body["y"] = dy;
    return call("POST", "/api/windows/" + action, body);
}

json LiveGui::hover(const Target& target, int rest_ms) {
    return call("POST", "/api/items/hover", {{"target", target.locator}, {"ms", rest_ms}});
}

std::string LiveGui::screenshot_png(std::string& why_not) {
    if (!alive()) {
        why_not = "the process is not running";
        return {};
    }
    HookClient quick(info_.url, info_.token, 2.0);
    HookResponse r = quick.get("/api/screenshot");
    if (r.status == 200 && r.raw.rfind("\x89PNG", 0) == 0) return r.raw;
    if (r.status == 0)
        why_not = "no answer: " + r.transport_error;
    else if (r.body.is_object() && r.body.contains("value") && r.body["value"].is_object())
        why_not = "HTTP " + std::to_string(r.status) + " " +
                  r.body["value"].value("error", std::string()) + ": " +
                  r.body["value"].value("message", std::string());
    else
        why_not = "HTTP " + std::to_string(r.status) + " without a PNG";
    return {};
}

std::string LiveGui::collect_crash_report(const fs::path& artifacts) {
    const std::string report = crash_report();
    if (report.empty()) return {};
    std::error_code ec;
    fs::create_directories(artifacts, ec);
    const fs::path copy = artifacts / ("crash-" + std::to_string(pid()) + ".txt");
    fs::copy_file(crash_dir() / copy.filename(), copy, fs::copy_options::overwrite_existing, ec);
    return ec ? std::string() : copy.string();
}

std::string LiveGui::diagnostics(const fs::path& artifacts, const std::string& test_name) {
    std::ostringstream out;
    out << "=== imhost diagnostics for " << test_name << " ===\n";
    const bool running = alive();
    out << "process: pid " << pid() << ", "
        << (running              ? std::string("running")
            : process_->status() ? process_->status()->describe()
                                 : std::string("gone"))
        << ", launch #" << launches_ << ", " << info_.url << "\n";
    out << "workspace: " << workspace().string() << "\n";
    if (running) probe_health(400ms);
    out << "last health JSON:\n"
        << (last_health_.is_null() ? std::string("  (none)") : last_health_.dump(2)) << "\n";
    if (const std::string report = crash_report(); !report.empty()) {
        const std::string copy = collect_crash_report(artifacts);
        out << "crash report (" << (copy.empty() ? crash_dir().string() : copy) << "):\n"
            << crash_report_excerpt(report) << "\n";
        if (!copy.empty()) out << attachment_line(copy);
    }
    out << "stderr tail:\n" << tail_lines(stderr_text(), 40) << "\n";
    out << "stdout tail:\n" << tail_lines(stdout_text(), 15) << "\n";
    std::string why_not;
    const std::string png = screenshot_png(why_not);
    if (!png.empty()) {
        std::error_code ec;
        fs::create_directories(artifacts, ec);
        const fs::path file = artifacts / (safe_file_name(test_name) + ".png");
        if (FILE* f = std::fopen(file.c_str(), "wb")) {
            std::fwrite(png.data(), 1, png.size(), f);
            std::fclose(f);
            out << "screenshot: " << file.string() << "\n" << attachment_line(file.string());
        }
    } else {
        out << "screenshot: none (" << why_not << ")\n";
    }
    out << "=== end of imhost diagnostics ===\n";
    return out.str();
}

}  // namespace harness
