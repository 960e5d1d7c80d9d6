// workbench.cpp: setup, the per-frame draw (autosave, panels), reset, quit, and /api/state.
#include "app/workbench/workbench.h"

#include <cstdio>

#include "app/project/atomic_file.h"
#include "app/workbench/panels.h"
#include "hooks/hook_engine.h"
#include "hooks/route_api.h"
#include "imgui.h"
#include "imgui_guard/guard.h"

namespace imhost {

struct SaveOrder;  // workbench_projects.cpp
std::shared_ptr<SaveOrder> make_save_order();

Workbench::Workbench(Options options, IoPool& pool, hooks::HookEngine& hooks)
    : options_(std::move(options)), pool_(pool), hooks_(hooks), save_order_(make_save_order()) {
    post_ = [this](std::function<void()> fn) {
        return hooks_.gui().post_to_gui([fn = std::move(fn)](std::uint64_t) { fn(); });
    };
}

void Workbench::start() {
    std::string error;
    if (auto ini = read_whole_file(options_.layout_ini, error))
        ImGui::LoadIniSettingsFromMemory(ini->data(), ini->size());
    else
        console_.add("! default layout not loaded: " + error);
    bind_values();
    start_open_workspace();
}

void Workbench::set_status(std::string message) {
    console_.add("! " + message);
    status_ = std::move(message);
}

void Workbench::touch() {
    ++edit_version_;
    last_edit_ = std::chrono::steady_clock::now();
}

void Workbench::draw() {
    // Debounced autosave: a while after the last edit, one save at a time, no retry of a failed
    // save until the next edit.
    const auto now = std::chrono::steady_clock::now();
    if (loaded_ && !switching_ && dirty() && edit_version_ != autosave_failed_version_ &&
        (!autosave_ || autosave_->finished()) && now - last_edit_ >= options_.autosave_delay &&
        pool_.state() != IoPoolState::shut_down)
        autosave_ = start_save(false);

    imgui_guard::guarded("Projects", [&] { draw_projects_panel(*this); });
    imgui_guard::guarded("Discussion", [&] { draw_discussion_panel(*this); });
    imgui_guard::guarded("Context", [&] { draw_context_panel(*this); });
    imgui_guard::guarded("Settings", [&] { draw_settings_panel(*this); });
    imgui_guard::guarded("Tools", [&] { draw_tools_panel(*this); });
    imgui_guard::guarded("Console", [&] { draw_console_panel(*this); });
    imgui_guard::guarded("Health", [&] { draw_health_panel(*this); });
}

void Workbench::save_on_quit(std::chrono::milliseconds bound) {
    if (!loaded_ || !dirty()) return;
    IoHandle handle = start_save(true);
    if (handle->state() == IoTaskState::rejected || !handle->wait_for(bound) ||
        handle->state() != IoTaskState::done)
        std::fprintf(stderr, "imhost: project '%s' not saved at quit: %s\n", project_.name.c_str(),
                     handle->finished() ? handle->error().c_str() : "the save did not finish");
}

void Workbench::reset() {
    for (auto& [name, run] : tool_runs_) run->handle->cancel();
    console_.clear();
    status_.clear();
    pool_.clear_degraded();
    if (!loaded_ || switching_) {
        reset_on_open_ = true;  // opened when the workspace (or the switch) finishes
        return;
    }
    if (auto failed = new_project(""); !failed.empty()) set_status(failed);
}

nlohmann::json Workbench::state_json() const {
    using nlohmann::json;
    json projects = json::array(), corrupt = json::array();
    for (const auto& e : entries_) {
        projects.push_back(e.name);
        if (!e.error.empty()) corrupt.push_back({{"name", e.name}, {"error", e.error}});
    }
    json files = json::array();
    for (const auto& c : project_.context) {
        json file = {{"path", c.path}, {"size", nullptr}, {"error", nullptr}};
        if (const ContextInfo* info = context_info(c.path)) {
            if (info->size) file["size"] = *info->size;
            if (!info->error.empty()) file["error"] = info->error;
            file["loading"] = info->loading;
        }
        files.push_back(std::move(file));
    }
    json tools = json::array();
    for (const auto& t : project_.tools)
        tools.push_back(
            {{"name", t.name},
             {"command", t.command},
             {"shell", t.shell},
             {"running", tool_running(t.name)},
             {"last_exit_code", t.last_exit_code ? json(*t.last_exit_code) : json(nullptr)}});
    const auto& d = project_.discussion;
    return {{"ready", ready()},
            {"project",
             {{"name", project_.name},
              {"path",
               project_.name.empty() ? "" : options_.workspace.file_for(project_.name).string()},
              {"dirty", dirty()}}},
            {"projects", std::move(projects)},
            {"corrupt_projects", std::move(corrupt)},
            {"discussion",
             {{"count", d.size()}, {"last", d.empty() ? json(nullptr) : json(d.back().text)}}},
            {"context", {{"files", std::move(files)}}},
            {"settings",
             {{"model", project_.settings.model},
              {"temperature", project_.settings.temperature},
              {"max_tokens", project_.settings.max_tokens},
              {"stream", project_.settings.stream}}},
            {"tools", std::move(tools)},
            {"console", {{"lines", console_.size()}, {"tail", console_.tail(20)}}},
            {"status", status_}};
}

// --- value bindings: Text() readouts and app-backed settings for /api/items/value ------------

namespace {

[[noreturn]] void bad_value(const std::string& why) {
    throw hooks::ApiError(hooks::ErrorCode::invalid_argument, why);
}

}  // namespace

void Workbench::bind_values() {
    auto ro = [&](const char* id, std::function<nlohmann::json()> get) {
        hooks_.bind_value(id, {std::move(get), {}});
    };
    ro("txt_project_name", [this] { return project_.name; });
    ro("txt_project_dirty", [this] { return dirty(); });
    ro("txt_project_status", [this] { return status_; });
    ro("txt_discussion_count", [this] { return project_.discussion.size(); });
    ro("txt_context_count", [this] { return project_.context.size(); });
    ro("txt_console_lines", [this] { return console_.size(); });
    ro("txt_io_pool_state", [this] { return pool_.figures().state; });
    ro("txt_demo_clicks", [this] { return inputs_.demo_clicks; });

    auto setting = [&](const char* id, std::function<nlohmann::json()> get,
                       std::function<void(Settings&, const nlohmann::json&)> apply) {
        hooks_.bind_value(id, {std::move(get), [this, apply](const nlohmann::json& v) {
                                   Settings s = project_.settings;
                                   apply(s, v);
                                   if (auto why = set_settings(s); !why.empty()) bad_value(why);
                               }});
    };
    setting(
        "input_settings_model", [this] { return project_.settings.model; },
        [](Settings& s, const nlohmann::json& v) {
            if (!v.is_string()) bad_value("input_settings_model takes a string");
            s.model = v.get<std::string>();
        });
    setting(
        "slider_settings_temperature", [this] { return project_.settings.temperature; },
        [](Settings& s, const nlohmann::json& v) {
            if (!v.is_number()) bad_value("slider_settings_temperature takes a number 0..2");
            s.temperature = v.get<double>();
        });
    setting(
        "input_settings_max_tokens", [this] { return project_.settings.max_tokens; },
        [](Settings& s, const nlohmann::json& v) {
            if (!v.is_number_integer())
                bad_value("input_settings_max_tokens takes an integer 1..1000000");
            const auto n = v.get<long long>();
            if (n < 1 || n > kMaxTokensLimit)
                bad_value("input_settings_max_tokens takes an integer 1..1000000");
            s.max_tokens = static_cast<int>(n);
        });
    setting(
        "chk_settings_stream", [this] { return project_.settings.stream; },
        [](Settings& s, const nlohmann::json& v) {
            if (!v.is_boolean()) bad_value("chk_settings_stream takes true or false");
            s.stream = v.get<bool>();
        });
}

void Workbench::bind_tool_value(const std::string& tool) {
    hooks_.bind_value("txt_tool_exit_" + tool, {[this, tool]() -> nlohmann::json {
                                                    const Tool* t = project_.find_tool(tool);
                                                    if (!t || !t->last_exit_code) return nullptr;
                                                    return *t->last_exit_code;
                                                },
                                                {}});
}

}  // namespace imhost
