// guard_summary.h: imgui_guard's snapshot, as the health document shows it.
//
// The guard records failures (imgui_guard/guard.h); health reads them through this conversion
// on every GET /api/gui_health, so it must stay cheap and take no lock the frame loop holds
// (imgui_guard::snapshot() promises the same).
#pragma once

#include <memory>

#include "hooks/health.h"
#include "imgui_guard/guard.h"

namespace hooks {

GuardSummary summarize(const imgui_guard::GuardSnapshot& snapshot);  // pure
// summarize(imgui_guard's current snapshot), any thread. Converted once per change of the guard's
// records: the same pointer comes back until then, which health's cache compares.
std::shared_ptr<const GuardSummary> current_guard_summary();

}  // namespace hooks
