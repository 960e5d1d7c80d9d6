// workbench.h: the app's panels. Foundation version: one demo panel.
#pragma once

namespace imhost {

class Workbench {
public:
    void draw();  // GUI thread, inside a frame
    int clicks() const { return clicks_; }

private:
    int clicks_ = 0;
};

}  // namespace imhost
