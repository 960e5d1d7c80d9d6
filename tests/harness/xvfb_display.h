// xvfb_display.h: a private X server for a test binary (Xvfb -displayfd picks a free display).
#pragma once

#include <sys/types.h>

#include <string>

namespace harness {

class XvfbDisplay {
  public:
    XvfbDisplay();   // starts Xvfb and waits for its display number; throws if it cannot
    ~XvfbDisplay();  // stops it
    XvfbDisplay(const XvfbDisplay&) = delete;
    XvfbDisplay& operator=(const XvfbDisplay&) = delete;

    const std::string& display() const { return display_; }  // ":N"
    pid_t pid() const { return pid_; }

    // The display tests should use: $DISPLAY if set, else a process-wide private Xvfb (one per
    // test binary, stopped at exit; its pid is printed as "[ XVFB     ] Xvfb pid N display :M").
    static std::string shared_display();

  private:
    pid_t pid_ = -1;
    std::string display_;
};

}  // namespace harness
