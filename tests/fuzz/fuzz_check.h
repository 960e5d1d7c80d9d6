// fuzz_check.h: the invariant check of the fuzz targets.
//
// FUZZ_CHECK(cond, what) aborts with a message when an invariant of the code under test fails.
// libFuzzer treats the abort as a crash and saves the input; the replay runner (replay_main.cpp)
// fails its CTest test. It works with NDEBUG too, unlike assert().
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what)                                                                    \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            std::fprintf(stderr, "%s:%d: invariant failed: %s (%s)\n", __FILE__, __LINE__, #cond, \
                         what);                                                                   \
            std::abort();                                                                         \
        }                                                                                         \
    } while (0)
