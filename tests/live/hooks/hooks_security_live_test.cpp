// hooks_security_live_test.cpp: each refusal of the security defaults gives its status and the
// JSON envelope before any route runs, hostile transports (1 MB header line, 10,000 headers,
// chunked bodies, a slowloris client) are bounded, and the app stays healthy throughout.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/harness/live_gui_test.h"
#include "tests/live/support/raw_http.h"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using rawhttp::raw_exchange;

class HooksSecurity : public harness::LiveGuiTest {
  protected:
    int port() { return gui().port_info().port; }
    std::string auth() { return "Authorization: Bearer " + gui().token() + "\r\n"; }
    // The reply's error code from the JSON envelope ("" if the body is not one).
    static std::string code(const rawhttp::RawReply& r) {
        auto body = json::parse(r.body, nullptr, false);
        if (!body.is_object() || !body.contains("value") || !body["value"].is_object()) return "";
        return body["value"].value("error", "");
    }
    void expect_healthy() {
        auto r = gui().client().get("/api/gui_health");
        EXPECT_EQ(r.status, 200) << r.raw;
        EXPECT_EQ(r.body["status"], "pass") << r.raw;
    }
};

TEST_F(HooksSecurity, EachRefusalHasItsStatusAndTheAppStaysHealthy) {
    const std::string h = "Host: 127.0.0.1\r\n";
    const std::string json_body = "{\"target\":{\"id\":\"btn_demo\"}}";
    const std::string len = "Content-Length: " + std::to_string(json_body.size()) + "\r\n";
    struct Case {
        const char* what;
        std::string request;
        int status;
        const char* code;
    };
    const Case cases[] = {
        {"foreign Host", "GET /api/status HTTP/1.1\r\nHost: evil.example\r\n\r\n", 403,
         "forbidden"},
        {"foreign Host with port", "GET /api/gui_health HTTP/1.1\r\nHost: 10.0.0.1:80\r\n\r\n", 403,
         "forbidden"},
        {"no Host", "GET /api/status HTTP/1.1\r\n\r\n", 403, "forbidden"},
        {"Origin", "GET /api/status HTTP/1.1\r\n" + h + "Origin: http://evil.example\r\n\r\n", 403,
         "forbidden"},
        {"no token", "GET /api/windows HTTP/1.1\r\n" + h + "\r\n", 401, "unauthorized"},
        {"wrong token", "GET /api/windows HTTP/1.1\r\n" + h + "Authorization: Bearer nope\r\n\r\n",
         401, "unauthorized"},
        {"token without Bearer",
         "GET /api/windows HTTP/1.1\r\n" + h + "Authorization: " + gui().token() + "\r\n\r\n", 401,
         "unauthorized"},
        {"POST without Content-Length",
         "POST /api/items/click HTTP/1.1\r\n" + h + auth() +
             "Content-Type: application/json\r\n\r\n",
         411, "length required"},
        {"chunked POST",
         "POST /api/items/click HTTP/1.1\r\n" + h + auth() +
             "Content-Type: application/json\r\nTransfer-Encoding: "
             "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
         411, "length required"},
        {"Content-Encoding",
         "POST /api/items/click HTTP/1.1\r\n" + h + auth() + len +
             "Content-Type: application/json\r\nContent-Encoding: gzip\r\n\r\n" + json_body,
         415, "unsupported media type"},
        {"non-JSON POST",
         "POST /api/items/click HTTP/1.1\r\n" + h + auth() + len +
             "Content-Type: text/plain\r\n\r\n" + json_body,
         415, "unsupported media type"},
        {"body over 1 MiB (refused on the header)",
         "POST /api/items/click HTTP/1.1\r\n" + h + auth() +
             "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n",
         413, "payload too large"},
    };
    for (const Case& c : cases) {
        const auto r = raw_exchange(port(), c.request, 3s);
        EXPECT_EQ(r.status, c.status) << c.what << "\n" << r.head << r.body;
        EXPECT_EQ(code(r), c.code) << c.what << "\n" << r.body;
        EXPECT_EQ(r.head.find("Access-Control-"), std::string::npos)
            << c.what << ": no CORS headers";
    }
    // Health is never cached.
    const auto health = raw_exchange(port(), "GET /api/gui_health HTTP/1.1\r\n" + h + "\r\n", 3s);
    EXPECT_EQ(health.status, 200);
    EXPECT_NE(health.head.find("Cache-Control: no-store"), std::string::npos) << health.head;
    // The loopback spellings are all accepted.
    for (const char* host : {"127.0.0.1", "localhost", "[::1]", "localhost:1234"}) {
        const auto r = raw_exchange(
            port(), std::string("GET /api/status HTTP/1.1\r\nHost: ") + host + "\r\n\r\n", 3s);
        EXPECT_EQ(r.status, 200) << host;
    }
    // A body really over 1 MiB, sent in full by a normal client, is refused too.
    const json big = {{"target", {{"id", std::string((1 << 20) + 10, 'x')}}}};
    auto r = gui().client().post("/api/items/find", big);
    EXPECT_EQ(r.status, 413) << r.raw.substr(0, 300);
    expect_healthy();
}

TEST_F(HooksSecurity, HostileTransportsAreBoundedWithJsonErrors) {
    const std::string h = "Host: 127.0.0.1\r\n";
    {  // a 1 MB header line
        const auto r = raw_exchange(
            port(),
            "GET /api/status HTTP/1.1\r\n" + h + "X-Big: " + std::string(1 << 20, 'a') + "\r\n\r\n",
            5s);
        EXPECT_FALSE(r.timed_out);
        if (r.status != 0) {
            EXPECT_GE(r.status, 400) << r.head;
            EXPECT_LT(r.status, 500) << r.head;
            EXPECT_FALSE(code(r).empty()) << "not the JSON envelope: " << r.body;
        }
    }
    {  // 10,000 headers
        std::string many;
        for (int i = 0; i < 10000; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
        const auto r = raw_exchange(port(), "GET /api/status HTTP/1.1\r\n" + h + many + "\r\n", 5s);
        EXPECT_FALSE(r.timed_out);
        if (r.status != 0) {
            EXPECT_GE(r.status, 400) << r.head;
            EXPECT_FALSE(code(r).empty()) << r.body;
        }
    }
    {  // a slowloris client: one byte at a time, while others are served at once
        rawhttp::RawConnection slow(port());
        ASSERT_TRUE(slow.send("GET /api/status HTTP/1.1\r\n"));
        for (int i = 0; i < 5; ++i) {
            slow.send("X");
            const auto t = std::chrono::steady_clock::now();
            EXPECT_EQ(gui().client().get("/api/gui_health").status, 200);
            EXPECT_LT(std::chrono::steady_clock::now() - t, 100ms);
            std::this_thread::sleep_for(50ms);  // the slow client's pace, not a synchronisation
        }
    }
    expect_healthy();
}

}  // namespace
