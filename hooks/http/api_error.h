// api_error.h: the error envelope of the hook API (W3C WebDriver style).
//
//   success: {"value": ...}
//   error:   {"value": {"error": CODE, "message": "...", "stacktrace": "...", "data": {...}}}
//
// A route reports an error by throwing ApiError; the router turns it into the envelope with the
// HTTP status of its code. Any other exception becomes "unknown error" (500), its text kept
// inside the envelope and never leaked into a header.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hooks/http/http_types.h"

namespace hooks {

enum class ErrorCode {
    invalid_argument,           // 400
    invalid_selector,           // 400
    ambiguous_element,          // 400
    element_not_interactable,   // 400
    element_click_intercepted,  // 400
    invalid_element_state,      // 400
    unauthorized,               // 401
    forbidden,                  // 403
    no_such_element,            // 404
    no_such_window,             // 404
    stale_element_reference,    // 404
    unknown_command,            // 404
    unknown_method,             // 405
    length_required,            // 411
    payload_too_large,          // 413
    unsupported_media_type,     // 415
    timeout,                    // 500
    unable_to_capture_screen,   // 500
    unsupported_operation,      // 500
    unknown_error,              // 500
    gui_not_running,            // 503, data: {phase, reason}
    busy,                       // 503, too many concurrent waits or commands
};

std::string_view error_name(ErrorCode code);  // "no such element"
int http_status(ErrorCode code);              // 404

class ApiError : public std::runtime_error {
  public:
    ApiError(ErrorCode code, std::string message, nlohmann::json data = nlohmann::json::object(),
             std::string stacktrace = {});
    // Copies own their message. std::runtime_error's copies share one reference-counted string
    // whose count lives in libstdc++.so, out of TSan's sight: an error handed from the GUI thread
    // to an HTTP thread (run_on_gui) and freed by whichever finished last was reported as a race.
    ApiError(const ApiError& other);
    ApiError& operator=(const ApiError& other);
    ErrorCode code() const { return code_; }
    const nlohmann::json& data() const { return data_; }
    const std::string& stacktrace() const { return stacktrace_; }

  private:
    ErrorCode code_;
    nlohmann::json data_;
    std::string stacktrace_;
};

HttpReply value_reply(const nlohmann::json& value, int status = 200);  // {"value": value}
HttpReply error_reply(const ApiError& error);                          // the error envelope
HttpReply json_reply(const nlohmann::json& body, int status = 200);    // body as is

}  // namespace hooks
