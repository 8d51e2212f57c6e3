#!/usr/bin/env bash
# Coverage-guided fuzzing (tests/fuzz/README.md): builds the libFuzzer targets with the fuzz preset (clang, ASan +
# UBSan) and runs each for SECONDS (default 60) on a copy of its seed corpus, in a temporary folder (the repository
# is never written). Exits non-zero when any target crashes, leaks, trips a sanitizer or breaks an invariant,
# naming the target and the reproducer. SECONDS=0 only replays the seed corpus once (every past crasher included).
#
#   scripts/fuzz.sh            # 60 s per target, what scripts/test.sh (and so .ci/run) runs
#   FLOORWALK_FUZZ_SECONDS=3600 scripts/fuzz.sh   # the long form: an hour per target (or scripts/fuzz.sh 3600)
#   scripts/fuzz.sh 60 csv_parse cursor           # only these targets
#
# Installs nothing itself: scripts/deps.sh installs clang and libclang-rt-14-dev with the rest.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-${FLOORWALK_FUZZ_SECONDS:-60}}"
if [[ ! "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]  (SECONDS a whole number, 0 to replay the seeds only)" >&2
  exit 2
fi
shift $(($# > 0 ? 1 : 0))

all_targets=(http_request wire_decode csv_parse csv_import cursor query_params)
if (($#)); then targets=("$@"); else targets=("${all_targets[@]}"); fi
# The largest input each target is given: well past every limit the code under test enforces on such an input
# (the HTTP header limit plus the read buffer's slack, a cursor's 256 characters), small enough to stay fast.
declare -A max_len=([http_request]=65536 [wire_decode]=16384 [csv_parse]=16384 [csv_import]=16384 [cursor]=512
                    [query_params]=4096)
for target in "${targets[@]}"; do
  [[ -n "${max_len[$target]:-}" ]] || { echo "scripts/fuzz.sh: unknown target '$target' (${all_targets[*]})" >&2; exit 2; }
done

export CCACHE_BASEDIR="$PWD" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/floorwalk-ccache}" CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

work="$(mktemp -d "${TMPDIR:-/tmp}/floorwalk-fuzz.XXXXXX")"
# The targets' databases go to memory when there is /dev/shm (SQLite syncs each commit otherwise); removed on exit
# even when a crash kept a target from removing its own.
databases="$(mktemp -d "$( [[ -d /dev/shm ]] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/floorwalk-fuzz-db.XXXXXX")"
trap 'rm -rf "$databases"' EXIT

# Any report stops the target: UBSan halts like ASan, and libFuzzer saves the input that caused it.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

failed=()
for target in "${targets[@]}"; do
  binary="build/fuzz/tests/fuzz/fuzz_$target"
  dir="$work/$target"
  mkdir -p "$dir/corpus" "$dir/artifacts" "$databases/$target"
  cp -R "tests/fuzz/corpus/$target/." "$dir/corpus/"
  options=(-max_len="${max_len[$target]}" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$dir/artifacts/")
  if ((seconds > 0)); then
    options+=(-max_total_time="$seconds" "$dir/corpus")
  else
    options+=(-runs=0 "$dir/corpus")
  fi
  start=$SECONDS
  status=0
  FLOORWALK_FUZZ_TMPDIR="$databases/$target" "$binary" "${options[@]}" >"$dir/log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  size=$(find "$dir/corpus" -type f | wc -l)
  reproducers=("$dir"/artifacts/*)
  if ((status != 0)) || [[ -e "${reproducers[0]}" ]]; then
    failed+=("$target")
    echo "floorwalk fuzz: FAILED $target (exit $status after $((SECONDS - start)) s); its log: $dir/log"
    grep -a -E '^==[0-9]+==.*ERROR|runtime error:|invariant broken|^  detail: |^SUMMARY' "$dir/log" | head -8 |
      cut -c1-300 | sed 's/^/  /'
    for reproducer in "${reproducers[@]}"; do
      [[ -e "$reproducer" ]] && echo "  reproducer: $reproducer  (replay: $binary $reproducer)"
    done
  else
    echo "floorwalk fuzz: ok $target: ${runs:-?} inputs in $((SECONDS - start)) s (${rate:-?}/s), corpus ${size} inputs"
  fi
done

if ((${#failed[@]})); then
  echo "floorwalk fuzz: ${#failed[@]} target(s) failed: ${failed[*]}; inputs and logs are kept in $work"
  exit 1
fi
rm -rf "$work"
