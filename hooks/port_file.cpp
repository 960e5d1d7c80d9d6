// port_file.cpp: atomic write and strict parse of the port file.
#include "hooks/port_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace hooks {

std::string write_port_file(const std::string& path, const PortFileInfo& info) {
    const nlohmann::json j = {{"url", info.url},     {"port", info.port},
                              {"pid", info.pid},     {"token", info.token},
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
    auto field = [&](const char* name, auto& out, bool (nlohmann::json::*is)() const) -> bool {
        auto it = j.find(name);
        if (it == j.end() || !((*it).*is)()) return false;
        out = it->template get<std::remove_reference_t<decltype(out)>>();
        return true;
    };
    if (!field("url", info.url, &nlohmann::json::is_string)) return std::string("no 'url'");
    if (!field("port", info.port, &nlohmann::json::is_number_integer))
        return std::string("no integer 'port'");
    if (!field("pid", info.pid, &nlohmann::json::is_number_integer))
        return std::string("no integer 'pid'");
    if (!field("token", info.token, &nlohmann::json::is_string)) return std::string("no 'token'");
    if (!field("instance_id", info.instance_id, &nlohmann::json::is_string))
        return std::string("no 'instance_id'");
    if (info.port <= 0 || info.port > 65535) return std::string("'port' out of range");
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
