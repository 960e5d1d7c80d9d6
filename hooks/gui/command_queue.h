// command_queue.h: how other threads get work done on the GUI thread.
//
// Any thread push()es a command; the GUI thread runs every pending command at the top of its
// next frame, in FIFO order (Tracy's RunQueue idea). push() wakes the frame loop through the
// waker, so an idle event-driven loop picks the command up at once.
//
// When the frame loop dies the GUI thread close()s the queue with the reason: later pushes fail
// at once with that reason, and commands still pending are destroyed unrun, so whoever waits on
// them (through a promise they own) is released immediately instead of hanging.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace hooks {

class CommandQueue {
  public:
    using Command = std::function<void(std::uint64_t frame)>;  // runs on the GUI thread

    void set_waker(std::function<void()> waker);  // e.g. glfwPostEmptyEvent; before any push

    // Any thread. Returns the close reason if the queue is closed (the command is dropped).
    std::optional<std::string> push(Command command);

    std::size_t run_pending(std::uint64_t frame);  // GUI thread; returns how many ran
    void close(std::string reason);                // GUI thread; drops what is pending
    std::size_t size() const;

  private:
    mutable std::mutex mutex_;
    std::deque<Command> pending_;
    std::optional<std::string> closed_;
    std::function<void()> waker_;
};

}  // namespace hooks
