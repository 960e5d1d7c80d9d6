// guard_summary.h: imgui_guard's snapshot, as the health document shows it.
//
// The guard records failures (imgui_guard/guard.h); health reads them through this conversion
// on every GET /api/gui_health, so it must stay cheap and take no lock the frame loop holds
// (imgui_guard::snapshot() promises the same).
#pragma once

#include "hooks/health.h"
#include "imgui_guard/guard.h"

namespace hooks {

GuardSummary summarize(const imgui_guard::GuardSnapshot& snapshot);  // pure
GuardSummary current_guard_summary();  // summarize(imgui_guard::snapshot()); any thread

}  // namespace hooks
