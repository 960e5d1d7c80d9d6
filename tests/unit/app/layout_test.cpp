// layout_test.cpp: assets/layout.ini places every panel in a 1280x800 window, none overlapping.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace {

struct Rect {
    int x = -1, y = -1, w = 0, h = 0;
};

std::map<std::string, Rect> read_layout(const std::string& path) {
    std::ifstream in(path);
    std::map<std::string, Rect> windows;
    std::string line, current;
    while (std::getline(in, line)) {
        if (line.rfind("[Window][", 0) == 0) {
            current = line.substr(9, line.size() - 10);
            windows[current];
        } else if (!current.empty() && line.rfind("Pos=", 0) == 0) {
            std::sscanf(line.c_str(), "Pos=%d,%d", &windows[current].x, &windows[current].y);
        } else if (!current.empty() && line.rfind("Size=", 0) == 0) {
            std::sscanf(line.c_str(), "Size=%d,%d", &windows[current].w, &windows[current].h);
        }
    }
    return windows;
}

TEST(DefaultLayout, EveryPanelPlacedInsideTheWindowWithoutOverlap) {
    const auto layout = read_layout(IMHOST_ASSETS_DIR "/layout.ini");
    for (const char* panel :
         {"Projects", "Discussion", "Context", "Settings", "Tools", "Console", "Health"}) {
        ASSERT_TRUE(layout.count(panel)) << panel << " is not in the layout";
        const Rect r = layout.at(panel);
        EXPECT_GE(r.x, 0) << panel;
        EXPECT_GE(r.y, 0) << panel;
        EXPECT_GE(r.w, 200) << panel;
        EXPECT_GE(r.h, 120) << panel;
        EXPECT_LE(r.x + r.w, 1280) << panel;
        EXPECT_LE(r.y + r.h, 800) << panel;
    }
    for (auto a = layout.begin(); a != layout.end(); ++a)
        for (auto b = std::next(a); b != layout.end(); ++b) {
            const Rect& p = a->second;
            const Rect& q = b->second;
            const bool overlap =
                p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
            EXPECT_FALSE(overlap) << a->first << " overlaps " << b->first;
        }
}

}  // namespace
