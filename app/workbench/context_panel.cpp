// context_panel.cpp: files attached to the project, each with size, mtime and a preview read on
// the IO pool. A file that cannot be read shows its error in its row.
#include "app/workbench/panels.h"
#include "app/workbench/workbench.h"
#include "imgui.h"

namespace imhost {

void draw_context_panel(Workbench& wb) {
    PanelInputs& in = wb.inputs();
    if (ImGui::Begin("Context")) {
        ImGui::SetNextItemWidth(-50);
        ImGui::InputTextWithHint("##input_context_path", "path (relative to the project folder)",
                                 in.context_path, sizeof in.context_path);
        ImGui::SameLine();
        if (ImGui::Button("Add##btn_context_add")) {
            if (auto failed = wb.add_context(in.context_path); !failed.empty())
                wb.set_status(failed);
            else
                in.context_path[0] = 0;
        }
        std::optional<std::size_t> remove;
        const auto& files = wb.project().context;
        for (std::size_t i = 0; i < files.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            const ContextInfo* info = wb.context_info(files[i].path);
            if (ImGui::SmallButton("x")) remove = i;
            ImGui::SameLine();
            const bool open = ImGui::TreeNode("##context_file", "%s", files[i].path.c_str());
            ImGui::SameLine();
            if (!info || info->loading)
                ImGui::TextDisabled("reading...");
            else if (!info->error.empty())
                ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", info->error.c_str());
            else
                ImGui::TextDisabled("%ju bytes, %s", info->size.value_or(0), info->mtime.c_str());
            if (open) {
                if (info && !info->preview.empty()) ImGui::TextUnformatted(info->preview.c_str());
                ImGui::TreePop();
            }
            ImGui::PopID();
        }
        if (remove) wb.remove_context(*remove);
    }
    ImGui::End();
}

}  // namespace imhost
