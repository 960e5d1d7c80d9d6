#!/usr/bin/env bash
# install_round_trip.sh: imhost as a user gets it, from `cmake --install` to a driven app.
#
#   install_round_trip.sh BUILD_DIR SOURCE_DIR WORK_DIR CMAKE CTEST PYTHON [SANITIZE]
#
#   1. cmake --install BUILD_DIR --prefix WORK_DIR/prefix; the installed tree is checked (the
#      executable runs and finds its assets; every "hooks/...", "imgui_guard/..." and
#      "tests/harness/..." include of an installed header is installed too)
#   2. examples/glfw_opengl3 configured and built against that prefix (find_package(imhost)),
#      a separate CMake project, with ccache when there is one
#   3. drive_example.py: the example under Xvfb, driven over plain HTTP; then the installed
#      imhost started the same way (it finds its assets) and shut down
#   4. the example's own GoogleTest suite (imhost::harness from the prefix)
#   5. the installed pytest plugin launching the example (test_example_pytest.py)
# Each step prints its time; a failing step prints its log and ends the script with status 1.
# SANITIZE ("address,undefined", "thread"): the installed libraries carry the sanitizer, so the
# example is built with it too.
set -euo pipefail

build=$1 source=$2 work=$3 cmake=$4 ctest=$5 python=$6 sanitize=${7:-}
prefix=$work/prefix example=$work/example logs=$work/logs
rm -rf "$work"
mkdir -p "$logs"

total_start=$(date +%s%N)
step_start=0
step_name=""
begin() {
  step_name=$1
  step_start=$(date +%s%N)
}
end() {
  echo "round trip: $step_name: $((($(date +%s%N) - step_start) / 1000000)) ms"
}
run_logged() {  # run_logged LOG command...: the command's output goes to LOG, shown on failure
  local log=$logs/$1
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "round trip: $step_name FAILED: $*"
    tail -n 80 "$log"
    exit 1
  fi
}
fail() {
  echo "round trip: $step_name FAILED: $*"
  exit 1
}

# --- 1. install --------------------------------------------------------------------------------
begin "cmake --install"
run_logged install.txt "$cmake" --install "$build" --prefix "$prefix"
[ -x "$prefix/bin/imhost" ] || fail "no executable bin/imhost"
[ -f "$prefix/libexec/imhost/assets/layout.ini" ] || fail "no assets next to the executable"
[ -f "$prefix/lib/cmake/imhost/imhostConfig.cmake" ] || fail "no imhostConfig.cmake"
[ -f "$prefix/lib/cmake/imhost/imhostConfigVersion.cmake" ] || fail "no imhostConfigVersion.cmake"
run_logged version.txt "$prefix/bin/imhost" --version
missing=""
while IFS= read -r header; do
  while IFS= read -r included; do
    [ -f "$prefix/include/imhost/$included" ] || missing+=" ${header#"$prefix/include/imhost/"} -> $included"
  done < <(sed -n 's|^#include "\(\(hooks\|imgui_guard\|tests\)/[^"]*\)".*|\1|p' "$header")
done < <(find "$prefix/include/imhost/hooks" "$prefix/include/imhost/imgui_guard" \
              "$prefix/include/imhost/tests" -name '*.h')
[ -z "$missing" ] || fail "installed headers include headers that are not installed:$missing"
end

# --- 2. the example, against the installed package -----------------------------------------------
begin "configure + build examples/glfw_opengl3"
configure=("$cmake" -S "$source/examples/glfw_opengl3" -B "$example"
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug -DEXAMPLE_WERROR=ON)
if command -v ccache >/dev/null; then
  configure+=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
if [ -n "$sanitize" ]; then
  flags="-fsanitize=$sanitize -fno-omit-frame-pointer"
  configure+=(-DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags"
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=$sanitize")
fi
run_logged example-configure.txt "${configure[@]}"
grep -q "imhost" "$example/CMakeCache.txt" || fail "the example did not find the package"
grep -q "^imhost_DIR:PATH=$prefix/lib/cmake/imhost" "$example/CMakeCache.txt" ||
  fail "the example found another imhost: $(grep '^imhost_DIR' "$example/CMakeCache.txt")"
run_logged example-build.txt "$cmake" --build "$example" -j2
end

# --- 3. driven over plain HTTP -------------------------------------------------------------------
export PYTHONPATH=$prefix/share/imhost/python PYTHONDONTWRITEBYTECODE=1
begin "the example (and the installed imhost) driven over HTTP"
"$python" "$source/tests/install/drive_example.py" "$example/example_glfw_opengl3" "$work/drive" \
  "$prefix/bin/imhost" || fail "drive_example.py"
end

# --- 4. the example's GoogleTest suite (imhost::harness) -----------------------------------------
begin "the example's GoogleTest suite"
suite_log=$logs/example-suite.txt
if ! "$ctest" --test-dir "$example" --output-on-failure -V >"$suite_log" 2>&1; then
  tail -n 150 "$suite_log"
  fail "the example's GoogleTest suite"
fi
sed -n 's/^[0-9]*: \(\[ *\(OK\|RESPAWN\|WARN\|PASSED\) .*\)/  \1/p' "$suite_log"
grep -q "100% tests passed, 0 tests failed out of 1" "$suite_log" || fail "the suite did not run"
end

# --- 5. the installed pytest plugin on the example -----------------------------------------------
begin "the pytest plugin on the example"
"$python" -c "import pytest" 2>/dev/null || fail "$python has no pytest (apt install python3-pytest)"
"$python" -m pytest -q -p imhost_client.pytest_plugin -p no:cacheprovider \
  --rootdir "$source/tests/install" \
  --imhost-exe "$example/example_glfw_opengl3" "$source/tests/install/test_example_pytest.py" ||
  fail "test_example_pytest.py"
end

echo "round trip: all steps passed in $((($(date +%s%N) - total_start) / 1000000)) ms"
