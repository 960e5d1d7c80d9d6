// background_priority.h: the hook server's threads yield the CPU to the GUI under load.
//
// imhost is the system under test, and the hook server only watches it: a test's health polls
// must not starve the frame loop they watch. On two cores shared with a load generator and
// llvmpipe, the server's threads at the GUI thread's priority took it from 60 to 11 fps. Each
// server thread lowers its own scheduling priority (Linux: nice applies per thread), so when the
// CPU is short the GUI thread runs first; when it is not, the server is as fast as before.
#pragma once

namespace hooks::http_detail {

// Lowers the calling thread's priority to kServerNice (no privilege needed to lower it).
void run_at_background_priority();

inline constexpr int kServerNice = 10;  // CFS weight ~1/10 of a nice-0 thread

}  // namespace hooks::http_detail
