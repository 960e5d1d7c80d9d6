// hook_client.h: a small C++ client of the hook API, with typed errors.
//
//   harness::HookClient client(url, token);
//   nlohmann::json health = client.get("/api/gui_health").body;
//   client.call("POST", "/api/shutdown");            // throws HookError on an error envelope
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace harness {

struct HookResponse {
    int status = 0;       // 0: no answer (connection refused, timeout)
    nlohmann::json body;  // parsed JSON, or null
    std::string raw;      // the body as received
    std::string transport_error;
};

// An error envelope {"value": {"error", "message", ...}}, or no answer at all.
class HookError : public std::runtime_error {
  public:
    HookError(int status, std::string code, const std::string& message, nlohmann::json value);
    int status() const { return status_; }
    const std::string& code() const { return code_; }  // "no such element", ...
    const nlohmann::json& value() const { return value_; }

  private:
    int status_;
    std::string code_;
    nlohmann::json value_;
};

class HookClient {
  public:
    HookClient(std::string url, std::string token, double timeout_s = 10.0);
    ~HookClient();

    // One request; never throws for HTTP statuses.
    HookResponse request(const std::string& method, const std::string& path,
                         const nlohmann::json* body = nullptr,
                         const std::vector<std::pair<std::string, std::string>>& headers = {});
    HookResponse get(const std::string& path) { return request("GET", path); }
    HookResponse post(const std::string& path,
                      const nlohmann::json& body = nlohmann::json::object()) {
        return request("POST", path, &body);
    }
    // Returns body["value"] of a 2xx answer; throws HookError otherwise.
    nlohmann::json call(const std::string& method, const std::string& path,
                        const nlohmann::json& body = nlohmann::json::object());

    const std::string& url() const { return url_; }
    const std::string& token() const { return token_; }

  private:
    struct Impl;
    std::string url_, token_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace harness
