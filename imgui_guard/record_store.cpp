// record_store.cpp: merging, the bounded history, totals, and the published snapshot.
#include "imgui_guard/detail/record_store.h"

#include <algorithm>

namespace imgui_guard {

namespace detail {

namespace {

bool same_failure(const Record& a, const Record& b) {
    if (a.kind != b.kind || a.message != b.message || a.expr != b.expr || a.panel != b.panel ||
        a.window != b.window)
        return false;
    // A scope leak is known by what leaked where; its place improves once the Begin() is seen.
    if (a.kind == RecordKind::scope_leak) return true;
    return a.line == b.line && a.file == b.file && a.function == b.function;
}

// A repeat of a leak seen without its Begin() site keeps the site found earlier.
void keep_leak_site(Record& repeat, const Record& earlier) {
    if (repeat.leak_site || !earlier.leak_site) return;
    repeat.leak_site = earlier.leak_site;
    repeat.stack = earlier.stack;
    repeat.stacktrace = earlier.stacktrace;
    repeat.function = earlier.function;
    repeat.file = earlier.file;
    repeat.line = earlier.line;
}

bool is_assert_like(RecordKind kind) {
    return kind == RecordKind::assert_failure || kind == RecordKind::user_error ||
           kind == RecordKind::scope_leak || kind == RecordKind::id_conflict;
}

std::uint64_t& total_for(GuardSnapshot& s, RecordKind kind) {
    switch (kind) {
        case RecordKind::assert_failure:
            return s.asserts;
        case RecordKind::user_error:
            return s.user_errors;
        case RecordKind::scope_leak:
            return s.scope_leaks;
        case RecordKind::exception:
            return s.exceptions;
        case RecordKind::io_error:
            return s.io_errors;
        case RecordKind::crash:
            return s.crashes;
        case RecordKind::id_conflict:
            return s.id_conflicts;
    }
    return s.crashes;
}

}  // namespace

RecordStore& RecordStore::instance() {
    static RecordStore* store = new RecordStore();  // never destroyed: threads may still report
    return *store;
}

std::uint64_t RecordStore::add(Record record) {
    std::lock_guard lock(mutex_);
    record.seq = next_seq_++;
    ++total_for(state_, record.kind);
    ++state_.errors_since_clear;
    state_.last_seq = record.seq;

    auto same = std::find_if(history_.rbegin(), history_.rend(),
                             [&](const Record& r) { return same_failure(r, record); });
    if (same != history_.rend()) {
        record.count = same->count + 1;
        keep_leak_site(record, *same);
        history_.erase(std::next(same).base());
    }
    if (history_.size() >= kHistorySize) history_.pop_front();
    history_.push_back(std::move(record));
    const Record& stored = history_.back();
    (is_assert_like(stored.kind) ? state_.last_assert : state_.last_error) = stored;
    publish_locked();
    return stored.seq;
}

void RecordStore::count_recovery() {
    std::lock_guard lock(mutex_);
    ++state_.recoveries;
    publish_locked();
}

void RecordStore::set_quarantined(std::vector<std::string> panels) {
    std::lock_guard lock(mutex_);
    state_.quarantined_panels = std::move(panels);
    publish_locked();
}

std::shared_ptr<const GuardSnapshot> RecordStore::snapshot() const {
    std::lock_guard lock(published_mutex_);
    return published_;
}

std::vector<Record> RecordStore::since(std::uint64_t seq) const {
    std::lock_guard lock(mutex_);
    std::vector<Record> out;
    for (const Record& r : history_)
        if (r.seq > seq) out.push_back(r);
    return out;
}

void RecordStore::clear() {
    std::lock_guard lock(mutex_);
    history_.clear();
    state_.errors_since_clear = 0;
    state_.last_assert.reset();
    state_.last_error.reset();
    publish_locked();
}

std::size_t RecordStore::history_size() const {
    std::lock_guard lock(mutex_);
    return history_.size();
}

void RecordStore::publish_locked() {
    auto next = std::make_shared<const GuardSnapshot>(state_);
    std::lock_guard lock(published_mutex_);
    published_.swap(next);
}

}  // namespace detail

GuardSnapshot snapshot() { return *detail::RecordStore::instance().snapshot(); }
std::shared_ptr<const GuardSnapshot> shared_snapshot() {
    return detail::RecordStore::instance().snapshot();
}

std::vector<Record> records_since(std::uint64_t seq) {
    return detail::RecordStore::instance().since(seq);
}

void clear_errors() { detail::RecordStore::instance().clear(); }

}  // namespace imgui_guard
