# imhost_consumer_imgui.cmake: imhost inside a project that has its own copy of Dear ImGui.
#
#   add_library(imgui STATIC imgui/imgui.cpp imgui/imgui_draw.cpp imgui/imgui_tables.cpp
#                            imgui/imgui_widgets.cpp imgui/imgui_demo.cpp)   # yours, >= 1.92
#   target_include_directories(imgui PUBLIC imgui)
#   set(IMHOST_IMGUI_TARGET imgui)           # before add_subdirectory
#   add_subdirectory(imhost)
#   target_link_libraries(my_app PRIVATE imgui hooks hooks_glfw_opengl3)
#
# imhost_adopt_imgui(<target>) compiles <target> with the guard's IMGUI_USER_CONFIG and
# IMGUI_ENABLE_TEST_ENGINE, links it with imgui_guard (each calls the other), and makes it the
# `imgui` that imgui_guard and hooks are built against. It refuses at configure time what would
# build an ImGui without the guard, with a message saying what to change:
#   - a target this project does not compile: IMPORTED (prebuilt), or not a STATIC library
#   - an IMGUI_USER_CONFIG or IM_ASSERT of its own (definitions, options, flags, imconfig.h)
#   - a Dear ImGui older than 1.92, read from IMGUI_VERSION_NUM in its imgui.h
# The checks run again at the end of the configure step, so what the project sets after
# add_subdirectory(imhost) is seen too; imgui_guard/imgui_config_check.cpp, compiled into the
# target, then checks at build time what the compiler sees.

# The guard's definitions, and the oldest Dear ImGui it works with. (Macros, not variables: the
# second check runs deferred, in the top directory's scope, where this file's variables are not.)
# The guard's recovery (ErrorRecoveryTryToRecoverState and the per-panel stack sizes) and the
# item hooks are written against Dear ImGui 1.92 (texture-based backends, the ImGuiItemStatusFlags
# the registry reads); older versions do not compile or misbehave.
macro(_imhost_guard_constants)
  set(IMHOST_IMGUI_MIN_VERSION_NUM 19200)
  set(IMHOST_IMGUI_MIN_VERSION "1.92")
  set(IMHOST_GUARD_USER_CONFIG [[IMGUI_USER_CONFIG="imgui_guard/imgui_guard_config.h"]])
endmacro()

# imhost_adopt_imgui(target): see above.
function(imhost_adopt_imgui target)
  _imhost_guard_constants()
  _imhost_check_imgui("${target}")
  if(TARGET imgui AND NOT target STREQUAL "imgui")
    get_target_property(_aliased imgui ALIASED_TARGET)
    if(NOT _aliased STREQUAL target)
      message(FATAL_ERROR "imhost: IMHOST_IMGUI_TARGET is '${target}', but this project also "
        "has another target named 'imgui', the name imhost's libraries link. Pass that one as "
        "IMHOST_IMGUI_TARGET, or rename one of them.")
    endif()
  endif()
  get_target_property(_real "${target}" ALIASED_TARGET)
  if(NOT _real)
    set(_real "${target}")
  endif()
  target_compile_definitions(${_real} PUBLIC ${IMHOST_GUARD_USER_CONFIG} IMGUI_ENABLE_TEST_ENGINE)
  target_compile_features(${_real} PUBLIC cxx_std_17)  # the user config header is C++17
  target_include_directories(${_real} PUBLIC "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>")
  target_sources(${_real} PRIVATE "${PROJECT_SOURCE_DIR}/imgui_guard/imgui_config_check.cpp")
  target_link_libraries(${_real} PUBLIC imgui_guard)  # a static-library cycle CMake resolves
  if(NOT target STREQUAL "imgui" AND NOT TARGET imgui)
    add_library(imgui ALIAS ${_real})
  endif()
  # Again once the whole project is configured: definitions added after add_subdirectory().
  # (DEFER evaluates its arguments when the call runs: EVAL puts the name in now.)
  cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${CMAKE_SOURCE_DIR}]]
                                           CALL _imhost_check_imgui [[${target}]])")
  message(STATUS "imhost: guarding Dear ImGui ${IMHOST_ADOPTED_IMGUI_VERSION} of target ${target}")
endfunction()

# FATAL_ERROR unless `target` is a Dear ImGui >= 1.92 that this project compiles and that would
# use the guard's user config.
function(_imhost_check_imgui target)
  _imhost_guard_constants()
  set(_what "imhost: IMHOST_IMGUI_TARGET is '${target}'")
  string(CONCAT _fix_config "Remove it: imhost compiles '${target}' with "
    "IMGUI_USER_CONFIG=\"imgui_guard/imgui_guard_config.h\" and IMGUI_ENABLE_TEST_ENGINE "
    "itself. Settings of your own can stay in imconfig.h, except IM_ASSERT.")
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "${_what}, which is not a target. Define your Dear ImGui library "
      "(add_library(${target} STATIC imgui.cpp ...)) before add_subdirectory(imhost).")
  endif()
  get_target_property(_real "${target}" ALIASED_TARGET)
  if(NOT _real)
    set(_real "${target}")
  endif()
  get_target_property(_imported ${_real} IMPORTED)
  get_target_property(_type ${_real} TYPE)
  if(_imported)
    message(FATAL_ERROR "${_what}, an IMPORTED (prebuilt) library: it was compiled without "
      "imgui_guard's IMGUI_USER_CONFIG, so its failed IM_ASSERTs would abort instead of being "
      "recorded. Give imhost a STATIC library that compiles Dear ImGui's sources in your project "
      "(add_library(imgui STATIC imgui.cpp imgui_draw.cpp imgui_tables.cpp imgui_widgets.cpp)).")
  endif()
  if(NOT _type STREQUAL "STATIC_LIBRARY")
    message(FATAL_ERROR "${_what}, a ${_type}; imhost needs a STATIC library of Dear ImGui's "
      "sources: it compiles it with imgui_guard's IMGUI_USER_CONFIG, and the guard, which ImGui "
      "calls and which calls ImGui, must exist once in the process.")
  endif()

  # --- mistake 1: an IMGUI_USER_CONFIG or an IM_ASSERT that is not the guard's ----------------
  get_target_property(_src_dir ${_real} SOURCE_DIR)
  set(_places)  # "<label>|<entry>" for every definition-like entry that applies to the target
  macro(_imhost_collect label)
    foreach(_entry ${ARGN})
      list(APPEND _places "${label}|${_entry}")
    endforeach()
  endmacro()
  foreach(_prop COMPILE_DEFINITIONS INTERFACE_COMPILE_DEFINITIONS COMPILE_OPTIONS
                INTERFACE_COMPILE_OPTIONS)
    get_target_property(_values ${_real} ${_prop})
    if(_values)
      _imhost_collect("${_prop} of ${target}" ${_values})
    endif()
  endforeach()
  foreach(_prop COMPILE_DEFINITIONS COMPILE_OPTIONS)
    get_directory_property(_values DIRECTORY "${_src_dir}" ${_prop})
    if(_values)
      _imhost_collect("${_prop} of the directory ${_src_dir}" ${_values})
    endif()
  endforeach()
  get_target_property(_sources ${_real} SOURCES)
  foreach(_source IN LISTS _sources)
    get_source_file_property(_values "${_source}" TARGET_DIRECTORY ${_real} COMPILE_DEFINITIONS)
    if(_values)
      _imhost_collect("COMPILE_DEFINITIONS of ${_source}" ${_values})
    endif()
  endforeach()
  string(TOUPPER "${CMAKE_BUILD_TYPE}" _config)
  foreach(_var CMAKE_CXX_FLAGS CMAKE_CXX_FLAGS_${_config})
    if(${_var})
      separate_arguments(_flags UNIX_COMMAND "${${_var}}")
      _imhost_collect("${_var}" ${_flags})
    endif()
  endforeach()
  # Usage requirements of what the target links (an interface target holding definitions).
  get_target_property(_links ${_real} LINK_LIBRARIES)
  set(_seen)
  while(_links)
    list(POP_FRONT _links _link)
    if(NOT TARGET "${_link}" OR _link IN_LIST _seen)
      continue()
    endif()
    list(APPEND _seen "${_link}")
    get_target_property(_link_real "${_link}" ALIASED_TARGET)
    if(NOT _link_real)
      set(_link_real "${_link}")
    endif()
    if(_link_real STREQUAL "imgui_guard" OR _link_real STREQUAL _real)
      continue()
    endif()
    foreach(_prop INTERFACE_COMPILE_DEFINITIONS INTERFACE_COMPILE_OPTIONS)
      get_target_property(_values ${_link_real} ${_prop})
      if(_values)
        _imhost_collect("${_prop} of ${_link}, which ${target} links" ${_values})
      endif()
    endforeach()
    get_target_property(_more ${_link_real} INTERFACE_LINK_LIBRARIES)
    if(_more)
      list(APPEND _links ${_more})
    endif()
  endwhile()
  foreach(_place IN LISTS _places)
    string(FIND "${_place}" "|" _bar)
    string(SUBSTRING "${_place}" 0 ${_bar} _label)
    math(EXPR _bar "${_bar} + 1")
    string(SUBSTRING "${_place}" ${_bar} -1 _entry)
    string(REGEX REPLACE "^-D" "" _definition "${_entry}")
    if(_definition STREQUAL IMHOST_GUARD_USER_CONFIG)
      continue()
    endif()
    if(_definition MATCHES "(^|[^A-Za-z0-9_])IMGUI_USER_CONFIG([^A-Za-z0-9_]|$)")
      message(FATAL_ERROR "${_what}, which is compiled with its own ${_definition} (in ${_label})."
        " Dear ImGui reads one user config, and it must be imgui_guard's, or a failed IM_ASSERT "
        "would abort instead of being recorded. ${_fix_config}")
    endif()
    if(_definition MATCHES "(^|[^A-Za-z0-9_])IM_ASSERT([^A-Za-z0-9_]|$)")
      message(FATAL_ERROR "${_what}, which is compiled with its own IM_ASSERT (${_definition}, in "
        "${_label}). imgui_guard's IM_ASSERT records a failed assertion instead of aborting, "
        "and a second definition would replace it. ${_fix_config}")
    endif()
  endforeach()

  # --- find its imgui.h: next to its imgui.cpp, else in its include directories ---------------
  set(_dirs)
  foreach(_source IN LISTS _sources)
    if(_source MATCHES "(^|/)imgui\\.cpp$")
      get_filename_component(_dir "${_source}" DIRECTORY)
      get_filename_component(_dir "${_dir}" ABSOLUTE BASE_DIR "${_src_dir}")
      list(APPEND _dirs "${_dir}")
    endif()
  endforeach()
  foreach(_prop INCLUDE_DIRECTORIES INTERFACE_INCLUDE_DIRECTORIES)
    get_target_property(_values ${_real} ${_prop})
    foreach(_dir IN LISTS _values)
      string(REGEX REPLACE "^\\$<BUILD_INTERFACE:(.*)>$" "\\1" _dir "${_dir}")
      if(NOT _dir MATCHES "\\$<")
        get_filename_component(_dir "${_dir}" ABSOLUTE BASE_DIR "${_src_dir}")
        list(APPEND _dirs "${_dir}")
      endif()
    endforeach()
  endforeach()
  set(_header)
  foreach(_dir IN LISTS _dirs)
    if(EXISTS "${_dir}/imgui.h")
      set(_header "${_dir}/imgui.h")
      break()
    endif()
  endforeach()
  if(NOT _header)
    list(REMOVE_DUPLICATES _dirs)
    message(FATAL_ERROR "${_what}, but imhost finds no imgui.h for it (looked next to its "
      "imgui.cpp and in its include directories: ${_dirs}). Add imgui.cpp to its sources and "
      "Dear ImGui's folder to its include directories.")
  endif()

  # --- its imconfig.h must not define IM_ASSERT: it is read after the user config --------------
  get_filename_component(_imgui_dir "${_header}" DIRECTORY)
  if(EXISTS "${_imgui_dir}/imconfig.h")
    file(STRINGS "${_imgui_dir}/imconfig.h" _defines REGEX "^[ \t]*#[ \t]*define[ \t]+IM_ASSERT[ \t(]")
    if(_defines)
      list(GET _defines 0 _define)
      string(STRIP "${_define}" _define)
      message(FATAL_ERROR "${_what}, whose ${_imgui_dir}/imconfig.h defines IM_ASSERT "
        "(\"${_define}\"). Dear ImGui reads imconfig.h after imgui_guard's user config, so this "
        "IM_ASSERT would replace the guard's, and a failed assertion would abort instead of "
        "being recorded. Remove that line (or comment it out); imhost sets IM_ASSERT through "
        "IMGUI_USER_CONFIG=\"imgui_guard/imgui_guard_config.h\".")
    endif()
  endif()

  # --- mistake 2: a Dear ImGui older than 1.92 -------------------------------------------------
  file(STRINGS "${_header}" _num REGEX "^#define[ \t]+IMGUI_VERSION_NUM[ \t]+[0-9]+")
  file(STRINGS "${_header}" _version REGEX "^#define[ \t]+IMGUI_VERSION[ \t]+\"")
  string(REGEX MATCH "[0-9]+$" _num "${_num}")
  string(REGEX MATCH "\"[^\"]*\"" _version "${_version}")
  string(REPLACE "\"" "" _version "${_version}")
  if(NOT _num)
    message(FATAL_ERROR "${_what}, but ${_header} has no '#define IMGUI_VERSION_NUM': is it "
      "Dear ImGui's imgui.h? imhost needs Dear ImGui ${IMHOST_IMGUI_MIN_VERSION} or newer.")
  endif()
  if(_num LESS IMHOST_IMGUI_MIN_VERSION_NUM)
    message(FATAL_ERROR "${_what}, whose Dear ImGui is ${_version} (IMGUI_VERSION_NUM ${_num} in "
      "${_header}); imhost needs ${IMHOST_IMGUI_MIN_VERSION} or newer (IMGUI_VERSION_NUM >= "
      "${IMHOST_IMGUI_MIN_VERSION_NUM}). Update your copy of Dear ImGui, or leave "
      "IMHOST_IMGUI_TARGET unset to build imhost's own.")
  endif()
  set(IMHOST_ADOPTED_IMGUI_VERSION "${_version}" PARENT_SCOPE)
endfunction()
