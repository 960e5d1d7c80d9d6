// router_test.cpp: the security gate, routing, auth and the error envelope, in-process.
#include <gtest/gtest.h>

#include "hooks/http/router.h"

namespace {

hooks::HttpRequest make(std::string method, std::string path, std::string body = {}) {
    hooks::HttpRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.headers.emplace("Host", "127.0.0.1:8999");
    if (r.method == "POST") {
        r.headers.emplace("Content-Length", std::to_string(body.size()));
        if (!body.empty()) r.headers.emplace("Content-Type", "application/json");
    }
    r.body = std::move(body);
    return r;
}

std::string error_of(const hooks::HttpReply& reply) {
    return nlohmann::json::parse(reply.body)["value"]["error"].get<std::string>();
}

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router.set_token("secret");
        router.add("GET", "/open", hooks::Access::open,
                   [](const hooks::HttpRequest&) { return hooks::value_reply("hi"); });
        router.add("POST", "/cmd", hooks::Access::token, [](const hooks::HttpRequest& r) {
            return hooks::value_reply(nlohmann::json::parse(r.body));
        });
        router.add("GET", "/boom", hooks::Access::open,
                   [](const hooks::HttpRequest&) -> hooks::HttpReply {
                       throw hooks::ApiError(hooks::ErrorCode::no_such_element, "nothing there",
                                             {{"n", 1}});
                   });
    }
    hooks::Router router;
};

TEST_F(RouterTest, OpenRouteAnswersWithValue) {
    auto reply = router.dispatch(make("GET", "/open"));
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(nlohmann::json::parse(reply.body)["value"], "hi");
}

TEST_F(RouterTest, TokenRouteNeedsTheRightBearer) {
    auto request = make("POST", "/cmd", R"({"a":1})");
    EXPECT_EQ(router.dispatch(request).status, 401);
    request.headers.emplace("Authorization", "Bearer wrong!");
    EXPECT_EQ(error_of(router.dispatch(request)), "unauthorized");
    request.headers.erase("Authorization");
    request.headers.emplace("authorization", "Bearer secret");  // header names ignore case
    auto reply = router.dispatch(request);
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(nlohmann::json::parse(reply.body)["value"]["a"], 1);
}

TEST_F(RouterTest, UnknownPathIs404AndWrongMethodIs405) {
    EXPECT_EQ(router.dispatch(make("GET", "/nope")).status, 404);
    EXPECT_EQ(error_of(router.dispatch(make("GET", "/nope"))), "unknown command");
    EXPECT_EQ(router.dispatch(make("DELETE", "/open")).status, 405);
}

TEST_F(RouterTest, ApiErrorBecomesTheEnvelope) {
    auto reply = router.dispatch(make("GET", "/boom"));
    EXPECT_EQ(reply.status, 404);
    auto value = nlohmann::json::parse(reply.body)["value"];
    EXPECT_EQ(value["error"], "no such element");
    EXPECT_EQ(value["message"], "nothing there");
    EXPECT_EQ(value["data"]["n"], 1);
}

TEST_F(RouterTest, SecurityGateRefusals) {
    auto bad_host = make("GET", "/open");
    bad_host.headers.erase("Host");
    bad_host.headers.emplace("Host", "evil.example");
    EXPECT_EQ(router.dispatch(bad_host).status, 403);

    for (const char* ok : {"localhost", "localhost:1", "[::1]:8999", "127.0.0.1"}) {
        auto r = make("GET", "/open");
        r.headers.erase("Host");
        r.headers.emplace("Host", ok);
        EXPECT_EQ(router.dispatch(r).status, 200) << ok;
    }

    auto origin = make("GET", "/open");
    origin.headers.emplace("Origin", "http://evil.example");
    EXPECT_EQ(router.dispatch(origin).status, 403);

    auto chunked = make("POST", "/cmd", "{}");
    chunked.headers.emplace("Transfer-Encoding", "chunked");
    EXPECT_EQ(router.dispatch(chunked).status, 411);

    auto no_length = make("POST", "/cmd");
    no_length.headers.erase("Content-Length");
    EXPECT_EQ(router.dispatch(no_length).status, 411);

    auto gzip = make("POST", "/cmd", "{}");
    gzip.headers.emplace("Content-Encoding", "gzip");
    EXPECT_EQ(router.dispatch(gzip).status, 415);

    auto form = make("POST", "/cmd", "a=1");
    form.headers.erase("Content-Type");
    form.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    EXPECT_EQ(router.dispatch(form).status, 415);

    auto huge = make("POST", "/cmd");
    huge.headers.erase("Content-Length");
    huge.headers.emplace("Content-Length", "104857600");
    EXPECT_EQ(router.dispatch(huge).status, 413);

    auto overflow = make("POST", "/cmd");
    overflow.headers.erase("Content-Length");
    overflow.headers.emplace("Content-Length", "99999999999999999999999999");
    EXPECT_EQ(router.dispatch(overflow).status, 413);
}

TEST_F(RouterTest, MalformedJsonIsInvalidArgument) {
    auto request = make("POST", "/cmd", "{not json");
    request.headers.emplace("Authorization", "Bearer secret");
    auto reply = router.dispatch(request);
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(error_of(reply), "invalid argument");
}

TEST(ErrorCodes, EachCodeHasItsStatus) {
    using hooks::ErrorCode;
    EXPECT_EQ(hooks::http_status(ErrorCode::invalid_argument), 400);
    EXPECT_EQ(hooks::http_status(ErrorCode::unauthorized), 401);
    EXPECT_EQ(hooks::http_status(ErrorCode::forbidden), 403);
    EXPECT_EQ(hooks::http_status(ErrorCode::stale_element_reference), 404);
    EXPECT_EQ(hooks::http_status(ErrorCode::unknown_method), 405);
    EXPECT_EQ(hooks::http_status(ErrorCode::length_required), 411);
    EXPECT_EQ(hooks::http_status(ErrorCode::payload_too_large), 413);
    EXPECT_EQ(hooks::http_status(ErrorCode::unsupported_media_type), 415);
    EXPECT_EQ(hooks::http_status(ErrorCode::timeout), 500);
    EXPECT_EQ(hooks::http_status(ErrorCode::gui_not_running), 503);
    EXPECT_EQ(hooks::error_name(ErrorCode::element_click_intercepted), "element click intercepted");
}

}  // namespace
