// panels.h: the workbench's panels, one file each. Each draws one ImGui window named as below
// (the names the default layout, assets/layout.ini, places). GUI thread, inside a frame; the
// Workbench calls each through imgui_guard::guarded(name, ...).
#pragma once

namespace imhost {

class Workbench;

void draw_projects_panel(Workbench& wb);    // "Projects"
void draw_discussion_panel(Workbench& wb);  // "Discussion"
void draw_context_panel(Workbench& wb);     // "Context"
void draw_settings_panel(Workbench& wb);    // "Settings"
void draw_tools_panel(Workbench& wb);       // "Tools"
void draw_console_panel(Workbench& wb);     // "Console"
void draw_health_panel(Workbench& wb);      // "Health"

}  // namespace imhost
