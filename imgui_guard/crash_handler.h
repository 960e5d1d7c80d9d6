// crash_handler.h: a report file for fatal signals, then death by the same signal.
//
//   imgui_guard::warm_up_in_background();                    // symbolized stacks, soon
//   if (auto error = imgui_guard::install_crash_handler(dir); !error.empty()) ...;
//   std::thread worker([] {
//       imgui_guard::install_alt_stack_for_this_thread();
//       imgui_guard::set_thread_role("IO worker");           // named in the report and health
//       ...
//   });
//   if (auto crash = imgui_guard::fatal_signal()) ...        // any thread: the process is dying
//
// Covers SIGSEGV, SIGABRT, SIGFPE, SIGILL, SIGBUS, SIGTRAP, and stack overflow on threads that
// have an alternate signal stack (install_crash_handler() gives the calling thread one). The
// report, <dir>/crash-<pid>.txt, is written in two stages:
//   stage 1  async-signal-safe calls only (open/write): signal, pid, thread, raw frames
//            (backtrace_symbols_fd), /proc/self/maps
//   stage 2  best effort: libbacktrace frames with function, file:line (names are unmangled for
//            the common forms, without allocating; the mangled name follows in brackets)
// Then the signal is raised again with the default action, so the exit status shows it.
//
// The handler's first act is an atomic store that marks the process as crashing, so other
// threads (the hook server's health) know at once, while the report is still being written.
// Writing it takes tens of milliseconds (stage 2 reads the debug info of the frames it names).
// A handler that cannot finish within 3 s (a lock the crash left held) is cut short: SIGALRM then
// raises the signal again with its default action, so the process still dies of it (the
// handler takes SIGALRM over once a fatal signal arrived).
#pragma once

#include <optional>
#include <string>

namespace imgui_guard {

// Installs the handlers; returns "" or why it could not (the directory cannot be created...).
std::string install_crash_handler(const std::string& dir);

// Gives the calling thread a 1 MiB alternate signal stack (freed when the thread exits), so a
// stack overflow on it still produces a report. Call first thing in every thread you start.
void install_alt_stack_for_this_thread();

std::string crash_report_path();  // "" before install_crash_handler()

// Names the calling thread ("GUI", "IO worker", "hook server") in crash reports and in
// fatal_signal(). At most 31 bytes are kept; call it once, when the thread starts.
void set_thread_role(const char* role);

// A fatal signal being handled (or handled: the report is written, the process is exiting).
struct FatalSignal {
    int signal = 0;               // SIGSEGV, SIGABRT, ...
    long tid = 0;                 // the thread that got it
    std::string thread_role;      // its set_thread_role(), "" if it has none
    bool report_written = false;  // the report is complete; the signal is raised again next
    double age_ms = 0;            // since the handler started
    std::string report_path;
};
std::optional<FatalSignal> fatal_signal();  // any thread; nullopt while no handler has started
// "fatal signal SIGSEGV on the GUI thread (tid 123); writing the crash report <path>"
std::string describe(const FatalSignal& crash);

}  // namespace imgui_guard
