// workbench.h: the project workbench: the open project, its actions, and the panels' state.
//
// The Workbench lives on the GUI thread. Every action below runs there (panels call them
// directly; the app routes reach them through HookEngine::run_on_gui). Disk and process work goes
// to the IO pool, whose results come back through the hook command queue (on_done), so no lock
// guards the project. Panels are one file each (projects_panel.cpp, ...), declared in panels.h.
//
// Index of this file
//   PendingOp        an action finishing later (switch, save), awaited by the HTTP thread
//   ContextInfo      size / mtime / preview of a context file, read on the IO pool
//   Workbench        setup, per-frame draw, actions, state for /api/state
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/io/io_pool.h"
#include "app/io/process_run.h"
#include "app/project/project.h"
#include "app/project/workspace.h"
#include "app/workbench/console_log.h"

namespace hooks {
class HookEngine;
}

namespace imhost {

// Written on the GUI thread (error first, then state with release), read by any thread.
struct PendingOp {
    enum State { pending = 0, succeeded = 1, failed = 2 };
    std::atomic<int> state{pending};
    std::string error;  // valid once state == failed
    void succeed() {
        if (state.load() == pending) state.store(succeeded, std::memory_order_release);
    }
    void fail(std::string why) {
        if (state.load() != pending) return;  // the first outcome wins
        error = std::move(why);
        state.store(failed, std::memory_order_release);
    }
};
using PendingOpPtr = std::shared_ptr<PendingOp>;

struct ContextInfo {
    bool loading = true;
    std::optional<std::uintmax_t> size;
    std::string mtime;    // "2024-06-10 12:34:56"
    std::string preview;  // the first lines
    std::string error;    // "" or why it cannot be read
};

// Text typed into the panels, kept between frames.
struct PanelInputs {
    char project_name[128] = "";
    char rename_to[128] = "";
    char message[2048] = "";
    char context_path[1024] = "";
    char model[129] = "";
    char tool_name[128] = "";
    char tool_command[1024] = "";
    bool tool_shell = false;
    char console_filter[256] = "";
    std::string delete_candidate;
    bool open_new_popup = false;
    int demo_clicks = 0;  // the foundation's btn_demo, kept for the hooks' live tests
};

class Workbench {
  public:
    struct Options {
        Workspace workspace;
        std::filesystem::path sample_workspace;  // copied in when the workspace does not exist
        std::filesystem::path layout_ini;        // the default layout (assets/layout.ini)
        std::chrono::milliseconds autosave_delay{300};
    };
    Workbench(Options options, IoPool& pool, hooks::HookEngine& hooks);

    // --- setup and frame (GUI thread) ---------------------------------------------------
    void start();  // before the first frame: loads the layout, opens the workspace
    void draw();   // each frame: autosave, then every panel inside imgui_guard::guarded
    void save_on_quit(std::chrono::milliseconds bound);  // after the loop ends
    void reset();  // POST /api/reset: a fresh empty project, console cleared
    bool ready() const { return loaded_ && !switching_; }  // a project is open, no switch running

    // --- actions (GUI thread). "" or an error string a user can act on. --------------------
    std::string new_project(const std::string& name);  // "" name = automated project-N
    PendingOpPtr switch_project(const std::string& name);
    PendingOpPtr save(int repeat = 1);  // repeat: back-to-back saves (tests)
    std::string rename_project(const std::string& new_name);
    std::string delete_project(const std::string& name);
    std::string send_message(const std::string& text, const std::string& author = "you");
    std::string add_context(const std::string& path);
    void remove_context(std::size_t index);
    std::string set_settings(const Settings& settings);
    std::string add_tool(const std::string& name, const std::string& command, bool shell,
                         int timeout_s = 60);
    void remove_tool(const std::string& name);
    std::string run_tool(const std::string& name);
    void cancel_tool(const std::string& name);
    // Fault kinds io_task_throws / io_pool_shutdown. Any thread: they touch only the pool, so
    // they work whatever the frame loop does.
    void inject_io_task_throws();
    void inject_io_pool_shutdown();

    // --- reading (GUI thread) -------------------------------------------------------------
    nlohmann::json state_json() const;  // the value of GET /api/state
    const Project& project() const { return project_; }
    Project& project() { return project_; }
    const std::vector<WorkspaceEntry>& entries() const { return entries_; }
    bool dirty() const { return edit_version_ != saved_version_; }
    bool tool_running(const std::string& name) const;
    const ContextInfo* context_info(const std::string& path) const;
    ConsoleLog& console() { return console_; }
    const std::string& status() const { return status_; }  // last error shown to the user
    void set_status(std::string message);                  // also logged to the Console
    std::filesystem::path project_folder() const;          // where tools run
    const Workspace& workspace() const { return options_.workspace; }
    IoPool& pool() { return pool_; }
    hooks::HookEngine& hooks() { return hooks_; }
    PanelInputs& inputs() { return inputs_; }
    void touch();  // the project changed: mark dirty, autosave later

  private:
    struct ToolRun {
        IoHandle handle;
        std::string project;   // the project it was started from
        ProcessResult result;  // written by the worker, read in on_done once it finished
    };
    IoHandle start_save(bool mark_current, IoPool::Done then = {},
                        std::shared_ptr<const std::string> text = {});  // text: pre-serialized
    void start_open_workspace();
    void install(Project project);
    void refresh_context_info();
    void request_context_info(const std::string& path);
    void bind_values();
    void bind_tool_value(const std::string& tool);
    void on_workspace_opened(std::vector<WorkspaceEntry> entries, std::optional<Project> project,
                             std::string error);
    std::vector<std::string> names() const;

    Options options_;
    IoPool& pool_;
    hooks::HookEngine& hooks_;
    IoPool::Post post_;

    Project project_;
    bool loaded_ = false, switching_ = false, reset_on_open_ = false;
    std::uint64_t edit_version_ = 0, saved_version_ = 0;
    std::uint64_t autosave_failed_version_ = 0;  // no autosave retry until the next edit
    std::chrono::steady_clock::time_point last_edit_{};
    IoHandle autosave_;
    std::vector<WorkspaceEntry> entries_;
    std::map<std::string, ContextInfo> context_info_;
    std::map<std::string, std::shared_ptr<ToolRun>> tool_runs_;
    std::shared_ptr<struct SaveOrder> save_order_;
    ConsoleLog console_;
    std::string status_;
    PanelInputs inputs_;
};

}  // namespace imhost
