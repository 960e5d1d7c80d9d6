// background_priority.h: the hook server's threads yield the CPU to the GUI when it gets busy.
//
// imhost is the system under test, and the hook server only watches it: a test's health polls
// must not starve the frame loop they watch. On two cores shared with a load generator and
// llvmpipe, the server's threads at the GUI thread's priority took it from 60 to 11 fps. But a
// server that always runs behind the GUI answers a light poll late: at nice 10 a health request
// waited for the animating GUI's time slice (p99 2.98 ms at 2000 req/s, against 1.92 ms at nice 0).
//
// So the priority follows the load:
//   - A connection thread starts at the GUI's priority, with the shortest time slice the kernel
//     grants (kPromptSlice, EEVDF's custom slice, Linux 6.12 and later): light polling is answered
//     at once. With the default slice a woken request still waited for llvmpipe's raster threads,
//     which fill both cores for part of each frame, to use up theirs (p99 2.2-3.1 ms at 2000
//     req/s; 1.1-1.2 ms with kPromptSlice). A slice changes when a thread runs, not its share of
//     the CPU (its weight), so the GUI keeps every bit of CPU it had. Older kernels ignore it.
//   - Once the server as a whole serves more than kBusyRequests in a kBusyWindow (a load
//     generator, a harness polling in a tight loop), each thread that serves a request lowers
//     itself to kServerNice, with the default slice. Linux applies nice and slice per thread, and
//     needs no privilege to lower the one or to set the other.
//   - Raising it back would need CAP_SYS_NICE, so a thread that yielded stays lowered and leaves
//     the pool when its connection ends: later connections start at full priority again.
// The listen thread keeps the GUI's priority: threads inherit their creator's nice value, and it
// starts the connection threads. It only accepts.
#pragma once

#include <chrono>

namespace hooks::http_detail {

inline constexpr int kServerNice = 10;  // CFS weight ~1/10 of a nice-0 thread
inline constexpr std::chrono::microseconds kPromptSlice{100};  // the least sched_setattr takes
inline constexpr int kBusyRequests = 500;
inline constexpr std::chrono::milliseconds kBusyWindow{100};  // busy: over 5000 requests/s

// Gives the calling thread kPromptSlice at the GUI's priority (a connection thread's start).
// False if the kernel refused it; a kernel without custom slices takes it and ignores it.
bool answer_promptly();

// Lowers the calling thread's priority to kServerNice with the default slice, for good.
void yield_to_gui();

// Counts one request served by the calling thread, and lowers its priority if the server is
// busy. Cheap: a clock read and two atomics.
void note_request();

// The calling thread has lowered its priority.
bool yielded_to_gui();

}  // namespace hooks::http_detail
