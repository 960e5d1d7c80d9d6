// hook_client.cpp: HookClient over cpp-httplib's client.
#include "tests/harness/hook_client.h"

#include <httplib.h>

namespace harness {

HookError::HookError(int status, std::string code, const std::string& message, nlohmann::json value)
    : std::runtime_error(code + " (HTTP " + std::to_string(status) + "): " + message),
      status_(status),
      code_(std::move(code)),
      value_(std::move(value)) {}

struct HookClient::Impl {
    explicit Impl(const std::string& url) : client(url) {}
    httplib::Client client;
};

HookClient::HookClient(std::string url, std::string token, double timeout_s)
    : url_(std::move(url)), token_(std::move(token)), impl_(std::make_unique<Impl>(url_)) {
    const auto sec = static_cast<time_t>(timeout_s);
    const auto usec = static_cast<time_t>((timeout_s - static_cast<double>(sec)) * 1e6);
    impl_->client.set_connection_timeout(sec, usec);
    impl_->client.set_read_timeout(sec, usec);
    impl_->client.set_write_timeout(sec, usec);
    impl_->client.set_keep_alive(true);
}

HookClient::~HookClient() = default;

HookResponse HookClient::request(const std::string& method, const std::string& path,
                                 const nlohmann::json* body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
    httplib::Headers h;
    if (!token_.empty()) h.emplace("Authorization", "Bearer " + token_);
    for (const auto& [k, v] : headers) h.emplace(k, v);
    httplib::Result result;
    const std::string payload = body ? body->dump() : std::string();
    if (method == "GET")
        result = impl_->client.Get(path, h);
    else if (method == "POST")
        result = impl_->client.Post(path, h, payload, "application/json");
    else if (method == "PUT")
        result = impl_->client.Put(path, h, payload, "application/json");
    else if (method == "DELETE")
        result = impl_->client.Delete(path, h);
    else
        throw std::invalid_argument("HookClient: unsupported method " + method);

    HookResponse out;
    if (!result) {
        out.transport_error = httplib::to_string(result.error());
        return out;
    }
    out.status = result->status;
    out.raw = result->body;
    out.body = nlohmann::json::parse(out.raw, nullptr, false);
    if (out.body.is_discarded()) out.body = nullptr;
    return out;
}

nlohmann::json HookClient::call(const std::string& method, const std::string& path,
                                const nlohmann::json& body) {
    HookResponse r = request(method, path, method == "GET" ? nullptr : &body);
    if (r.status == 0) throw HookError(0, "no answer", r.transport_error, nullptr);
    const nlohmann::json value =
        r.body.is_object() && r.body.contains("value") ? r.body["value"] : nlohmann::json();
    if (r.status >= 200 && r.status < 300) return value;
    const std::string code =
        value.is_object() ? value.value("error", "unknown error") : "unknown error";
    const std::string message = value.is_object() ? value.value("message", r.raw) : r.raw;
    throw HookError(r.status, code, message, value);
}

}  // namespace harness
