// locator_choice.cpp: the most stable unique locator for a recorded step.
#include "hooks/record/locator_choice.h"

#include "hooks/ui/item_ref.h"
#include "hooks/ui/locator.h"

namespace hooks {

namespace {

std::size_t matches(const nlohmann::json& target, const UiSnapshot& snapshot) {
    return find_items(parse_locator(target), snapshot).size();
}

}  // namespace

LocatorChoice choose_locator(const ItemRecord& item, const UiSnapshot& snapshot) {
    std::vector<nlohmann::json> forms;
    if (!item.id.empty()) forms.push_back({{"id", item.id}});
    if (!item.ref.empty()) forms.push_back({{"ref", item.ref}});
    if (!item.label.empty()) forms.push_back({{"label", item.label}, {"window", item.window}});
    if (!item.path.empty()) forms.push_back({{"path", item.path}});
    LocatorChoice choice;
    for (const nlohmann::json& form : forms) {
        const std::size_t n = matches(form, snapshot);
        if (n == 1) {
            choice.target = form;
            return choice;
        }
        if (n > 1 && choice.why.empty())
            choice.why =
                parse_locator(form).describe() + " matches " + std::to_string(n) + " items";
    }
    choice.target = {{"imgui_id", format_imgui_id(item.imgui_id)}};
    return choice;
}

std::string ref_from_drawn_label(const ItemRecord& item, const UiSnapshot& snapshot,
                                 const std::vector<std::string>& drawn_texts) {
    // The scopes the item may be in: its window's, and those its siblings' refs name.
    std::vector<std::string> scopes{escape_ref_segment(item.window)};
    for (const ItemRecord& other : snapshot.items) {
        if (other.window != item.window || other.ref.empty()) continue;
        const std::size_t cut = other.ref.rfind('/');
        if (cut == std::string::npos || cut == 0 || other.ref[cut - 1] == '\\') continue;
        std::string scope = other.ref.substr(0, cut);
        bool known = false;
        for (const std::string& s : scopes) known = known || s == scope;
        if (!known) scopes.push_back(std::move(scope));
    }
    // A run may hold more than the label ("combo (?)": a help marker drawn after it), so each
    // run's leading words are tried, the longest first.
    for (const std::string& text : drawn_texts) {
        for (std::size_t end = text.size(); end > 0 && end != std::string::npos;
             end = text.rfind(' ', end - 1)) {
            const std::string label = text.substr(0, end);
            for (const std::string& scope : scopes) {
                std::string ref = scope + "/" + escape_ref_segment(label);
                if (ref_id(split_ref(ref)) == item.imgui_id) return ref;
            }
            if (end == 0) break;
        }
    }
    return "";
}

}  // namespace hooks
