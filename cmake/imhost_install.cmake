# imhost_install.cmake: what `cmake --install <build> --prefix P` puts in P, and the CMake package
# that find_package(imhost CONFIG) then finds there (template: imhostConfig.cmake.in).
#
#   P/bin/imhost                     a symlink to the executable below
#   P/libexec/imhost/imhost          the executable, with assets/ next to it, where it looks
#                                    (through /proc/self/exe, so the symlink is fine)
#   P/lib/libimhost_*.a              the libraries
#   P/include/imhost/                hooks/, imgui_guard/, tests/harness/: the public headers and
#                                    what they include, at their source paths ("hooks/hook_engine.h");
#                                    imgui/ (Dear ImGui, imgui/backends/), glad/ and KHR/ (GL loader)
#   P/lib/cmake/imhost/              imhostConfig.cmake, imhostConfigVersion.cmake, the targets
#   P/share/imhost/python/           the Python client and its pytest plugin (PYTHONPATH)
#
# Imported targets, imhost::<name>:
#   imgui                Dear ImGui core (and imgui_demo.cpp), compiled with the guard's
#                        IMGUI_USER_CONFIG, IMGUI_ENABLE_TEST_ENGINE, IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#                        and IMGUI_DEFINE_MATH_OPERATORS, which its users get too
#   imgui_glfw_opengl3   the GLFW + OpenGL 3 backends; the OpenGL 3 one calls GL through glad, so
#                        call gladLoadGL(glfwGetProcAddress) before ImGui_ImplOpenGL3_Init()
#   glad                 that OpenGL 3.3 core loader (<glad/gl.h>)
#   imgui_guard          failed IM_ASSERTs recorded, guarded panels, crash reports
#   hooks                the hook server (hooks/hook_engine.h, hooks/route_api.h)
#   hooks_glfw_opengl3   its GLFW + OpenGL 3 adapters (hooks/glfw_opengl3/glfw_opengl3.h)
#   harness              component `harness`, needs GoogleTest: LiveGui, LiveGuiTest, Xvfb
#   imhost               the executable
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(IMHOST_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/imhost")
set(IMHOST_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/imhost")
set(IMHOST_INSTALL_APPDIR "${CMAKE_INSTALL_LIBEXECDIR}/imhost")

# --- names: imhost::<export name>, files libimhost_<...>.a (no clash with a system libimgui) ----
set(_imhost_libraries imgui imgui_backends glad imgui_guard hooks hooks_glfw_opengl3)
foreach(_target IN LISTS _imhost_libraries)
  set_target_properties(${_target} PROPERTIES OUTPUT_NAME imhost_${_target})
endforeach()
set_target_properties(imgui_backends PROPERTIES
  EXPORT_NAME imgui_glfw_opengl3 OUTPUT_NAME imhost_imgui_glfw_opengl3)

# --- include directories of the installed targets (the source tree's are BUILD_INTERFACE) ------
foreach(_target imgui imgui_guard glad hooks hooks_glfw_opengl3)
  target_include_directories(${_target} INTERFACE "$<INSTALL_INTERFACE:${IMHOST_INSTALL_INCLUDEDIR}>")
endforeach()
target_include_directories(imgui INTERFACE
  "$<INSTALL_INTERFACE:${IMHOST_INSTALL_INCLUDEDIR}/imgui>")
target_include_directories(imgui_backends INTERFACE
  "$<INSTALL_INTERFACE:${IMHOST_INSTALL_INCLUDEDIR}/imgui/backends>")

# --- libraries, the executable and its assets --------------------------------------------------
install(TARGETS ${_imhost_libraries} EXPORT imhostTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(TARGETS imhost EXPORT imhostTargets RUNTIME DESTINATION "${IMHOST_INSTALL_APPDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/assets/" DESTINATION "${IMHOST_INSTALL_APPDIR}/assets"
  PATTERN "*.py" EXCLUDE)  # as app/CMakeLists.txt copies them into the build tree
if(IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_LIBEXECDIR}")
  set(_imhost_exe_from_bin "${CMAKE_INSTALL_FULL_LIBEXECDIR}/imhost/imhost")
else()  # relative, so the prefix can move (cmake --install --prefix, DESTDIR)
  file(RELATIVE_PATH _imhost_exe_from_bin "/${CMAKE_INSTALL_BINDIR}"
       "/${IMHOST_INSTALL_APPDIR}/imhost")
endif()
install(CODE "
  set(_bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  file(MAKE_DIRECTORY \"\${_bin}\")
  file(CREATE_LINK \"${_imhost_exe_from_bin}\" \"\${_bin}/imhost\" SYMBOLIC)
  message(STATUS \"Installing: \${_bin}/imhost -> ${_imhost_exe_from_bin}\")")

# --- headers -----------------------------------------------------------------------------------
# The public headers and every header of ours they include (g++ -MM of the public ones), at
# their source paths. The install round trip (tests/install/) checks that each "hooks/...",
# "imgui_guard/..." and "tests/harness/..." include of an installed header is installed too.
set(IMHOST_PUBLIC_HEADERS
  hooks/hook_engine.h hooks/route_api.h hooks/glfw_opengl3/glfw_opengl3.h
  hooks/gui/command_queue.h hooks/gui/frame_loop_status.h hooks/gui/frame_pixels.h
  hooks/gui/gui_bridge.h hooks/gui/input_turns.h hooks/gui/published.h
  hooks/health/health_rules.h
  hooks/http/api_error.h hooks/http/http_types.h hooks/http/port_file.h hooks/http/route_args.h
  hooks/http/router.h hooks/http/server_options.h
  imgui_guard/guard.h imgui_guard/crash_handler.h imgui_guard/test_engine_hooks.h
  imgui_guard/imgui_guard_config.h)
set(IMHOST_HARNESS_HEADERS
  tests/harness/live_gui.h tests/harness/live_gui_test.h tests/harness/live_verdicts.h
  tests/harness/live_summary.h tests/harness/xvfb_display.h tests/harness/child_process.h
  tests/harness/hook_client.h tests/harness/eventually.h tests/harness/env_knob.h)
function(imhost_install_headers)
  foreach(_header ${ARGN})
    get_filename_component(_dir "${_header}" DIRECTORY)
    install(FILES "${PROJECT_SOURCE_DIR}/${_header}"
            DESTINATION "${IMHOST_INSTALL_INCLUDEDIR}/${_dir}")
  endforeach()
endfunction()
imhost_install_headers(${IMHOST_PUBLIC_HEADERS})
# Dear ImGui's own: what consumers of imhost::imgui and imhost::imgui_glfw_opengl3 compile with.
install(FILES
  "${IMHOST_IMGUI_DIR}/imgui.h" "${IMHOST_IMGUI_DIR}/imconfig.h"
  "${IMHOST_IMGUI_DIR}/imgui_internal.h" "${IMHOST_IMGUI_DIR}/imstb_rectpack.h"
  "${IMHOST_IMGUI_DIR}/imstb_textedit.h" "${IMHOST_IMGUI_DIR}/imstb_truetype.h"
  "${IMHOST_IMGUI_DIR}/LICENSE.txt"
  DESTINATION "${IMHOST_INSTALL_INCLUDEDIR}/imgui")
install(FILES
  "${IMHOST_IMGUI_DIR}/backends/imgui_impl_glfw.h"
  "${IMHOST_IMGUI_DIR}/backends/imgui_impl_opengl3.h"
  DESTINATION "${IMHOST_INSTALL_INCLUDEDIR}/imgui/backends")
install(DIRECTORY "${IMHOST_GLAD_INCLUDE_DIR}/" DESTINATION "${IMHOST_INSTALL_INCLUDEDIR}")

# --- the live-test harness: its own export set, since it needs GoogleTest ----------------------
if(TARGET imhost_harness)
  set_target_properties(imhost_harness PROPERTIES EXPORT_NAME harness)
  target_include_directories(imhost_harness INTERFACE
    "$<INSTALL_INTERFACE:${IMHOST_INSTALL_INCLUDEDIR}>")
  install(TARGETS imhost_harness EXPORT imhostHarnessTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
  install(EXPORT imhostHarnessTargets NAMESPACE imhost::
    DESTINATION "${IMHOST_INSTALL_CMAKEDIR}")
  imhost_install_headers(${IMHOST_HARNESS_HEADERS})
endif()

# --- the Python client (stdlib only) and its pytest plugin --------------------------------------
install(DIRECTORY "${PROJECT_SOURCE_DIR}/hooks/clients/python/imhost_client"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/imhost/python"
  PATTERN "__pycache__" EXCLUDE)
# With its project file: `pip install --no-build-isolation <prefix>/share/imhost/python` works too.
install(FILES "${PROJECT_SOURCE_DIR}/hooks/clients/python/pyproject.toml"
  "${PROJECT_SOURCE_DIR}/hooks/clients/python/README.md"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/imhost/python")

# --- the package -------------------------------------------------------------------------------
install(EXPORT imhostTargets NAMESPACE imhost:: DESTINATION "${IMHOST_INSTALL_CMAKEDIR}")
# The guard links GCC's libbacktrace.a; the package finds it again where it is installed (the
# compiler's own library folder), with this machine's folder as a hint.
get_filename_component(IMHOST_LIBBACKTRACE_DIR "${IMHOST_LIBBACKTRACE}" DIRECTORY)
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/imhostConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/imhostConfig.cmake"
  INSTALL_DESTINATION "${IMHOST_INSTALL_CMAKEDIR}" PATH_VARS CMAKE_INSTALL_DATADIR)
# 0.x: a minor version may change the API, so only the same minor version is compatible.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/imhostConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/imhostConfig.cmake"
              "${PROJECT_BINARY_DIR}/imhostConfigVersion.cmake"
  DESTINATION "${IMHOST_INSTALL_CMAKEDIR}")
