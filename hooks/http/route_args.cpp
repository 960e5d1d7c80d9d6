// route_args.cpp: argument parsing shared by the routes.
#include "hooks/http/route_args.h"

#include <algorithm>

#include "hooks/http/api_error.h"

namespace hooks {

nlohmann::json json_body(const HttpRequest& request) {
    if (request.body.empty()) return nlohmann::json::object();
    auto body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded())
        throw ApiError(ErrorCode::invalid_argument, "the body is not valid JSON");
    if (!body.is_object())
        throw ApiError(ErrorCode::invalid_argument, "the body must be a JSON object");
    return body;
}

std::chrono::milliseconds timeout_arg(const nlohmann::json& body, const char* name,
                                      std::chrono::milliseconds fallback, long max_ms) {
    auto it = body.find(name);
    if (it == body.end()) return fallback;
    if (!it->is_number_integer() && !it->is_number_unsigned())
        throw ApiError(ErrorCode::invalid_argument,
                       std::string("'") + name + "' must be an integer number of milliseconds");
    const auto ms = it->is_number_unsigned()
                        ? static_cast<long long>(std::min<std::uint64_t>(
                              it->get<std::uint64_t>(), static_cast<std::uint64_t>(max_ms) + 1))
                        : it->get<long long>();
    if (ms < 0 || ms > max_ms)
        throw ApiError(
            ErrorCode::invalid_argument,
            std::string("'") + name + "' must be between 0 and " + std::to_string(max_ms) + " ms");
    return std::chrono::milliseconds(ms);
}

std::string string_arg(const nlohmann::json& body, const char* name, bool required) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (required)
            throw ApiError(ErrorCode::invalid_argument, std::string("'") + name + "' is required");
        return "";
    }
    if (!it->is_string())
        throw ApiError(ErrorCode::invalid_argument, std::string("'") + name + "' must be a string");
    return it->get<std::string>();
}

std::optional<bool> bool_arg(const nlohmann::json& body, const char* name) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_boolean())
        throw ApiError(ErrorCode::invalid_argument,
                       std::string("'") + name + "' must be true or false");
    return it->get<bool>();
}

void only_fields(const nlohmann::json& body, std::initializer_list<const char*> known) {
    for (auto it = body.begin(); it != body.end(); ++it)
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; }))
            throw ApiError(ErrorCode::invalid_argument, "unknown field '" + it.key() + "'");
}

}  // namespace hooks
