#!/usr/bin/env bash
# run_fuzzers.sh BUILD_DIR [SECONDS]: runs every libFuzzer binary BUILD_DIR/tests/fuzz/fuzz_<target>
# for SECONDS (default 60) each, FUZZ_JOBS of them at a time (default: the number of cores), and
# prints one line per target.
#
# libFuzzer reads the committed seeds (tests/fuzz/corpus/<target>/) and writes what it learns to
# BUILD_DIR/fuzz-work/<target>/corpus, so the repository is never touched. A crash or a failed
# invariant is saved in BUILD_DIR/fuzz-work/<target>/artifacts/ and fails the run: copy it into
# tests/fuzz/corpus/<target>/crash-<what> and fix the code; fuzz_replay_<target> then replays it
# in every build.
set -uo pipefail
build=${1:?usage: run_fuzzers.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
jobs=${FUZZ_JOBS:-$(nproc)}
here=$(cd "$(dirname "$0")" && pwd)

# fuzz_one EXE: one target for $seconds; its verdict goes to fuzz-work/<target>/verdict.
fuzz_one() {
    local exe=$1 name=${1##*/fuzz_}
    local work=$build/fuzz-work/$name
    mkdir -p "$work/corpus" "$work/artifacts"
    local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
                -artifact_prefix="$work/artifacts/")
    [[ -f $here/$name.dict ]] && args+=(-dict="$here/$name.dict")
    local start status took runs cov
    start=$(date +%s)
    "$exe" "${args[@]}" "$work/corpus" "$here/corpus/$name" >"$work/log.txt" 2>&1
    status=$?
    took=$(( $(date +%s) - start ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$work/log.txt" | tail -1)
    if [[ $status -eq 0 ]]; then
        echo "fuzz: $name: ${runs:-?} runs in ${took} s, ${cov:-cov: ?}, no crash" >"$work/verdict"
    else
        {
            echo "fuzz: $name: FAILED (exit $status) after ${took} s; log: $work/log.txt"
            grep -E 'ERROR|invariant failed|SUMMARY|Test unit written' "$work/log.txt" | head -20
            ls "$work/artifacts" | sed 's/^/  artifact: /'
        } >"$work/verdict"
    fi
    return $status
}

targets=()
for exe in "$build"/tests/fuzz/fuzz_*; do
    name=${exe##*/fuzz_}
    [[ -x $exe && -f $exe && $name != replay_* ]] && targets+=("$exe")
done
if [[ ${#targets[@]} -eq 0 ]]; then
    echo "fuzz: no fuzz_<target> binaries in $build/tests/fuzz (build target imhost_fuzz)" >&2
    exit 1
fi

failed=0
running=0
for exe in "${targets[@]}"; do
    if (( running >= jobs )); then
        wait -n || failed=1
        running=$((running - 1))
    fi
    fuzz_one "$exe" &
    running=$((running + 1))
done
while (( running > 0 )); do
    wait -n || failed=1
    running=$((running - 1))
done
for exe in "${targets[@]}"; do
    cat "$build/fuzz-work/${exe##*/fuzz_}/verdict"
done
exit $failed
