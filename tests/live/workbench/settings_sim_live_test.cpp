// settings_sim_live_test.cpp: the Settings panel driven by typing and clicking: every field
// changes the project's settings, a value out of range changes nothing, and settings belong to
// their project across a switch.
#include "tests/live/workbench/workbench_sim.h"

namespace {

using sim::json;

class SettingsSim : public sim::WorkbenchSim {};

TEST_F(SettingsSim, EveryFieldIsSetByTypingOrClicking) {
    new_project();
    const bool stream = gui().state()["settings"]["stream"];
    type("input_settings_model", "llama-3");
    type("slider_settings_temperature", 1.25);
    type("input_settings_max_tokens", 2048);
    gui().click("chk_settings_stream");
    expect_state(
        "/settings",
        {{"model", "llama-3"}, {"temperature", 1.25}, {"max_tokens", 2048}, {"stream", !stream}});
    // The same values read back through the items (the app's value bindings).
    EXPECT_EQ(gui().get_value("input_settings_model"), "llama-3");
    EXPECT_EQ(gui().get_value("input_settings_max_tokens"), 2048);
    EXPECT_EQ(gui().get_value("chk_settings_stream"), !stream);
}

TEST_F(SettingsSim, AnOutOfRangeTemperatureChangesNothing) {
    new_project();
    type("slider_settings_temperature", 0.5);
    expect_state("/settings/temperature", 0.5);
    type("slider_settings_temperature", 5);  // typed into the slider, as a user could
    gui().wait({{"type", "frames"}, {"count", 3}});
    EXPECT_EQ(gui().state()["settings"]["temperature"], 0.5);
    try {
        gui().set_value("slider_settings_temperature", 5.0, "binding");
        ADD_FAILURE() << "temperature 5 was accepted";
    } catch (const harness::HookError& error) {
        EXPECT_EQ(error.code(), "invalid argument");
        EXPECT_NE(std::string(error.what()).find("0 to 2"), std::string::npos) << error.what();
    }
    EXPECT_EQ(gui().state()["settings"]["temperature"], 0.5);
}

TEST_F(SettingsSim, SettingsBelongToTheirProjectAcrossASwitch) {
    const std::string first = new_project();
    type("input_settings_model", "first-model");
    expect_state("/settings/model", "first-model");
    const std::string second = new_project();
    EXPECT_NE(gui().state()["settings"]["model"], "first-model");
    type("input_settings_model", "second-model");
    expect_state("/settings/model", "second-model");
    gui().call("POST", "/api/project/switch", {{"name", first}});
    expect_state("/project/name", first);
    expect_state("/settings/model", "first-model");
    gui().call("POST", "/api/project/switch", {{"name", second}});
    expect_state("/settings/model", "second-model");
}

}  // namespace
