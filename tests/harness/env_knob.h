// env_knob.h: a count a live test reads from the environment, so CI (or a person chasing a
// flaky run) can turn a soak up or down without a rebuild: IMHOST_KILL_TRIES=500 ctest ...
#pragma once

#include <algorithm>
#include <cstdlib>

namespace harness {

// The positive integer in environment variable `name`, or `fallback` when it is unset or empty.
inline int env_int(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::max(1, std::atoi(v)) : fallback;
}

}  // namespace harness
