// httplib_config.h: cpp-httplib, configured once for every file of hooks/http/ that includes it.
// The macros change inline code in httplib.h, so they must be the same in every file (ODR).
#pragma once

// The kernel's accept backlog. httplib's default of 5 overflowed under 64 reconnecting clients
// (httplib closes the connection after each 4xx/5xx), and overflowed SYNs were silently dropped.
#define CPPHTTPLIB_LISTEN_BACKLOG 128
#include <httplib.h>
