#!/usr/bin/env bash
# run_fuzzers.sh BUILD_DIR [SECONDS]: runs every libFuzzer binary BUILD_DIR/tests/fuzz/fuzz_<target>
# for SECONDS (default 60) each, one after the other, and prints one line per target.
#
# libFuzzer reads the committed seeds (tests/fuzz/corpus/<target>/) and writes what it learns to
# BUILD_DIR/fuzz-work/<target>/corpus, so the repository is never touched. A crash or a failed
# invariant is saved in BUILD_DIR/fuzz-work/<target>/artifacts/ and fails the run: copy it into
# tests/fuzz/corpus/<target>/crash-<what> and fix the code; fuzz_replay_<target> then replays it
# in every build.
set -uo pipefail
build=${1:?usage: run_fuzzers.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
failed=0
found=0
for exe in "$build"/tests/fuzz/fuzz_*; do
    name=${exe##*/fuzz_}
    [[ -x $exe && -f $exe && $name != replay_* ]] || continue
    found=$((found + 1))
    work=$build/fuzz-work/$name
    mkdir -p "$work/corpus" "$work/artifacts"
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
          -artifact_prefix="$work/artifacts/")
    [[ -f $here/$name.dict ]] && args+=(-dict="$here/$name.dict")
    start=$(date +%s)
    "$exe" "${args[@]}" "$work/corpus" "$here/corpus/$name" >"$work/log.txt" 2>&1
    status=$?
    took=$(( $(date +%s) - start ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$work/log.txt" | tail -1)
    if [[ $status -eq 0 ]]; then
        echo "fuzz: $name: ${runs:-?} runs in ${took} s, ${cov:-cov: ?}, no crash"
    else
        failed=1
        echo "fuzz: $name: FAILED (exit $status) after ${took} s; log: $work/log.txt"
        grep -E 'ERROR|invariant failed|SUMMARY|Test unit written' "$work/log.txt" | head -20
        ls "$work/artifacts" | sed 's/^/  artifact: /'
    fi
done
if [[ $found -eq 0 ]]; then
    echo "fuzz: no fuzz_<target> binaries in $build/tests/fuzz (build target imhost_fuzz)" >&2
    exit 1
fi
exit $failed
