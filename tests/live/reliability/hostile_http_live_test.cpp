// hostile_http_live_test.cpp: the hostile inputs of the reliability issue against the real
// server, as one table. Each row writes exact bytes to a TCP socket, expects its status (and
// error code), and then the app must still be healthy: health 200 with healthy: true.
// The cases follow cpp-httplib's CVE history (chunked bodies, long lines, header counts,
// compression) and what local servers learned about DNS rebinding (Host, Origin, tokens).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/harness/hook_client.h"
#include "tests/harness/live_gui.h"
#include "tests/live/support/raw_http.h"
#include "tests/live/support/report.h"

namespace {

using namespace std::chrono_literals;
using rawhttp::RawReply;

struct Target {
    int port;
    std::string token;
    std::string host() const { return "127.0.0.1:" + std::to_string(port); }
};

// A whole request: request line, Host, the extra header lines, an empty line, the body.
std::string request(const Target& t, const std::string& start, const std::string& headers,
                    const std::string& body = {}) {
    return start + " HTTP/1.1\r\nHost: " + t.host() + "\r\n" + headers +
           "Connection: close\r\n\r\n" + body;
}
std::string auth(const Target& t) { return "Authorization: Bearer " + t.token + "\r\n"; }
std::string json_post(const Target& t, const std::string& path, const std::string& body) {
    return request(t, "POST " + path,
                   auth(t) + "Content-Type: application/json\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n",
                   body);
}

using SlowClients = std::vector<std::unique_ptr<rawhttp::RawConnection>>;

// How many of `clients` the server has answered or closed.
int served_or_cut_off(const SlowClients& clients) {
    int n = 0;
    for (const auto& c : clients) n += c->still_waiting() ? 0 : 1;
    return n;
}

constexpr int kClosed = 0;  // expected "status": the server closed the connection, no reply

struct Row {
    std::string what;                                 // the table's first column
    std::function<std::string(const Target&)> bytes;  // what is sent
    int status;                                       // the expected status, or kClosed
    std::string error;                                // the expected error code, "" = any
    // Runs before the request and returns the slow clients it opened, which stay open until the
    // reply is in. The reply must come while every one of them is still waiting for the server:
    // a reply queued behind them would come only after the server cut them off.
    std::function<std::shared_ptr<SlowClients>(const Target&)> meanwhile = {};
};

// `count` slowloris clients: each has sent part of a request head and sends nothing more.
std::shared_ptr<SlowClients> slow_clients(const Target& t, int count) {
    auto clients = std::make_shared<SlowClients>();
    const std::string partial = "GET /api/status HTTP/1.1\r\nHost: " + t.host() + "\r\nX-Sl";
    for (int i = 0; i < count; ++i) {
        clients->push_back(std::make_unique<rawhttp::RawConnection>(t.port));
        clients->back()->send(partial);
    }
    return clients;
}

std::vector<Row> rows() {
    const std::string find = "/api/items/find";
    return {
        {"malformed JSON", [=](const Target& t) { return json_post(t, find, "{\"target\": "); },
         400, "invalid argument"},
        {"JSON nested 10,000 levels",
         [=](const Target& t) {
             return json_post(t, find, std::string(10000, '[') + std::string(10000, ']'));
         },
         400, ""},
        {"huge number 1e400",
         [=](const Target& t) {
             return json_post(t, find, R"({"target": {"id": "x"}, "timeout_ms": 1e400})");
         },
         400, "invalid argument"},
        {"huge integer 10^30 as timeout",
         [=](const Target& t) {
             return json_post(
                 t, find,
                 R"({"target": {"id": "x"}, "timeout_ms": 1000000000000000000000000000000})");
         },
         400, "invalid argument"},
        {"string not UTF-8",
         [=](const Target& t) {
             return json_post(t, find, "{\"target\": {\"id\": \"\xff\xfe\xc0\"}}");
         },
         400, "invalid argument"},
        {"chunked POST",
         [=](const Target& t) {
             return request(t, "POST " + find,
                            auth(t) +
                                "Content-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n",
                            "2\r\n{}\r\n0\r\n\r\n");
         },
         411, "length required"},
        {"negative chunk size",
         [=](const Target& t) {
             return request(t, "POST " + find,
                            auth(t) +
                                "Content-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n",
                            "-5\r\n{}\r\n0\r\n\r\n");
         },
         411, "length required"},
        {"huge chunk size",
         [=](const Target& t) {
             return request(t, "POST " + find,
                            auth(t) +
                                "Content-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n",
                            "ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n");
         },
         411, "length required"},
        {"Content-Encoding: gzip",
         [=](const Target& t) {
             // gzip of "{}"
             const std::string gz(
                 "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\xae\x05\x00\x43"
                 "\xbf\xa6\xa3\x02\x00\x00\x00",
                 22);
             return request(t, "POST " + find,
                            auth(t) +
                                "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                                "Content-Length: 22\r\n",
                            gz);
         },
         415, "unsupported media type"},
        {"100 MB announced in Content-Length",
         [=](const Target& t) {
             return request(t, "POST " + find,
                            auth(t) +
                                "Content-Type: application/json\r\n"
                                "Content-Length: 104857600\r\n");
         },
         413, "payload too large"},
        {"Content-Length past 2^64",
         [=](const Target& t) {
             return request(t, "POST " + find,
                            auth(t) +
                                "Content-Type: application/json\r\n"
                                "Content-Length: 99999999999999999999999\r\n");
         },
         413, "payload too large"},
        {"POST without Content-Length",
         [=](const Target& t) {
             return request(t, "POST " + find, auth(t) + "Content-Type: application/json\r\n");
         },
         411, "length required"},
        {"non-JSON POST (text/plain)",
         [=](const Target& t) {
             return request(t, "POST " + find,
                            auth(t) + "Content-Type: text/plain\r\nContent-Length: 2\r\n", "hi");
         },
         415, "unsupported media type"},
        {"header line of 1 MB",
         [=](const Target& t) {
             return request(t, "GET /api/status", "X-Big: " + std::string(1 << 20, 'a') + "\r\n");
         },
         400, ""},
        {"10,000 headers",
         [=](const Target& t) {
             std::string headers;
             for (int i = 0; i < 10000; ++i) headers += "X-H" + std::to_string(i) + ": v\r\n";
             return request(t, "GET /api/status", headers);
         },
         400, ""},
        {"request line of 16 KB",
         [=](const Target& t) {
             return request(t, "GET /api/status?x=" + std::string(16 << 10, 'a'), "");
         },
         414, ""},
        // cpp-httplib reads at most 32 KB of a line and drops the rest; the server still answers.
        {"request URI of 100 KB",
         [=](const Target& t) {
             return request(t, "GET /api/status?x=" + std::string(100 << 10, 'a'), "");
         },
         414, "invalid argument"},
        {"request line of 1 MB",
         [=](const Target& t) {
             return request(t, "GET /api/status?x=" + std::string(1 << 20, 'a'), "");
         },
         414, "invalid argument"},
        {"health while 100 slowloris connections are open",
         [=](const Target& t) { return request(t, "GET /api/gui_health", ""); }, 200, "",
         [](const Target& t) { return slow_clients(t, 100); }},
        {"items while 100 slowloris connections are open",
         [=](const Target& t) { return request(t, "GET /api/items", auth(t)); }, 200, "",
         [](const Target& t) { return slow_clients(t, 100); }},
        {"Host: evil.example",
         [=](const Target&) {
             return std::string(
                 "GET /api/status HTTP/1.1\r\nHost: evil.example\r\n"
                 "Connection: close\r\n\r\n");
         },
         403, "forbidden"},
        {"Host: evil.example, right token",
         [=](const Target& t) {
             return "GET /api/shutdown HTTP/1.1\r\nHost: evil.example\r\n" + auth(t) +
                    "Connection: close\r\n\r\n";
         },
         403, "forbidden"},
        {"no Host header",
         [=](const Target&) {
             return std::string("GET /api/status HTTP/1.1\r\nConnection: close\r\n\r\n");
         },
         403, "forbidden"},
        {"Origin: http://evil.example",
         [=](const Target& t) {
             return request(t, "GET /api/status", "Origin: http://evil.example\r\n");
         },
         403, "forbidden"},
        {"missing token (POST /api/shutdown)",
         [=](const Target& t) {
             return request(t, "POST /api/shutdown",
                            "Content-Type: application/json\r\nContent-Length: 2\r\n", "{}");
         },
         401, "unauthorized"},
        {"wrong token (POST /api/shutdown)",
         [=](const Target& t) {
             return request(t, "POST /api/shutdown",
                            "Authorization: Bearer " + std::string(t.token.size(), '0') +
                                "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n",
                            "{}");
         },
         401, "unauthorized"},
        {"token as a prefix (POST /api/shutdown)",
         [=](const Target& t) {
             return request(t, "POST /api/shutdown",
                            "Authorization: Bearer " + t.token.substr(0, t.token.size() - 1) +
                                "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n",
                            "{}");
         },
         401, "unauthorized"},
        {"unknown path",
         [=](const Target& t) { return request(t, "GET /api/no_such_thing", auth(t)); }, 404,
         "unknown command"},
        {"unknown method on a known path (DELETE /api/status)",
         [=](const Target& t) { return request(t, "DELETE /api/status", auth(t)); }, 405,
         "unknown method"},
        {"method that does not exist (BREW)",
         [=](const Target& t) { return request(t, "BREW /api/status", auth(t)); }, 400, ""},
        {"path traversal in the URL",
         [=](const Target& t) { return request(t, "GET /api/../../../etc/passwd", auth(t)); }, 404,
         ""},
        {"CRLF in the URL (response splitting)",
         [=](const Target& t) {
             return request(t, "GET /api/status%0d%0aSet-Cookie:%20x=1", auth(t));
         },
         404, "unknown command"},
        {"project name ../../escape",
         [=](const Target& t) {
             return json_post(t, "/api/project/new", R"({"name": "../../escape"})");
         },
         400, "invalid argument"},
        {"project name with a slash",
         [=](const Target& t) { return json_post(t, "/api/project/new", R"({"name": "a/b"})"); },
         400, "invalid argument"},
        {"project switch to ../",
         [=](const Target& t) {
             return json_post(t, "/api/project/switch", R"({"name": "../ws"})");
         },
         400, "invalid argument"},
    };
}

struct Result {
    std::string what;
    int expected = 0;
    RawReply reply;
    std::string error;
    bool healthy_after = false;
};

std::string error_code_of(const RawReply& reply) {
    const auto body = nlohmann::json::parse(reply.body, nullptr, false);
    if (!body.is_object() || !body.contains("value") || !body["value"].is_object()) return "";
    return body["value"].value("error", "");
}

void print_table(const std::vector<Result>& results) {
    reliability::Report report;
    report.line("hostile HTTP inputs against the real server");
    report.line("%-52s %8s %6s %-24s %8s %s", "input", "expected", "got", "error", "ms",
                "healthy after");
    auto status = [](int s) { return s == kClosed ? std::string("closed") : std::to_string(s); };
    for (const Result& r : results) {
        const bool pass = r.reply.status == r.expected && r.healthy_after;
        report.line("%-52s %8s %6s %-24s %8.1f %-5s %s", r.what.c_str(), status(r.expected).c_str(),
                    status(r.reply.status).c_str(), r.error.empty() ? "-" : r.error.c_str(),
                    r.reply.ms, r.healthy_after ? "yes" : "NO", pass ? "ok" : "FAIL");
    }
    report.publish("hostile_http");
}

class HostileHttp : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        harness::LiveGuiOptions options;
        options.name = "hostile";
        options.fault_injection = false;
        gui = new harness::LiveGui(options);  // throws LaunchError with the reason
    }
    static void TearDownTestSuite() {
        delete gui;
        gui = nullptr;
    }

    static bool healthy() {
        const auto h = gui->probe_health(std::chrono::milliseconds(2000));
        return gui->alive() && h.http_status == 200 && h.body.value("healthy", false);
    }
    static std::string why() {
        return gui->probe_health().body.dump() + "\n" + harness::tail_lines(gui->stderr_text(), 20);
    }

    static harness::LiveGui* gui;
};
harness::LiveGui* HostileHttp::gui = nullptr;

TEST_F(HostileHttp, EveryRowGetsItsStatusAndTheAppStaysHealthy) {
    const Target target{gui->port_info().port, gui->token()};
    std::vector<Result> results;
    for (const Row& row : rows()) {
        Result r;
        r.what = row.what;
        r.expected = row.status;
        std::shared_ptr<SlowClients> meanwhile = row.meanwhile ? row.meanwhile(target) : nullptr;
        r.reply = rawhttp::raw_exchange(target.port, row.bytes(target), 10s);
        if (meanwhile) {
            EXPECT_EQ(served_or_cut_off(*meanwhile), 0)
                << row.what << ": the reply came only after the slow clients were dealt with";
        }
        meanwhile.reset();
        r.error = error_code_of(r.reply);
        r.healthy_after = healthy();
        EXPECT_EQ(r.reply.status, row.status) << row.what << ": " << r.reply.head << "\n"
                                              << r.reply.body << " " << r.reply.error;
        if (!row.error.empty()) {
            EXPECT_EQ(r.error, row.error) << row.what << ": " << r.reply.body;
        }
        if (r.reply.status >= 400) {
            EXPECT_FALSE(r.error.empty())
                << row.what << ": not the JSON error envelope: " << r.reply.body;
        }
        EXPECT_EQ(r.reply.head.find("Set-Cookie"), std::string::npos) << row.what;
        EXPECT_EQ(r.reply.head.find("Access-Control-Allow"), std::string::npos) << row.what;
        EXPECT_FALSE(r.reply.timed_out) << row.what << ": no reply within 10 s";
        if (row.status == kClosed) {
            EXPECT_TRUE(r.reply.closed) << row.what << ": " << r.reply.error;
        }
        EXPECT_TRUE(r.healthy_after) << row.what << ": " << why();
        results.push_back(std::move(r));
    }
    print_table(results);
    // Nothing escaped the workspace through a project name.
    EXPECT_FALSE(std::filesystem::exists(gui->workspace().parent_path().parent_path() / "escape"));
    EXPECT_FALSE(std::filesystem::exists(gui->workspace().parent_path() / "escape"));
}

// Slow clients sending a byte a second, more of them than the server keeps threads ready for:
// everybody else is served meanwhile, and the server cuts each slow one off at its request
// deadline (3 s from the first byte) with 408 or a close, so none holds a thread for long.
TEST_F(HostileHttp, SlowlorisDoesNotBlockOtherClients) {
    const Target target{gui->port_info().port, gui->token()};
    constexpr int kSlowClients = 100;
    const std::string slow_request = request(target, "GET /api/status", "X-Slow: 1\r\n");
    SlowClients slow;
    for (int i = 0; i < kSlowClients; ++i)
        slow.push_back(std::make_unique<rawhttp::RawConnection>(target.port));

    std::vector<double> others_ms;
    std::size_t sent = 0;
    const auto start = std::chrono::steady_clock::now();
    while (sent + 1 < slow_request.size() && std::chrono::steady_clock::now() - start < 6s) {
        for (auto& c : slow) c->send(slow_request.substr(sent, 1));
        ++sent;
        // Meanwhile, other clients are answered at once.
        for (const char* path : {"/api/gui_health", "/api/status", "/api/items"}) {
            auto r = rawhttp::raw_exchange(
                target.port, request(target, std::string("GET ") + path, auth(target)), 2s);
            EXPECT_EQ(r.status, 200) << path << ": " << r.head << r.error;
            others_ms.push_back(r.ms);
            // The first round is served while every slow client still holds its connection:
            // it was not queued behind them (later rounds meet the deadline's cut-offs).
            if (sent == 1) {
                EXPECT_EQ(served_or_cut_off(slow), 0) << path
                                                      << ": served only after the slow "
                                                         "clients were cut off";
            }
        }
        std::this_thread::sleep_for(1s);  // the attack's pace: a byte a second
    }
    // Past the deadline every slow client has its answer (408) or was closed, long before it
    // could finish its request.
    int cut_off = 0;
    for (auto& c : slow) {
        const rawhttp::RawReply r = c->read_reply(2s);
        if (r.status == 408 || r.closed) ++cut_off;
    }
    double worst = 0;
    for (double ms : others_ms) worst = std::max(worst, ms);
    reliability::Report report;
    report.line(
        "slowloris: %d clients sent %zu bytes each over %.1f s; %zu other requests, "
        "slowest %.1f ms; %d slow clients cut off at the request deadline",
        kSlowClients, sent,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
        others_ms.size(), worst, cut_off);
    report.publish("hostile_http_slowloris");
    EXPECT_EQ(cut_off, kSlowClients) << "slow clients kept their connection past the deadline";
    EXPECT_TRUE(healthy()) << why();
}

}  // namespace
