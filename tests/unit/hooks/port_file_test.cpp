// port_file_test.cpp: the port file is written atomically with mode 0600 and parsed strictly.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "hooks/http/port_file.h"

namespace {

TEST(PortFile, RoundTripWithMode0600) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("imhost-portfile-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "port.json").string();
    hooks::PortFileInfo info{"http://127.0.0.1:1234", 1234, 42, "tok", "abc"};
    ASSERT_EQ(hooks::write_port_file(path, info), "");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto read = hooks::read_port_file(path);
    ASSERT_TRUE(std::holds_alternative<hooks::PortFileInfo>(read)) << std::get<std::string>(read);
    const auto& got = std::get<hooks::PortFileInfo>(read);
    EXPECT_EQ(got.url, info.url);
    EXPECT_EQ(got.port, 1234);
    EXPECT_EQ(got.pid, 42);
    EXPECT_EQ(got.token, "tok");
    EXPECT_EQ(got.instance_id, "abc");
    std::filesystem::remove_all(dir);
}

TEST(PortFile, RejectsPartialOrWrongFiles) {
    for (const char* bad : {"", "{", "[]", R"({"url":"x"})",
                            R"({"url":"x","port":"1","pid":1,"token":"t","instance_id":"i"})",
                            R"({"url":"x","port":70000,"pid":1,"token":"t","instance_id":"i"})"}) {
        auto r = hooks::parse_port_file(bad);
        EXPECT_TRUE(std::holds_alternative<std::string>(r)) << bad;
    }
    EXPECT_TRUE(std::holds_alternative<std::string>(hooks::read_port_file("/nonexistent/x")));
}

}  // namespace
