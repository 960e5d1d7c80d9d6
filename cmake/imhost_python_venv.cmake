# The Python client installed as a user installs it: a venv (build/<dir>/python-venv, made with
# Debian's python3, seeing its python3-pytest) with `pip install --no-build-isolation` of
# hooks/clients/python, offline. The repo's pytest suites and the bench run its python, so they
# import imhost_client and load its pytest plugin (entry point) from the installed package.
#
#   IMHOST_VENV_PYTHON   the venv's python ("" when Debian's python3 or its venv module is missing)
#   imhost_python_venv   the target that (re)installs the client when one of its files changes
#
# The venv has no pip of its own (--without-pip, 0.1 s instead of 4 s): Debian's python3-pip,
# seen through --system-site-packages, installs into it. The client is copied to a staging folder
# first, because setuptools builds in the source folder (build/, *.egg-info) and keeps stale files
# there between builds.
find_program(IMHOST_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)  # Debian's, for pytest
set(IMHOST_VENV_PYTHON "")
set(_client "${PROJECT_SOURCE_DIR}/hooks/clients/python")
if(NOT IMHOST_SYSTEM_PYTHON)
  message(WARNING "/usr/bin/python3 not found: no Python client venv, so no pytest suites (apt install python3)")
  return()
endif()
execute_process(COMMAND "${IMHOST_SYSTEM_PYTHON}" -c
    "import importlib.util as u, sys; sys.exit(not all(u.find_spec(m) for m in ('venv', 'pip', 'setuptools', 'wheel')))"
  RESULT_VARIABLE _missing OUTPUT_QUIET ERROR_QUIET)
if(_missing)
  message(WARNING "Debian's python3 lacks venv, pip, setuptools or wheel: no Python client venv, so no pytest suites (apt install python3-venv python3-pip python3-setuptools python3-wheel)")
  return()
endif()

set(_venv "${PROJECT_BINARY_DIR}/python-venv")
set(_stage "${PROJECT_BINARY_DIR}/python-client-src")
set(IMHOST_VENV_PYTHON "${_venv}/bin/python")
file(GLOB _package_files CONFIGURE_DEPENDS "${_client}/imhost_client/*.py")
list(APPEND _package_files "${_client}/imhost_client/py.typed")
set(_project_files "${_client}/pyproject.toml" "${_client}/README.md")
add_custom_command(OUTPUT "${_venv}/imhost_client.stamp"
  COMMAND "${IMHOST_SYSTEM_PYTHON}" -m venv --system-site-packages --without-pip "${_venv}"
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${_stage}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${_stage}/imhost_client"
  COMMAND "${CMAKE_COMMAND}" -E copy ${_project_files} "${_stage}"
  COMMAND "${CMAKE_COMMAND}" -E copy ${_package_files} "${_stage}/imhost_client"
  COMMAND "${CMAKE_COMMAND}" -E env PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
          "${IMHOST_VENV_PYTHON}" -m pip install -q --no-build-isolation --no-index --no-deps
          --force-reinstall "${_stage}"
  COMMAND "${CMAKE_COMMAND}" -E touch "${_venv}/imhost_client.stamp"
  DEPENDS ${_package_files} ${_project_files}
  COMMENT "Installing imhost_client into ${_venv}"
  VERBATIM)
add_custom_target(imhost_python_venv ALL DEPENDS "${_venv}/imhost_client.stamp")
