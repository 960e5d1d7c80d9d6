// workbench_items.cpp: the project's contents: discussion, context files, settings, tools; and
// the IO fault kinds.
#include <sys/stat.h>

#include <ctime>
#include <stdexcept>

#include "app/io/process_run.h"
#include "app/project/atomic_file.h"
#include "app/workbench/workbench.h"

namespace imhost {

namespace fs = std::filesystem;

std::string Workbench::send_message(const std::string& text, const std::string& author) {
    if (!ready()) return "no project is open yet";
    if (text.empty()) return "the message is empty";
    if (text.size() > 100000) return "the message is longer than 100000 bytes";
    if (author.empty() || author.size() > 64) return "the author must be 1 to 64 characters";
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    project_.discussion.push_back({author, std::chrono::duration<double>(now).count(), text});
    touch();
    return "";
}

fs::path Workbench::project_folder() const {
    if (!project_.folder.empty()) return project_.folder;
    return options_.workspace.folder();
}

std::string Workbench::add_context(const std::string& path) {
    if (!ready()) return "no project is open yet";
    if (path.empty()) return "the path is empty";
    if (path.size() > 4096) return "the path is longer than 4096 bytes";
    for (const auto& c : project_.context)
        if (c.path == path) return "'" + path + "' is already in the context";
    project_.context.push_back({path});
    touch();
    request_context_info(path);
    return "";
}

void Workbench::remove_context(std::size_t index) {
    if (index >= project_.context.size()) return;
    context_info_.erase(project_.context[index].path);
    project_.context.erase(project_.context.begin() + static_cast<std::ptrdiff_t>(index));
    touch();
}

const ContextInfo* Workbench::context_info(const std::string& path) const {
    auto it = context_info_.find(path);
    return it == context_info_.end() ? nullptr : &it->second;
}

void Workbench::refresh_context_info() {
    for (const auto& c : project_.context) request_context_info(c.path);
}

void Workbench::request_context_info(const std::string& path) {
    context_info_[path] = ContextInfo{};
    fs::path full = path;
    if (full.is_relative()) full = project_folder() / full;
    auto info = std::make_shared<ContextInfo>();
    auto handle = pool_.submit(
        "stat " + path,
        [full, info](IoTask&) {
            struct stat st {};
            if (::stat(full.c_str(), &st) != 0) {
                info->error = full.string() + ": " + std::strerror(errno);
                return;
            }
            if (S_ISDIR(st.st_mode)) {
                info->error = full.string() + " is a folder, not a file";
                return;
            }
            info->size = static_cast<std::uintmax_t>(st.st_size);
            char when[32];
            std::tm tm{};
            localtime_r(&st.st_mtime, &tm);
            std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
            info->mtime = when;
            std::string error;
            auto text = read_whole_file(full, error, 1u << 20);
            if (!text) {
                info->error = error;
                return;
            }
            std::size_t end = 0;
            for (int line = 0; line < 6 && end != std::string::npos; ++line)
                end = text->find('\n', end == 0 ? 0 : end + 1);
            info->preview = text->substr(0, std::min<std::size_t>(end, 600));
        },
        [this, path, info](const IoTask& task) {
            if (!context_info_.count(path)) return;  // removed meanwhile
            ContextInfo done = *info;
            done.loading = false;
            if (task.state() != IoTaskState::done && done.error.empty()) done.error = task.error();
            context_info_[path] = std::move(done);
        });
    if (handle->state() == IoTaskState::rejected) {
        context_info_[path].loading = false;
        context_info_[path].error = handle->error();
    }
}

std::string Workbench::set_settings(const Settings& settings) {
    if (!ready()) return "no project is open yet";
    if (auto why = check_settings(settings); !why.empty()) return why;
    if (settings == project_.settings) return "";
    project_.settings = settings;
    std::snprintf(inputs_.model, sizeof inputs_.model, "%s", settings.model.c_str());
    touch();
    return "";
}

// --- tools -------------------------------------------------------------------------------------

std::string Workbench::add_tool(const std::string& name, const std::string& command, bool shell,
                                int timeout_s) {
    if (!ready()) return "no project is open yet";
    if (auto why = check_tool_name(name); !why.empty())
        return "'" + name + "' cannot name a tool: " + why;
    if (project_.find_tool(name)) return "a tool named '" + name + "' already exists";
    if (command.empty()) return "the command is empty";
    if (timeout_s < 1 || timeout_s > 3600) return "timeout_s must be from 1 to 3600";
    if (!shell) {
        std::string error;
        if (split_command(command, error).empty()) return error;
    }
    project_.tools.push_back({name, command, shell, timeout_s, std::nullopt});
    touch();
    bind_tool_value(name);
    return "";
}

void Workbench::remove_tool(const std::string& name) {
    std::erase_if(project_.tools, [&](const Tool& t) { return t.name == name; });
    touch();
}

bool Workbench::tool_running(const std::string& name) const {
    auto it = tool_runs_.find(name);
    return it != tool_runs_.end() && it->second->project == project_.name &&
           !it->second->handle->finished();
}

std::string Workbench::run_tool(const std::string& name) {
    if (!ready()) return "no project is open yet";
    const Tool* tool = project_.find_tool(name);
    if (!tool) return "there is no tool named '" + name + "'";
    if (tool_running(name)) return "'" + name + "' is already running";
    ProcessSpec spec;
    if (tool->shell) {
        spec.argv = {"/bin/sh", "-c", tool->command};
    } else {
        std::string error;
        spec.argv = split_command(tool->command, error);
        if (spec.argv.empty()) return error;
    }
    spec.cwd = project_folder().string();
    spec.timeout = std::chrono::seconds(tool->timeout_s);
    console_.add("$ " + tool->command + "    (tool " + name + ", in " + spec.cwd + ")");

    auto run = std::make_shared<ToolRun>();
    run->project = project_.name;
    auto post = post_;
    ConsoleLog* console = &console_;
    run->handle = pool_.submit(
        "tool " + name,
        [spec, post, run, console](IoTask& self) {
            std::string partial;
            auto send = [&](std::string text) {
                if (text.empty()) return;
                if (post) post([console, text = std::move(text)] { console->add_text("", text); });
            };
            run->result = run_process(spec, self.cancel_flag(), [&](std::string_view chunk) {
                partial.append(chunk);
                const auto last = partial.rfind('\n');
                if (last == std::string::npos) return;
                send(partial.substr(0, last));
                partial.erase(0, last + 1);
            });
            send(std::move(partial));
            if (!run->result.error.empty()) self.fail(run->result.error);
        },
        [this, run, name](const IoTask& task) {
            const ProcessResult& r = run->result;
            int code = 127;  // could not start, as a shell says
            if (r.exit_code) code = *r.exit_code;
            if (r.signal) code = 128 + r.signal;
            const std::string outcome = task.state() == IoTaskState::done || r.exit_code || r.signal
                                            ? r.describe()
                                            : task.error();
            console_.add("[tool " + name + "] " + outcome);
            if (run->project != project_.name) return;  // switched away: nothing to keep
            if (Tool* t = project_.find_tool(name)) {
                t->last_exit_code = code;
                touch();
            }
        });
    if (run->handle->state() == IoTaskState::rejected) {
        set_status("Cannot run '" + name + "': " + run->handle->error());
        return run->handle->error();
    }
    tool_runs_[name] = run;
    return "";
}

void Workbench::cancel_tool(const std::string& name) {
    if (auto it = tool_runs_.find(name); it != tool_runs_.end()) it->second->handle->cancel();
}

// --- fault kinds of the IO pool ------------------------------------------------------------

void Workbench::inject_io_task_throws() {
    pool_.submit("fault io_task_throws",
                 [](IoTask&) { throw std::runtime_error("injected fault io_task_throws"); });
}

void Workbench::inject_io_pool_shutdown() {
    pool_.shut_down("frame loop failure: injected fault io_pool_shutdown");
}

}  // namespace imhost
