// locator_test.cpp: the locator parser (strict, total) and matching against a UI snapshot.
#include <gtest/gtest.h>

#include "hooks/http/api_error.h"
#include "hooks/ui/locator.h"

namespace {

using hooks::ApiError;
using hooks::ErrorCode;
using hooks::Locator;
using nlohmann::json;

ErrorCode parse_error(const json& target) {
    try {
        hooks::parse_locator(target);
    } catch (const ApiError& e) {
        return e.code();
    }
    ADD_FAILURE() << "no error for " << target.dump();
    return ErrorCode::unknown_error;
}

TEST(LocatorParser, EachFormParses) {
    Locator id = hooks::parse_locator({{"id", "btn_save"}});
    EXPECT_EQ(id.kind, Locator::Kind::id);
    EXPECT_EQ(id.text, "btn_save");

    Locator label = hooks::parse_locator({{"label", "Save"}, {"window", "Project"}});
    EXPECT_EQ(label.kind, Locator::Kind::label);
    EXPECT_EQ(label.text, "Save");
    EXPECT_EQ(label.window, "Project");
    EXPECT_TRUE(hooks::parse_locator({{"label", "Save"}}).window.empty());

    EXPECT_EQ(hooks::parse_locator({{"path", "Project/**/Save"}}).kind, Locator::Kind::path);

    EXPECT_EQ(hooks::parse_locator({{"imgui_id", "0x1A2B3C4D"}}).imgui_id, 0x1A2B3C4Du);
    EXPECT_EQ(hooks::parse_locator({{"imgui_id", "0x1a2b3c4d"}}).imgui_id, 0x1A2B3C4Du);
    EXPECT_EQ(hooks::parse_locator({{"imgui_id", "439041101"}}).imgui_id, 439041101u);
    EXPECT_EQ(hooks::parse_locator({{"imgui_id", 439041101}}).imgui_id, 439041101u);
}

TEST(LocatorParser, RejectsEverythingElseAsInvalidSelector) {
    const json bad[] = {
        json(nullptr),
        json("btn_save"),
        json::array({"id"}),
        json(42),
        json::object(),
        {{"id", "a"}, {"label", "b"}},  // two forms
        {{"id", "a"}, {"path", "b"}},
        {{"id", ""}},  // empty
        {{"id", 5}},   // not a string
        {{"label", nullptr}},
        {{"id", "a"}, {"window", "W"}},  // window only with label
        {{"window", "W"}},
        {{"label", "Save"}, {"windows", "W"}},  // unknown field (typo)
        {{"path", "a//b"}},
        {{"path", "/a"}},
        {{"path", "a/"}},
        {{"imgui_id", "0x"}},
        {{"imgui_id", "0xZZ"}},
        {{"imgui_id", "12abc"}},
        {{"imgui_id", 0}},
        {{"imgui_id", -1}},
        {{"imgui_id", "0x100000000"}},
        {{"imgui_id", 1.5}},
        {{"imgui_id", true}},
        {{"id", std::string(2000, 'x')}},
    };
    for (const json& target : bad)
        EXPECT_EQ(parse_error(target), ErrorCode::invalid_selector) << target.dump();
    EXPECT_EQ(hooks::http_status(ErrorCode::invalid_selector), 400);
}

TEST(LocatorParser, MessageSaysWhatIsWrong) {
    try {
        hooks::parse_locator({{"label", "Save"}, {"windows", "W"}});
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown field 'windows'"), std::string::npos)
            << e.what();
    }
}

TEST(PathGlob, SegmentsAndWildcards) {
    EXPECT_TRUE(hooks::path_matches("Project/Save", "Project/Save"));
    EXPECT_FALSE(hooks::path_matches("Project/Save", "Project/Save2"));
    EXPECT_TRUE(hooks::path_matches("Project/**/Save", "Project/Save"));  // ** may be empty
    EXPECT_TRUE(hooks::path_matches("Project/**/Save", "Project/Files_1A2B/Tree/Save"));
    EXPECT_FALSE(hooks::path_matches("Project/**/Save", "Other/Save"));
    EXPECT_TRUE(hooks::path_matches("**/Save", "A/B/C/Save"));
    EXPECT_TRUE(hooks::path_matches("**", "anything/at/all"));
    EXPECT_TRUE(hooks::path_matches("Pro*/Sa*e", "Project/Save"));
    EXPECT_FALSE(hooks::path_matches("Pro*/Sa*e", "Project/Sav"));
    EXPECT_FALSE(hooks::path_matches("*", "a/b"));  // * stays inside one segment
    // Many ** against a long path stays fast (DP, not backtracking).
    std::string pattern, path;
    for (int i = 0; i < 200; ++i) pattern += "**/", path += "seg/";
    EXPECT_FALSE(hooks::path_matches(pattern + "nope", path + "end"));
}

hooks::ItemRecord item(std::string raw, std::string window, std::uint32_t imgui_id) {
    hooks::ItemRecord r;
    r.raw_label = raw;
    const auto hidden = raw.find("##");
    r.label = raw.substr(0, hidden);
    r.id = hidden == std::string::npos ? "" : raw.substr(hidden + 2);
    r.window = window;
    r.root_window = window.substr(0, window.find('/'));
    r.path = window + "/" + raw;
    r.imgui_id = imgui_id;
    return r;
}

hooks::UiSnapshot sample() {
    hooks::UiSnapshot s;
    s.frame = 7;
    s.items = {item("Save##btn_project_save", "Projects", 1),
               item("Save##btn_settings_save", "Settings", 2), item("OK", "Projects", 3),
               item("OK", "Settings/Child_00AB", 4), item("Delete", "Projects", 5)};
    return s;
}

TEST(Matching, ByIdLabelWindowPathAndImguiId) {
    const auto snap = sample();
    auto one = [&](const json& target) {
        return hooks::resolve_one(hooks::parse_locator(target), snap).imgui_id;
    };
    EXPECT_EQ(one({{"id", "btn_settings_save"}}), 2u);
    EXPECT_EQ(one({{"label", "Save"}, {"window", "Projects"}}), 1u);
    EXPECT_EQ(one({{"label", "OK"}, {"window", "Settings"}}), 4u);  // root window matches a child
    EXPECT_EQ(one({{"path", "Settings/**/OK"}}), 4u);
    EXPECT_EQ(one({{"path", "Projects/Save##btn_project_save"}}), 1u);
    EXPECT_EQ(one({{"path", "Projects/Save"}}), 1u);  // the shown label works too
    EXPECT_EQ(one({{"imgui_id", "0x00000005"}}), 5u);
}

TEST(Matching, StrictNoneIs404AndManyIsAmbiguousWithCandidates) {
    const auto snap = sample();
    try {
        hooks::resolve_one(hooks::parse_locator({{"id", "btn_missing"}}), snap);
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_EQ(e.code(), ErrorCode::no_such_element);
        EXPECT_EQ(hooks::http_status(e.code()), 404);
    }
    try {
        hooks::resolve_one(hooks::parse_locator({{"label", "Save"}}), snap);
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_EQ(e.code(), ErrorCode::ambiguous_element);
        EXPECT_EQ(hooks::http_status(e.code()), 400);
        ASSERT_EQ(e.data()["candidates"].size(), 2u);
        EXPECT_EQ(e.data()["candidates"][0]["id"], "btn_project_save");
        EXPECT_EQ(e.data()["candidates"][1]["window"], "Settings");
    }
}

TEST(Matching, ItemsWithoutIdNeverMatchAnIdLocator) {
    auto snap = sample();
    EXPECT_TRUE(hooks::find_items(hooks::parse_locator({{"id", "OK"}}), snap).empty());
}

}  // namespace
