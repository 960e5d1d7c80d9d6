// console_log.cpp: a bounded deque of lines.
#include "app/workbench/console_log.h"

namespace imhost {

void ConsoleLog::add(std::string line) {
    lines_.push_back(std::move(line));
    while (lines_.size() > kMaxLines) lines_.pop_front();
}

void ConsoleLog::add_text(const std::string& prefix, const std::string& text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            if (start < text.size()) add(prefix + text.substr(start));
            break;
        }
        add(prefix + text.substr(start, end - start));
        start = end + 1;
    }
}

void ConsoleLog::clear() { lines_.clear(); }

std::vector<std::string> ConsoleLog::tail(std::size_t n) const {
    const std::size_t first = lines_.size() > n ? lines_.size() - n : 0;
    return {lines_.begin() + static_cast<std::ptrdiff_t>(first), lines_.end()};
}

std::string ConsoleLog::joined(const std::string& filter) const {
    std::string text;
    for (const std::string& line : lines_) {
        if (!filter.empty() && line.find(filter) == std::string::npos) continue;
        text += line;
        text += '\n';
    }
    return text;
}

}  // namespace imhost
