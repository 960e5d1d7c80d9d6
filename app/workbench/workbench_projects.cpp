// workbench_projects.cpp: opening the workspace, new / switch / save / rename / delete.
#include <algorithm>
#include <cstdio>
#include <mutex>

#include "app/project/workspace.h"
#include "app/workbench/workbench.h"
#include "imgui_guard/guard.h"

namespace imhost {

// Orders writes of the same project file across workers: an older save that runs after a newer
// one has landed is skipped, so the file always ends up with the newest text.
struct SaveOrder {
    std::mutex mutex;
    std::map<std::string, std::uint64_t> written;  // project name -> newest seq on disk
    std::uint64_t next_seq = 0;                    // GUI thread only
};

std::shared_ptr<SaveOrder> make_save_order() { return std::make_shared<SaveOrder>(); }

namespace {

struct OpenResult {
    std::vector<WorkspaceEntry> entries;
    std::optional<Project> project;
};

}  // namespace

std::vector<std::string> Workbench::names() const {
    std::vector<std::string> out;
    for (const auto& e : entries_) out.push_back(e.name);
    return out;
}

void Workbench::start_open_workspace() {
    auto result = std::make_shared<OpenResult>();
    Workspace ws = options_.workspace;
    auto sample = options_.sample_workspace;
    auto handle = pool_.submit(
        "open workspace",
        [ws, sample, result](IoTask& self) {
            if (auto error = ws.create_if_missing(sample); !error.empty()) return self.fail(error);
            result->entries = ws.scan();
            std::optional<std::string> pick = ws.read_current();
            auto usable = [&](const std::string& name) {
                return std::any_of(result->entries.begin(), result->entries.end(),
                                   [&](auto& e) { return e.name == name && e.error.empty(); });
            };
            if (pick && !usable(*pick)) pick.reset();
            for (const auto& e : result->entries)
                if (!pick && e.error.empty()) pick = e.name;
            if (!pick) return;
            auto loaded = ws.load(*pick);
            if (auto* project = std::get_if<Project>(&loaded))
                result->project = std::move(*project);
        },
        [this, result](const IoTask& task) {
            on_workspace_opened(std::move(result->entries), std::move(result->project),
                                task.state() == IoTaskState::done ? "" : task.error());
        });
    if (handle->state() == IoTaskState::rejected)
        on_workspace_opened({}, std::nullopt, handle->error());
}

void Workbench::on_workspace_opened(std::vector<WorkspaceEntry> entries,
                                    std::optional<Project> project, std::string error) {
    entries_ = std::move(entries);
    if (!error.empty()) set_status("Cannot open the workspace: " + error);
    for (const auto& e : entries_) {
        if (e.error.empty()) continue;
        // Reported once per file at open: health's last_error and the Console show it.
        imgui_guard::report_error(imgui_guard::RecordKind::io_error,
                                  "project '" + e.name + "' not opened: " + e.error,
                                  "Workbench::on_workspace_opened");
        console_.add("! project '" + e.name + "' not opened: " + e.error);
    }
    loaded_ = true;
    if (project && !reset_on_open_) {
        install(std::move(*project));
        console_.add("Opened project '" + project_.name + "' in " +
                     options_.workspace.folder().string());
    } else {
        reset_on_open_ = false;
        if (auto failed = new_project(""); !failed.empty()) set_status(failed);
    }
}

void Workbench::install(Project project) {
    project_ = std::move(project);
    saved_version_ = edit_version_;
    autosave_failed_version_ = 0;
    context_info_.clear();
    std::snprintf(inputs_.model, sizeof inputs_.model, "%s", project_.settings.model.c_str());
    for (const Tool& tool : project_.tools) bind_tool_value(tool.name);
    refresh_context_info();
}

IoHandle Workbench::start_save(bool mark_current, IoPool::Done then,
                               std::shared_ptr<const std::string> text) {
    const std::uint64_t seq = ++save_order_->next_seq;
    const std::uint64_t version = edit_version_;
    const std::string name = project_.name;
    auto order = save_order_;
    Workspace ws = options_.workspace;
    if (!text) text = std::make_shared<const std::string>(project_to_text(project_));
    auto handle = pool_.submit(
        "save " + name,
        [order, ws, name, text, seq, mark_current](IoTask& self) {
            std::lock_guard lock(order->mutex);
            std::uint64_t& newest = order->written[name];
            if (newest > seq) return;  // a newer save of this project already landed
            if (auto error = ws.save(name, *text); !error.empty()) return self.fail(error);
            newest = seq;
            if (mark_current) ws.write_current(name);  // best effort: only picks the next start
        },
        [this, name, version, then](const IoTask& task) {
            if (task.state() == IoTaskState::done) {
                if (name == project_.name) saved_version_ = std::max(saved_version_, version);
            } else {
                if (name == project_.name) autosave_failed_version_ = version;
                set_status("Saving '" + name + "' failed: " + task.error());
            }
            if (then) then(task);
        });
    if (handle->state() == IoTaskState::rejected) {
        autosave_failed_version_ = version;
        set_status("Saving '" + name + "' failed: " + handle->error());
    }
    return handle;
}

PendingOpPtr Workbench::save(int repeat) {
    auto op = std::make_shared<PendingOp>();
    if (!loaded_) return op->fail("the workspace is still loading"), op;
    struct Count {
        int left;
        std::string error;
    };
    auto count = std::make_shared<Count>(Count{repeat, ""});
    // Every save's on_done runs on the GUI thread, so the count needs no lock.
    auto then = [op, count](const IoTask& task) {
        if (task.state() != IoTaskState::done && count->error.empty())
            count->error = task.error().empty()
                               ? "the save was " + std::string(io_task_state_name(task.state()))
                               : task.error();
        if (--count->left == 0) count->error.empty() ? op->succeed() : op->fail(count->error);
    };
    // Serialized once: the GUI thread must not spend a frame per repeat.
    const auto text = std::make_shared<const std::string>(project_to_text(project_));
    for (int i = 0; i < repeat; ++i) {
        IoHandle handle = start_save(i == 0, then, text);
        if (handle->state() == IoTaskState::rejected) return op->fail(handle->error()), op;
    }
    return op;
}

std::string Workbench::new_project(const std::string& requested) {
    if (!loaded_) return "the workspace is still loading; try again in a moment";
    if (switching_) return "a project switch is in progress; try again when it is done";
    const std::string name = requested.empty() ? next_automated_name(names()) : requested;
    if (auto why = check_project_name(name); !why.empty())
        return "'" + name + "' cannot name a project: " + why;
    if (std::any_of(entries_.begin(), entries_.end(), [&](auto& e) { return e.name == name; }))
        return "a project named '" + name + "' already exists";
    if (!project_.name.empty()) {
        if (auto saved = start_save(false); saved->state() == IoTaskState::rejected)
            return "cannot leave '" + project_.name + "': " + saved->error();
    }
    Project fresh;
    fresh.name = name;
    install(std::move(fresh));
    entries_.push_back({name, ""});
    std::sort(entries_.begin(), entries_.end(),
              [](const WorkspaceEntry& a, const WorkspaceEntry& b) { return a.name < b.name; });
    touch();
    if (auto saved = start_save(true); saved->state() == IoTaskState::rejected)
        return "'" + name + "' is open but not saved: " + saved->error();
    console_.add("New project '" + name + "'");
    return "";
}

PendingOpPtr Workbench::switch_project(const std::string& name) {
    auto op = std::make_shared<PendingOp>();
    auto fail = [&](std::string why) {
        set_status("Cannot switch to '" + name + "': " + why);
        op->fail(why);
        return op;
    };
    if (!loaded_) return fail("the workspace is still loading");
    if (switching_) return fail("another switch is in progress");
    if (name == project_.name) return op->succeed(), op;
    if (auto why = check_project_name(name); !why.empty()) return fail(why);
    auto entry =
        std::find_if(entries_.begin(), entries_.end(), [&](auto& e) { return e.name == name; });
    if (entry == entries_.end()) return fail("there is no project of that name in the workspace");
    if (!entry->error.empty()) return fail(entry->error);

    IoHandle saved = start_save(false);  // switching saves the current project first
    if (saved->state() == IoTaskState::rejected) return fail(saved->error());
    auto loaded = std::make_shared<std::variant<Project, std::string>>();
    Workspace ws = options_.workspace;
    switching_ = true;
    auto handle = pool_.submit(
        "switch to " + name,
        [saved, ws, name, loaded](IoTask& self) {
            if (!saved->wait_for(std::chrono::seconds(10)))
                return self.fail("saving the current project did not finish within 10 s");
            if (saved->state() != IoTaskState::done)
                return self.fail("could not save the current project first: " + saved->error());
            *loaded = ws.load(name);
            if (auto* error = std::get_if<std::string>(loaded.get())) return self.fail(*error);
            ws.write_current(name);
        },
        [this, op, loaded, name](const IoTask& task) {
            switching_ = false;
            if (task.state() != IoTaskState::done) {
                if (reset_on_open_) reset_on_open_ = false, reset();
                set_status("Cannot switch to '" + name + "': " + task.error());
                return op->fail(task.error());
            }
            install(std::move(std::get<Project>(*loaded)));
            console_.add("Switched to project '" + name + "'");
            op->succeed();
            if (reset_on_open_) {  // POST /api/reset came during the switch
                reset_on_open_ = false;
                reset();
            }
        });
    if (handle->state() == IoTaskState::rejected) {
        switching_ = false;
        return fail(handle->error());
    }
    return op;
}

std::string Workbench::rename_project(const std::string& new_name) {
    if (!ready()) return "no project is open yet";
    if (auto why = check_project_name(new_name); !why.empty())
        return "'" + new_name + "' cannot name a project: " + why;
    if (std::any_of(entries_.begin(), entries_.end(), [&](auto& e) { return e.name == new_name; }))
        return "a project named '" + new_name + "' already exists";
    const std::string old_name = project_.name;
    Project renamed = project_;
    renamed.name = new_name;
    Workspace ws = options_.workspace;
    auto handle = pool_.submit(
        "rename " + old_name,
        [ws, old_name, new_name, text = project_to_text(renamed)](IoTask& self) {
            if (auto error = ws.save(new_name, text); !error.empty()) return self.fail(error);
            ws.write_current(new_name);
            if (auto error = ws.remove(old_name); !error.empty()) return self.fail(error);
        },
        [this, old_name, new_name](const IoTask& task) {
            if (task.state() != IoTaskState::done)
                set_status("Renaming '" + old_name + "' failed: " + task.error());
            else
                console_.add("Renamed '" + old_name + "' to '" + new_name + "'");
        });
    if (handle->state() == IoTaskState::rejected) return handle->error();
    project_.name = new_name;
    for (auto& e : entries_)
        if (e.name == old_name) e.name = new_name;
    std::sort(entries_.begin(), entries_.end(),
              [](const WorkspaceEntry& a, const WorkspaceEntry& b) { return a.name < b.name; });
    return "";
}

std::string Workbench::delete_project(const std::string& name) {
    if (!ready()) return "no project is open yet";
    if (name == project_.name) return "'" + name + "' is open; switch to another project first";
    Workspace ws = options_.workspace;
    auto handle = pool_.submit(
        "delete " + name,
        [ws, name](IoTask& self) {
            if (auto error = ws.remove(name); !error.empty()) self.fail(error);
        },
        [this, name](const IoTask& task) {
            if (task.state() != IoTaskState::done)
                return set_status("Deleting '" + name + "' failed: " + task.error());
            std::erase_if(entries_, [&](auto& e) { return e.name == name; });
            console_.add("Deleted project '" + name + "'");
        });
    if (handle->state() == IoTaskState::rejected) return handle->error();
    return "";
}

}  // namespace imhost
