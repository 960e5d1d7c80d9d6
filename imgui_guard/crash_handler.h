// crash_handler.h: a report file for fatal signals, then death by the same signal.
//
//   imgui_guard::warm_up();                                  // before threads start
//   if (auto error = imgui_guard::install_crash_handler(dir); !error.empty()) ...;
//   std::thread worker([] { imgui_guard::install_alt_stack_for_this_thread(); ... });
//
// Covers SIGSEGV, SIGABRT, SIGFPE, SIGILL, SIGBUS, and stack overflow on threads that have an
// alternate signal stack (install_crash_handler() gives the calling thread one). The report,
// <dir>/crash-<pid>.txt, is written in two stages:
//   stage 1  async-signal-safe calls only (open/write): signal, pid, thread, raw frames
//            (backtrace_symbols_fd), /proc/self/maps
//   stage 2  best effort: libbacktrace frames with function, file:line (names are unmangled for
//            the common forms, without allocating; the mangled name follows in brackets)
// Then the signal is raised again with the default action, so the exit status shows it.
#pragma once

#include <string>

namespace imgui_guard {

// Installs the handlers; returns "" or why it could not (the directory cannot be created...).
std::string install_crash_handler(const std::string& dir);

// Gives the calling thread a 1 MiB alternate signal stack (freed when the thread exits), so a
// stack overflow on it still produces a report. Call first thing in every thread you start.
void install_alt_stack_for_this_thread();

std::string crash_report_path();  // "" before install_crash_handler()

}  // namespace imgui_guard
