// workbench_routes.h: the app's endpoints on the hook server (token required).
//
//   GET  /api/state comes from HookEngine::set_state_provider(Workbench::state_json), which
//   also serves wait {"type": "state_equals"}.
//   POST /api/project/new                {"name"?}            no name: automated project-N
//   POST /api/project/switch             {"name", "timeout_ms"?}  replies once loaded
//   POST /api/project/save               {"repeat"?, "timeout_ms"?}  replies once written
//   POST /api/discussion/send            {"text", "author"?}
//   POST /api/context/add                {"path"}
//   POST /api/project/settings           {"model"?, "temperature"?, "max_tokens"?, "stream"?}
//   POST /api/tools/add                  {"name", "command", "shell"?, "timeout_s"?}
//   POST /api/tools/run                  {"name"}             replies once started
//   POST /api/tools/cancel               {"name"}
//   POST /api/debug/io_fault             {"kind": "io_task_throws" | "io_pool_shutdown"}
//                                        (only with --enable-fault-injection)
// Every handler touches the workbench through HookEngine::run_on_gui, and waits that span frames
// poll with a deadline and fail at once (503) when the frame loop dies.
#pragma once

namespace hooks {
class HookEngine;
}

namespace imhost {

class Workbench;

void register_workbench_routes(hooks::HookEngine& hooks, Workbench& workbench,
                               bool fault_injection);

}  // namespace imhost
