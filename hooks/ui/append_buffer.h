// append_buffer.h: a growing array for the item hooks' hot path (item_capture.h). Appending is a
// compare and an increment: no size worked out from pointers, no element value-initialised, and
// the growth out of line, so that the code around it needs no call. clear() keeps the room, so a
// frame like the last allocates nothing.
//
// An appended element keeps what an earlier frame left in it: the caller writes all of it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace hooks {

template <class T>
class AppendBuffer {
  public:
    AppendBuffer() = default;
    // Moved, never copied: a copy of data_ would point into the other buffer's storage.
    AppendBuffer(AppendBuffer&& other) noexcept { swap(other); }
    AppendBuffer& operator=(AppendBuffer&& other) noexcept {
        swap(other);
        return *this;
    }
    AppendBuffer(const AppendBuffer&) = delete;
    AppendBuffer& operator=(const AppendBuffer&) = delete;

    std::uint32_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    bool full() const { return size_ == capacity_; }
    std::uint32_t room() const { return capacity_ - size_; }  // appends before it grows
    void clear() { size_ = 0; }
    void swap(AppendBuffer& other) noexcept {
        storage_.swap(other.storage_);
        std::swap(data_, other.data_);
        std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
    }

    T& operator[](std::uint32_t i) { return data_[i]; }
    const T& operator[](std::uint32_t i) const { return data_[i]; }
    T& back() { return data_[size_ - 1]; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }

    // Room for one more, at the end.
    T& append() {
        if (full()) [[unlikely]]
            grow();
        return data_[size_++];
    }
    T& append_unchecked() { return data_[size_++]; }  // once !full() said there is room

  private:
    [[gnu::cold, gnu::noinline]] void grow() {
        storage_.resize(std::max<std::size_t>(256, std::size_t{2} * capacity_));
        data_ = storage_.data();
        capacity_ = static_cast<std::uint32_t>(storage_.size());
    }

    // All of storage_ is constructed, [0, size_) in use. data_ and capacity_ are storage_'s,
    // kept beside it so that the hot path reads two fields, not three pointers and a division.
    std::vector<T> storage_;
    T* data_ = nullptr;
    std::uint32_t size_ = 0, capacity_ = 0;
};

}  // namespace hooks
