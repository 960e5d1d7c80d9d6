// live_summary.h: the one line a live test file prints at its end, also for `make test`.
//
//   live: crash_isolation_first: 4 passed, 2 failed, respawns 2 (GUI was respawned: ...)
//
// The fixture reports respawns here; install_live_summary() (called by imhost_live_main)
// prints the line when the test program ends, and writes it to $IMHOST_SUMMARY_DIR/<file>.txt
// when that is set, so `make test` can show every file's line above CTest's summary.
#pragma once

#include <string>
#include <vector>

namespace harness {

void note_respawn(const std::string& note);  // from the fixture, when it replaced a GUI
void install_live_summary(const std::string& file_name);

// The line itself (pure, unit-tested).
std::string live_summary_line(const std::string& file_name, int passed, int failed, int skipped,
                              bool suite_failure, const std::vector<std::string>& respawn_notes);

}  // namespace harness
