// imgui_config_check.cpp: compiled into every Dear ImGui library imhost uses (its own, or the one
// of a project that brings its own through IMHOST_IMGUI_TARGET), with that library's flags.
//
// The configure step already refuses an imgui target with its own IMGUI_USER_CONFIG or IM_ASSERT
// (cmake/imhost_consumer_imgui.cmake), but it reads only what CMake knows. This file checks what
// the compiler sees: if anything (an edited imconfig.h, a flag in CMAKE_CXX_FLAGS, a header
// included first) replaced the guard's IM_ASSERT, the build stops here instead of producing an
// ImGui whose failed assertions abort the process unrecorded.
#include "imgui.h"

#include <string_view>

#define IMGUI_GUARD_CHECK_STRINGIFY(...) #__VA_ARGS__
#define IMGUI_GUARD_CHECK_EXPANDED(...) IMGUI_GUARD_CHECK_STRINGIFY(__VA_ARGS__)

static_assert(std::string_view(IMGUI_GUARD_CHECK_EXPANDED(IM_ASSERT(true)))
                      .find("imgui_guard::detail::on_assert") != std::string_view::npos,
              "Dear ImGui's IM_ASSERT is not imgui_guard's: this imgui is compiled without "
              "IMGUI_USER_CONFIG=\"imgui_guard/imgui_guard_config.h\", or something redefines "
              "IM_ASSERT after it (imconfig.h?). Failed assertions would abort unrecorded.");

#ifndef IMGUI_ENABLE_TEST_ENGINE
#error "Dear ImGui is compiled without IMGUI_ENABLE_TEST_ENGINE: hooks/ would see no items"
#endif
