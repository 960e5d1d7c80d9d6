# consumer_case.cmake: configures tests/install/consumer (a project with its own Dear ImGui that
# add_subdirectory()s imhost) for one CASE, in a fresh BINARY_DIR.
#   EXPECT set     passes only if the configure step fails with output matching EXPECT (a
#                  regular expression): a configuration mistake must stop the build, saying why
#   EXPECT empty   the configure step must succeed; then consumer_check is built and must run
#                  and exit 0
#   cmake -DCASE=<case> [-DEXPECT=<regex>] -DBINARY_DIR=<dir> -DIMHOST_SOURCE_DIR=<dir>
#         -DCONSUMER_IMGUI_DIR=<dir> [-DBUILD_TYPE=<type>] -P consumer_case.cmake
file(REMOVE_RECURSE "${BINARY_DIR}")
set(_configure "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}/consumer" -B "${BINARY_DIR}"
    "-DCASE=${CASE}" "-DIMHOST_SOURCE_DIR=${IMHOST_SOURCE_DIR}"
    "-DCONSUMER_IMGUI_DIR=${CONSUMER_IMGUI_DIR}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
find_program(_ccache ccache)
if(_ccache)
  # Paths relative to the source tree, so every build directory (release, asan, tsan) shares
  # the cache entries of this build, whose flags are the same in all of them.
  if(NOT DEFINED ENV{CCACHE_BASEDIR})
    set(ENV{CCACHE_BASEDIR} "${IMHOST_SOURCE_DIR}")
  endif()
  list(APPEND _configure "-DCMAKE_CXX_COMPILER_LAUNCHER=${_ccache}"
                         "-DCMAKE_C_COMPILER_LAUNCHER=${_ccache}")
endif()
execute_process(COMMAND ${_configure} RESULT_VARIABLE _result OUTPUT_VARIABLE _out
                ERROR_VARIABLE _err)
string(REGEX REPLACE "[ \n]+" " " _text "${_out}${_err}")  # CMake wraps and pads messages

if(EXPECT)
  if(_result EQUAL 0)
    message(FATAL_ERROR "CASE ${CASE}: the configure step succeeded; expected an error matching "
                        "'${EXPECT}'. Output:\n${_out}${_err}")
  endif()
  if(NOT _text MATCHES "${EXPECT}")
    message(FATAL_ERROR "CASE ${CASE}: the configure step failed, but not with '${EXPECT}'. "
                        "Output:\n${_out}${_err}")
  endif()
  string(REGEX MATCH "CMake Error[^\n]*\n[^\n]*\n[^\n]*\n[^\n]*\n[^\n]*" _error "${_err}")
  message(STATUS "CASE ${CASE}: the configure step failed as expected:\n${_error}")
  file(REMOVE_RECURSE "${BINARY_DIR}")
  return()
endif()

if(NOT _result EQUAL 0)
  message(FATAL_ERROR "CASE ${CASE}: the configure step failed:\n${_out}${_err}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}" --target consumer_check -j2
                RESULT_VARIABLE _result OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "CASE ${CASE}: the build failed:\n${_out}${_err}")
endif()
execute_process(COMMAND "${BINARY_DIR}/consumer_check" RESULT_VARIABLE _result
                OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 60)
message(STATUS "CASE ${CASE}: consumer_check:\n${_out}${_err}")
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "CASE ${CASE}: consumer_check exited with '${_result}'")
endif()
