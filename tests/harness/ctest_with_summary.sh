#!/usr/bin/env bash
# ctest_with_summary.sh BUILD_DIR [ctest args...]: runs CTest in BUILD_DIR, then prints the
# summary line of every live test file (C++ and pytest, with pytest's own result line) just
# above CTest's own summary, which stays the last thing printed. Exits with CTest's status.
#
# Live test files write their line to $IMHOST_SUMMARY_DIR (set by tests/CMakeLists.txt to
# BUILD_DIR/live-summary); this script clears that folder first, so only this run's lines show.
set -uo pipefail
build=${1:?usage: ctest_with_summary.sh BUILD_DIR [ctest args...]}
shift
summary_dir="$build/live-summary"
rm -rf "$summary_dir" "$build/live-reports"
tail_file=$(mktemp)
trap 'rm -f "$tail_file"' EXIT

# Stream CTest's output as it comes, but hold back its final summary (from "NN% tests passed").
(cd "$build" && ctest "$@") 2>&1 | awk -v rest="$tail_file" '
    held || /^[0-9]+% tests passed/ { held = 1; print > rest; next }
    { print; fflush() }'
status=${PIPESTATUS[0]}

if compgen -G "$summary_dir/*.txt" >/dev/null; then
    echo
    echo "Per-file summary (live C++ and pytest files):"
    cat "$summary_dir"/*.txt | sed 's/^/  /'
    echo
fi
# The reliability tables (hostile input, load, fault matrix, data safety), passing or not.
if compgen -G "$build/live-reports/*.txt" >/dev/null; then
    echo "Reliability reports:"
    for f in "$build"/live-reports/*.txt; do cat "$f"; echo; done
fi
cat "$tail_file"
exit "$status"
