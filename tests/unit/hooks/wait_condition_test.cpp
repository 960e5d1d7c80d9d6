// wait_condition_test.cpp: strict parsing of POST /api/wait conditions.
#include <gtest/gtest.h>

#include "hooks/http/api_error.h"
#include "hooks/ui/wait_condition.h"

namespace {

using hooks::WaitCondition;
using nlohmann::json;

TEST(WaitCondition, EachTypeParses) {
    using T = WaitCondition::Type;
    EXPECT_EQ(
        hooks::parse_wait_condition({{"type", "item_exists"}, {"target", {{"id", "a"}}}}).type,
        T::item_exists);
    EXPECT_EQ(hooks::parse_wait_condition({{"type", "item_gone"}, {"target", {{"id", "a"}}}}).type,
              T::item_gone);
    EXPECT_EQ(
        hooks::parse_wait_condition({{"type", "item_visible"}, {"target", {{"id", "a"}}}}).type,
        T::item_visible);
    auto v = hooks::parse_wait_condition(
        {{"type", "value_equals"}, {"target", {{"id", "a"}}}, {"value", 3}});
    EXPECT_EQ(v.value, 3);
    EXPECT_EQ(hooks::parse_wait_condition({{"type", "window_open"}, {"window", "W"}}).window, "W");
    EXPECT_EQ(hooks::parse_wait_condition({{"type", "window_closed"}, {"window", "W"}}).type,
              T::window_closed);
    EXPECT_EQ(hooks::parse_wait_condition({{"type", "frames"}, {"count", 3}}).count, 3u);
    EXPECT_EQ(hooks::parse_wait_condition({{"type", "health"}}).status, "pass");
    auto s = hooks::parse_wait_condition(
        {{"type", "state_equals"}, {"pointer", "/project/name"}, {"value", "p"}});
    EXPECT_EQ(s.pointer, "/project/name");
}

TEST(WaitCondition, BadConditionsAreInvalidArgumentOrSelector) {
    const json bad[] = {
        json(nullptr),
        json("frames"),
        json::object(),
        {{"type", 1}},
        {{"type", "nap"}},
        {{"type", "frames"}},
        {{"type", "frames"}, {"count", 0}},
        {{"type", "frames"}, {"count", 1e9}},
        {{"type", "frames"}, {"count", 1}, {"extra", 1}},
        {{"type", "item_exists"}},
        {{"type", "value_equals"}, {"target", {{"id", "a"}}}},
        {{"type", "window_open"}},
        {{"type", "window_open"}, {"window", ""}},
        {{"type", "health"}, {"status", "fail"}},
        {{"type", "state_equals"}, {"pointer", "no-slash"}, {"value", 1}},
        {{"type", "state_equals"}, {"pointer", "/a"}},
    };
    for (const json& c : bad) {
        try {
            hooks::parse_wait_condition(c);
            ADD_FAILURE() << "accepted " << c.dump();
        } catch (const hooks::ApiError& e) {
            EXPECT_EQ(hooks::http_status(e.code()), 400) << c.dump();
        }
    }
    try {  // a bad target inside is a selector error
        hooks::parse_wait_condition({{"type", "item_exists"}, {"target", {{"id", ""}}}});
        FAIL();
    } catch (const hooks::ApiError& e) {
        EXPECT_EQ(e.code(), hooks::ErrorCode::invalid_selector);
    }
}

}  // namespace
