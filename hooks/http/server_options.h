// server_options.h: how the hook server listens (part of hooks::HookEngineOptions).
#pragma once

#include <cstddef>
#include <string>

namespace hooks {

struct HookServerOptions {
    std::string bind = "127.0.0.1";
    int port = 8999;        // 0 picks a free port
    std::string token;      // required for Access::token routes
    std::string port_file;  // written once listening, if not empty
    std::string instance_id;
    int threads = 16;                // worker threads kept ready
    int max_connections = 256;       // connections served at once (a thread each)
    int request_deadline_ms = 3000;  // head + body of one request, from its first byte
};

// A token for HookServerOptions::token: hex, `bytes` from the OS's CSPRNG.
std::string random_token(std::size_t bytes = 16);

}  // namespace hooks
