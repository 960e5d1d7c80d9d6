// port_file.h: how a launcher learns where a running imhost listens.
//
// Once the hook server listens it writes, atomically (temp file + rename) and with mode 0600:
//   {"url": "http://127.0.0.1:PORT", "port": PORT, "pid": PID, "token": "...", "instance_id":
//   "..."}
// A launcher polls for the file, then reads it with read_port_file().
#pragma once

#include <string>
#include <variant>

namespace hooks {

struct PortFileInfo {
    std::string url;
    int port = 0;
    long pid = 0;
    std::string token;
    std::string instance_id;
};

// Returns an empty string on success, else the reason.
std::string write_port_file(const std::string& path, const PortFileInfo& info);

// The info, or the reason it could not be read (missing, partial, not JSON, wrong fields).
std::variant<PortFileInfo, std::string> read_port_file(const std::string& path);
std::variant<PortFileInfo, std::string> parse_port_file(const std::string& text);

}  // namespace hooks
