// step_code.h: recorded steps (step_recorder.h) written as a test that runs as written: the
// presentation side of the recorder.
//
//   pytest  a test using the plugin's `live_gui` fixture and the client's verbs, in a file
//           marked imhost_options(app=...) so it starts the app the session was recorded in
//   gtest   a harness::LiveGuiTest (tests/harness/live_gui_test.h) whose suite starts that app
//   json    the steps themselves, {"app", "steps"}: what POST /api/replay runs
// The `expect` steps become the test's closing asserts (floats within 1e-3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace hooks {

enum class CodeFormat { pytest, gtest, json };

std::optional<CodeFormat> parse_code_format(std::string_view name);  // "pytest", "gtest", "json"
// By a file's extension: ".py", ".cpp" (".cc"), ".json"; nullopt for another.
std::optional<CodeFormat> code_format_for_file(std::string_view path);

// `app`: "demo" or "workbench" (what /api/status says).
std::string step_code(const nlohmann::json& steps, const std::string& app, CodeFormat format);

}  // namespace hooks
