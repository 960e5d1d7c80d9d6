// workbench_sim.h: what the *_sim live suites share: a fixture on a workbench GUI without the
// Faults window (these suites need no fault injection, and that window sits over the Tools
// panel), reset to a fresh empty project between tests, and small user-level steps.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "tests/harness/eventually.h"
#include "tests/harness/live_gui_test.h"

namespace sim {

using nlohmann::json;

class WorkbenchSim : public harness::LiveGuiTest {
  public:
    static void SetUpTestSuite() {
        harness::LiveSuiteOptions options;
        options.gui.fault_injection = false;
        options.gui.name = "sim";
        options.reset_between_tests = true;
        start_suite(options);
    }

  protected:
    // A new, empty project, made as a user would: the "New automated" button.
    std::string new_project() {
        // The workbench ignores the button while its workspace (re)loads after a reset.
        gui().wait_state("/ready", true);
        const std::string before = gui().state()["project"]["name"];
        gui().click("btn_project_new_automated");
        EXPECT_TRUE(harness::eventually([&] { return gui().state()["project"]["name"] != before; },
                                        std::chrono::seconds(5)))
            << "no new project after clicking New automated";
        return gui().state()["project"]["name"];
    }

    // Types into an input field (real keyboard input), then clicks a button.
    void type(const std::string& id, const json& text) { gui().set_value(id, text, "input"); }

    // The state at a JSON pointer, waited for through POST /api/wait (no polling here).
    void expect_state(const std::string& pointer, const json& value, int timeout_ms = 5000) {
        try {
            gui().wait_state(pointer, value, timeout_ms);
        } catch (const harness::HookError& error) {
            ADD_FAILURE() << pointer << " never became " << value.dump() << ": " << error.what()
                          << "\nobserved: " << error.value().dump();
        }
    }

    // The project's row of a state list (tools, context files) by a field's value.
    static json find_row(const json& rows, const std::string& field, const std::string& value) {
        for (const auto& row : rows)
            if (row.value(field, std::string()) == value) return row;
        return nullptr;
    }

    void write_file(const std::string& name, const std::string& text) {
        std::ofstream(gui().workspace() / name) << text;
    }
};

}  // namespace sim
