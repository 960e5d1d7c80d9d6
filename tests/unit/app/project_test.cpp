// project_test.cpp: the project model, its JSON round trip and validation, and the name rules.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/project/project.h"

namespace {

using imhost::Project;

Project filled() {
    Project p;
    p.name = "demo 1";
    p.folder = "/src/demo";
    p.discussion = {{"you", 1718000000.25, "first"},
                    {"bot", 1718000001.5, "line\nbreak \"quoted\""}};
    p.context = {{"README.md"}, {"/etc/hostname"}};
    p.settings = {"gpt-x", 1.25, 2048, false};
    p.tools = {{"build", "make -j2", false, 120, 0}, {"grep", "grep -r x . | head", true, 5, {}}};
    return p;
}

std::string parse_error(const std::string& text) {
    auto parsed = imhost::parse_project(text);
    auto* error = std::get_if<std::string>(&parsed);
    return error ? *error : std::string("(parsed)");
}

TEST(Project, JsonRoundTripKeepsEverything) {
    const Project p = filled();
    auto parsed = imhost::parse_project(imhost::project_to_text(p));
    ASSERT_TRUE(std::holds_alternative<Project>(parsed)) << std::get<std::string>(parsed);
    EXPECT_EQ(std::get<Project>(parsed), p);
    EXPECT_FALSE(std::get<Project>(parsed).tools[1].last_exit_code.has_value());
    EXPECT_EQ(std::get<Project>(parsed).tools[0].last_exit_code, 0);
}

TEST(Project, EmptyProjectRoundTrips) {
    Project p;
    p.name = "project-1";
    auto parsed = imhost::parse_project(imhost::project_to_text(p));
    ASSERT_TRUE(std::holds_alternative<Project>(parsed));
    EXPECT_EQ(std::get<Project>(parsed), p);
}

TEST(Project, ParseErrorsSayWhereAndWhat) {
    EXPECT_EQ(parse_error("{\"format\": \"imhost-project\", \"vers"), "not valid JSON");
    EXPECT_EQ(parse_error("[]"), "file: must be an object");
    EXPECT_EQ(parse_error("{\"format\": \"other\"}"), "format: not an imhost project file");

    nlohmann::json doc = imhost::project_to_json(filled());
    doc["settings"]["temperature"] = 2.5;
    EXPECT_EQ(parse_error(doc.dump()), "settings.temperature: must be a number from 0 to 2");
    doc = imhost::project_to_json(filled());
    doc["discussion"][1]["text"] = 7;
    EXPECT_EQ(parse_error(doc.dump()), "discussion[1].text: must be a string");
    doc = imhost::project_to_json(filled());
    doc["tools"][1]["name"] = "build";
    EXPECT_EQ(parse_error(doc.dump()), "tools[1].name: 'build' appears twice");
    doc = imhost::project_to_json(filled());
    doc["version"] = 99;
    EXPECT_NE(parse_error(doc.dump()).find("version: 99 is not supported"), std::string::npos);
    doc = imhost::project_to_json(filled());
    doc["name"] = "../etc";
    EXPECT_NE(parse_error(doc.dump()).find("name:"), std::string::npos);
    doc = imhost::project_to_json(filled());
    doc.erase("settings");
    EXPECT_EQ(parse_error(doc.dump()), "settings: missing");
}

TEST(Project, UnknownFieldsAreIgnored) {
    nlohmann::json doc = imhost::project_to_json(filled());
    doc["added_in_a_later_version"] = {1, 2, 3};
    auto parsed = imhost::parse_project(doc.dump());
    ASSERT_TRUE(std::holds_alternative<Project>(parsed));
    EXPECT_EQ(std::get<Project>(parsed), filled());
}

TEST(ProjectNames, AcceptsOrdinaryNames) {
    for (const char* name : {"a", "project-12", "My notes", "v1.2_final", "x.y"})
        EXPECT_EQ(imhost::check_project_name(name), "") << name;
    EXPECT_EQ(imhost::check_project_name(std::string(64, 'n')), "");
}

TEST(ProjectNames, RefusesPathsDotsAndOddCharacters) {
    EXPECT_EQ(imhost::check_project_name(""), "the name is empty");
    EXPECT_EQ(imhost::check_project_name("a/b"), "the name must not contain a path separator");
    EXPECT_EQ(imhost::check_project_name("a\\b"), "the name must not contain a path separator");
    EXPECT_EQ(imhost::check_project_name(".."), "the name must not contain '..'");
    EXPECT_EQ(imhost::check_project_name("a..b"), "the name must not contain '..'");
    EXPECT_EQ(imhost::check_project_name(".hidden"), "the name must not start with '.' or a space");
    EXPECT_EQ(imhost::check_project_name(" x"), "the name must not start with '.' or a space");
    EXPECT_EQ(imhost::check_project_name("x "), "the name must not end with a space");
    EXPECT_EQ(imhost::check_project_name("a\tb"), "the name must not contain control characters");
    EXPECT_NE(imhost::check_project_name("a*b"), "");
    EXPECT_EQ(imhost::check_project_name(std::string(65, 'n')), "the name is longer than 64 bytes");
    EXPECT_NE(imhost::check_tool_name("two words"), "");  // tool names become widget ids
    EXPECT_EQ(imhost::check_tool_name("build-all"), "");
}

TEST(ProjectSettings, RangesAreChecked) {
    imhost::Settings s;
    EXPECT_EQ(imhost::check_settings(s), "");
    s.temperature = -0.1;
    EXPECT_EQ(imhost::check_settings(s), "temperature: must be a number from 0 to 2");
    s.temperature = 2.0;
    EXPECT_EQ(imhost::check_settings(s), "");
    s.max_tokens = 0;
    EXPECT_EQ(imhost::check_settings(s), "max_tokens: must be an integer from 1 to 1000000");
    s.max_tokens = 1;
    s.model = "";
    EXPECT_EQ(imhost::check_settings(s), "model: must be 1 to 128 characters");
}

}  // namespace
