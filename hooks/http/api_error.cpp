// api_error.cpp: error codes, their HTTP statuses, and the reply envelope.
#include "hooks/http/api_error.h"

namespace hooks {

namespace {
struct CodeInfo {
    std::string_view name;
    int status;
};

CodeInfo info(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument:
            return {"invalid argument", 400};
        case ErrorCode::invalid_selector:
            return {"invalid selector", 400};
        case ErrorCode::ambiguous_element:
            return {"ambiguous element", 400};
        case ErrorCode::element_not_interactable:
            return {"element not interactable", 400};
        case ErrorCode::element_click_intercepted:
            return {"element click intercepted", 400};
        case ErrorCode::invalid_element_state:
            return {"invalid element state", 400};
        case ErrorCode::unauthorized:
            return {"unauthorized", 401};
        case ErrorCode::forbidden:
            return {"forbidden", 403};
        case ErrorCode::no_such_element:
            return {"no such element", 404};
        case ErrorCode::no_such_window:
            return {"no such window", 404};
        case ErrorCode::stale_element_reference:
            return {"stale element reference", 404};
        case ErrorCode::unknown_command:
            return {"unknown command", 404};
        case ErrorCode::unknown_method:
            return {"unknown method", 405};
        case ErrorCode::length_required:
            return {"length required", 411};
        case ErrorCode::payload_too_large:
            return {"payload too large", 413};
        case ErrorCode::unsupported_media_type:
            return {"unsupported media type", 415};
        case ErrorCode::timeout:
            return {"timeout", 500};
        case ErrorCode::unable_to_capture_screen:
            return {"unable to capture screen", 500};
        case ErrorCode::unsupported_operation:
            return {"unsupported operation", 500};
        case ErrorCode::unknown_error:
            return {"unknown error", 500};
        case ErrorCode::gui_not_running:
            return {"gui not running", 503};
        case ErrorCode::busy:
            return {"busy", 503};
    }
    return {"unknown error", 500};
}
}  // namespace

std::string_view error_name(ErrorCode code) { return info(code).name; }
int http_status(ErrorCode code) { return info(code).status; }

ApiError::ApiError(ErrorCode code, std::string message, nlohmann::json data, std::string stacktrace)
    : std::runtime_error(std::move(message)),
      code_(code),
      data_(std::move(data)),
      stacktrace_(std::move(stacktrace)) {}

HttpReply json_reply(const nlohmann::json& body, int status) {
    HttpReply reply;
    reply.status = status;
    // 'replace' keeps a reply valid even if a string carries bytes that are not UTF-8.
    reply.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return reply;
}

HttpReply value_reply(const nlohmann::json& value, int status) {
    return json_reply(nlohmann::json{{"value", value}}, status);
}

ApiError::ApiError(const ApiError& other)
    : std::runtime_error(std::string(other.what())),
      code_(other.code_),
      data_(other.data_),
      stacktrace_(other.stacktrace_) {}

ApiError& ApiError::operator=(const ApiError& other) {
    if (this == &other) return *this;
    std::runtime_error::operator=(std::runtime_error(std::string(other.what())));
    code_ = other.code_;
    data_ = other.data_;
    stacktrace_ = other.stacktrace_;
    return *this;
}

HttpReply error_reply(const ApiError& error) {
    nlohmann::json value = {{"error", error_name(error.code())},
                            {"message", error.what()},
                            {"stacktrace", error.stacktrace()},
                            {"data", error.data()}};
    return value_reply(value, http_status(error.code()));
}

}  // namespace hooks
