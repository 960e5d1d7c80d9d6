// step_code.cpp: steps -> pytest, GoogleTest or JSON text.
#include "hooks/record/step_code.h"

#include <sstream>

namespace hooks {

namespace {

bool ends_with(std::string_view text, std::string_view end) {
    return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// A JSON value as a Python literal (true -> True, null -> None; strings as JSON writes them,
// which Python reads the same, \u escapes included).
std::string py(const nlohmann::json& v) {
    if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
    if (v.is_null()) return "None";
    if (v.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + py(v[i]);
        return out + "]";
    }
    if (v.is_object()) {
        std::string out = "{";
        bool first = true;
        for (auto& [key, value] : v.items()) {
            out += (first ? "" : ", ") + nlohmann::json(key).dump() + ": " + py(value);
            first = false;
        }
        return out + "}";
    }
    return v.dump();
}

// A JSON value as a C++ raw string literal for json::parse.
std::string cpp_json(const nlohmann::json& v) { return "R\"j(" + v.dump() + ")j\""; }

std::string pytest_code(const nlohmann::json& steps, const std::string& app) {
    std::ostringstream out;
    out << "\"\"\"Recorded by imhost (--record, POST /api/record/stop): the session replayed on a\n"
        << "fresh imhost" << (app == "demo" ? " --demo" : "")
        << ", then the values it left, read back.\"\"\"\n"
        << "import pytest\n\n"
        << "pytestmark = pytest.mark.imhost_options(app=" << py(app) << ")\n\n\n"
        << "def test_recorded_session(live_gui):\n"
        << "    gui = live_gui.client\n";
    bool checks = false;
    for (const nlohmann::json& s : steps) {
        const std::string action = s.value("action", "");
        if (s.contains("why")) out << "    # " << s["why"].get<std::string>() << "\n";
        if (action == "click") {
            out << "    gui.click(" << py(s["target"]) << ")\n";
        } else if (action == "set_value") {
            out << "    gui.set_value(" << py(s["target"]) << ", " << py(s["value"]) << ")\n";
        } else if (action == "open") {
            out << "    gui.open(" << py(s["target"]) << ", opened=" << py(s["open"]) << ")\n";
        } else if (action == "menu") {
            out << "    gui.menu_click(" << py(s["path"]);
            if (s.contains("window")) out << ", window=" << py(s["window"]);
            out << ")\n";
        } else if (action == "combo") {
            out << "    gui.combo_select(" << py(s["target"]) << ", " << py(s["item"]) << ")\n";
        } else if (action == "keys") {
            out << "    gui.keys(" << py(s["keys"]) << ")\n";
        } else if (action == "close_popups") {
            out << "    gui.close_popups()\n";
        } else if (action == "window") {
            out << "    gui.window_action(" << py(s["do"]) << ", " << py(s["window"]) << ")\n";
        } else if (action == "wait") {
            out << "    gui.wait(" << py(s["condition"]) << ", timeout_ms=5000)\n";
        } else if (action == "expect") {
            if (!checks) out << "\n    # The values the session left.\n";
            checks = true;
            const nlohmann::json& v = s["value"];
            out << "    assert gui.get_value(" << py(s["target"]) << ")";
            if (v.is_number_float())
                out << " == pytest.approx(" << py(v) << ", abs=1e-3)\n";
            else if (v.is_boolean())
                out << " is " << py(v) << "\n";
            else
                out << " == " << py(v) << "\n";
        }
    }
    if (steps.empty()) out << "    pass  # nothing was recorded\n";
    return out.str();
}

std::string gtest_code(const nlohmann::json& steps, const std::string& app) {
    std::ostringstream out;
    out << "// Recorded by imhost (--record, POST /api/record/stop): the session replayed on a "
           "fresh\n"
        << "// imhost" << (app == "demo" ? " --demo" : "")
        << ", then the values it left, read back. Link: imhost_harness, imhost_live_main.\n"
        << "#include <gtest/gtest.h>\n\n"
        << "#include <nlohmann/json.hpp>\n\n"
        << "#include \"tests/harness/live_gui_test.h\"\n\n"
        << "namespace {\n\n"
        << "using nlohmann::json;\n\n"
        << "[[maybe_unused]] harness::Target at(const char* locator) {\n"
        << "    return {json::parse(locator)};\n"
        << "}\n\n"
        << "class RecordedSession : public harness::LiveGuiTest {\n"
        << "  public:\n"
        << "    static void SetUpTestSuite() {\n"
        << "        harness::LiveSuiteOptions options;\n"
        << "        options.gui.app = " << nlohmann::json(app).dump() << ";\n"
        << "        start_suite(options);\n"
        << "    }\n"
        << "};\n\n"
        << "TEST_F(RecordedSession, ReplaysAndLeavesTheSameValues) {\n";
    bool checks = false;
    for (const nlohmann::json& s : steps) {
        const std::string action = s.value("action", "");
        if (s.contains("why")) out << "    // " << s["why"].get<std::string>() << "\n";
        if (action == "click") {
            out << "    gui().click(at(" << cpp_json(s["target"]) << "));\n";
        } else if (action == "set_value") {
            out << "    gui().call(\"POST\", \"/api/items/value\", json::parse("
                << cpp_json({{"target", s["target"]}, {"value", s["value"]}}) << "));\n";
        } else if (action == "open") {
            out << "    gui().open(at(" << cpp_json(s["target"]) << "), "
                << (s["open"].get<bool>() ? "true" : "false") << ");\n";
        } else if (action == "menu") {
            out << "    gui().menu_click(" << nlohmann::json(s["path"]).dump() << ", "
                << nlohmann::json(s.value("window", "")).dump() << ");\n";
        } else if (action == "combo") {
            out << "    gui().combo_select(at(" << cpp_json(s["target"]) << "), "
                << s["item"].dump() << ");\n";
        } else if (action == "keys") {
            out << "    gui().keys(json::parse(" << cpp_json(s["keys"])
                << ").get<std::vector<std::string>>());\n";
        } else if (action == "close_popups") {
            out << "    gui().close_popups();\n";
        } else if (action == "window") {
            out << "    gui().window_action(" << s["do"].dump() << ", " << s["window"].dump()
                << ");\n";
        } else if (action == "wait") {
            out << "    gui().wait(json::parse(" << cpp_json(s["condition"]) << "));\n";
        } else if (action == "expect") {
            if (!checks) out << "\n    // The values the session left.\n";
            checks = true;
            const nlohmann::json& v = s["value"];
            const std::string read = "gui().value(at(" + cpp_json(s["target"]) + "))";
            if (v.is_number_float())
                out << "    EXPECT_NEAR(" << read << ".get<double>(), " << v.dump() << ", 1e-3);\n";
            else
                out << "    EXPECT_EQ(" << read << ", json::parse(" << cpp_json(v) << "));\n";
        }
    }
    out << "}\n\n}  // namespace\n";
    return out.str();
}

}  // namespace

std::optional<CodeFormat> parse_code_format(std::string_view name) {
    if (name == "pytest") return CodeFormat::pytest;
    if (name == "gtest") return CodeFormat::gtest;
    if (name == "json") return CodeFormat::json;
    return std::nullopt;
}

std::optional<CodeFormat> code_format_for_file(std::string_view path) {
    if (ends_with(path, ".py")) return CodeFormat::pytest;
    if (ends_with(path, ".cpp") || ends_with(path, ".cc")) return CodeFormat::gtest;
    if (ends_with(path, ".json")) return CodeFormat::json;
    return std::nullopt;
}

std::string step_code(const nlohmann::json& steps, const std::string& app, CodeFormat format) {
    switch (format) {
        case CodeFormat::pytest:
            return pytest_code(steps, app);
        case CodeFormat::gtest:
            return gtest_code(steps, app);
        case CodeFormat::json:
            break;
    }
    return nlohmann::json({{"app", app}, {"steps", steps}}).dump(2) + "\n";
}

}  // namespace hooks
