// record_store.h: the bounded, merged history of records and the published snapshot
// (internal to imgui_guard; guard.h's snapshot()/records_since()/clear_errors() read it).
//
// Writers (any thread) hold the lock for a few microseconds: records arrive already symbolized.
// Readers get a published GuardSnapshot (a shared_ptr swap), so health never waits on a frame.
#pragma once

#include <deque>
#include <memory>
#include <mutex>

#include "imgui_guard/guard.h"

namespace imgui_guard::detail {

class RecordStore {
  public:
    static RecordStore& instance();

    // Adds `record`, or merges it into an identical earlier one (same kind, message, expr,
    // place, panel and window): that one's count grows and it takes the new seq, frame, time
    // and stack. Returns the seq.
    std::uint64_t add(Record record);
    void count_recovery();
    void set_quarantined(std::vector<std::string> panels);

    std::shared_ptr<const GuardSnapshot> snapshot() const;
    std::vector<Record> since(std::uint64_t seq) const;
    void clear();
    std::size_t history_size() const;

  private:
    void publish_locked();

    mutable std::mutex mutex_;
    std::deque<Record> history_;  // ordered by seq, at most kHistorySize
    GuardSnapshot state_;         // totals, last_*, quarantined (what gets published)
    std::uint64_t next_seq_ = 1;

    mutable std::mutex published_mutex_;  // guards only the pointer swap
    std::shared_ptr<const GuardSnapshot> published_ = std::make_shared<const GuardSnapshot>();
};

}  // namespace imgui_guard::detail
