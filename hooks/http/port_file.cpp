// port_file.cpp: atomic write and strict parse of the port file.
#include "hooks/http/port_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

namespace hooks {

std::string write_port_file(const std::string& path, const PortFileInfo& info) {
    const nlohmann::json j = {{"url", info.url},
                              {"port", info.port},
                              {"pid", info.pid},
                              {"token", info.token},
                              {"instance_id", info.instance_id}};
    const std::string text = j.dump() + "\n";
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return "cannot create " + tmp + ": " + std::strerror(errno);
    ::fchmod(fd, 0600);  // the token is a secret, whatever the umask says
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string reason = "cannot write " + path + ": " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return reason;
    }
    return {};
}

std::variant<PortFileInfo, std::string> parse_port_file(const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return std::string("port file is not a JSON object");
    PortFileInfo info;
    auto text_field = [&](const char* name, std::string& out) {
        auto it = j.find(name);
        if (it == j.end() || !it->is_string()) return false;
        out = it->get<std::string>();
        return true;
    };
    // Integers are range-checked as JSON numbers first: get<int>() would silently wrap
    // 4294967297 to 1 (found by the port_file fuzzer, see tests/fuzz/corpus/port_file/).
    auto int_field = [&](const char* name, long long min, long long max, long long& out) {
        auto it = j.find(name);
        if (it == j.end() || !it->is_number_integer()) return false;
        if (it->is_number_unsigned() &&
            it->get<unsigned long long>() > static_cast<unsigned long long>(max))
            return false;
        out = it->get<long long>();
        return out >= min && out <= max;
    };
    long long port = 0, pid = 0;
    if (!text_field("url", info.url)) return std::string("no 'url'");
    if (!int_field("port", 1, 65535, port)) return std::string("no integer 'port' in 1..65535");
    if (!int_field("pid", 1, std::numeric_limits<int>::max(), pid))
        return std::string("no positive integer 'pid'");
    if (!text_field("token", info.token)) return std::string("no 'token'");
    if (!text_field("instance_id", info.instance_id)) return std::string("no 'instance_id'");
    info.port = static_cast<int>(port);
    info.pid = static_cast<long>(pid);
    return info;
}

std::variant<PortFileInfo, std::string> read_port_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return "cannot open " + path + ": " + std::strerror(errno);
    std::stringstream text;
    text << in.rdbuf();
    return parse_port_file(text.str());
}

}  // namespace hooks
