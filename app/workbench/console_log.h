// console_log.h: the Console panel's lines (tool output and the app log), bounded. GUI thread.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace imhost {

class ConsoleLog {
  public:
    static constexpr std::size_t kMaxLines = 20000;  // older lines are dropped

    void add(std::string line);                                         // one line, no '\n'
    void add_text(const std::string& prefix, const std::string& text);  // splits on '\n'
    void clear();

    std::size_t size() const { return lines_.size(); }
    const std::string& line(std::size_t i) const { return lines_[i]; }
    std::vector<std::string> tail(std::size_t n) const;
    std::string joined(const std::string& filter) const;  // for "Copy", filtered like the view

  private:
    std::deque<std::string> lines_;
};

}  // namespace imhost
