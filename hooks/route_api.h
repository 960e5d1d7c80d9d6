// route_api.h: what an author of app routes includes, beside hook_engine.h.
//
// An app adds its own endpoints to the hook server. A handler runs on a server thread, so it
// touches the app (and ImGui) only through the GUI bridge, and reports failures as ApiError,
// which the router turns into the JSON error envelope with the right status:
//
//   hooks::Router& r = engine.router();                         // before engine.start()
//   r.add("POST", "/api/projects/rename", hooks::Access::token,
//         [&](const hooks::HttpRequest& request) {
//             const nlohmann::json body = hooks::json_body(request);
//             hooks::only_fields(body, {"name", "timeout_ms"});
//             const std::string name = hooks::string_arg(body, "name", /*required=*/true);
//             const auto timeout = hooks::timeout_arg(body, "timeout_ms", std::chrono::seconds(5));
//             return hooks::value_reply(engine.gui().run_on_gui(
//                 [&](std::uint64_t frame) { return app.rename(name); }, timeout));
//         });
//
// Index of this file
//   router.h       Router::add(method, path, Access, handler), HttpRequest, HttpReply
//   api_error.h    ApiError(ErrorCode, message, data), value_reply(), the error envelope
//   route_args.h   json_body(), only_fields(), string_arg(), timeout_arg()
//   gui_bridge.h   GuiBridge: run_on_gui(), post_to_gui(), wait_for_frame(), require_running()
#pragma once

#include "hooks/gui/gui_bridge.h"
#include "hooks/hook_engine.h"
#include "hooks/http/api_error.h"
#include "hooks/http/route_args.h"
#include "hooks/http/router.h"
