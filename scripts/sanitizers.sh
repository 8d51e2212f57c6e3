#!/usr/bin/env bash
# The sanitizer stages of the test command (scripts/test.sh runs this after the main suite; FLOORWALK_SANITIZERS=0
# there skips it): the unit and integration suite built with AddressSanitizer + UndefinedBehaviorSanitizer (preset
# asan), then the concurrency tests (ctest label "concurrency") built with ThreadSanitizer (preset tsan). Both stages
# always run; the script exits non-zero when a test fails or when any instrumented process wrote a sanitizer
# report, also a floorwalk-server that a test started and whose exit status no test reads.
#
#   ./scripts/sanitizers.sh            # both stages
#   ./scripts/sanitizers.sh tsan       # one stage (asan, tsan)
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/floorwalk-ccache}" CCACHE_MAXSIZE=5G
jobs="$(nproc)"
stages=("$@")
[[ ${#stages[@]} -gt 0 ]] || stages=(asan tsan)

# run_stage <preset>: configure, build and test one preset; returns non-zero on a failed test or any report.
run_stage() {
  local preset=$1 status=0 started reports
  reports="$PWD/build/$preset/sanitizer-reports"
  started=$SECONDS
  echo "== $preset: build"
  # (set -e does not apply inside a function called with ||: each step says when it fails.)
  cmake --preset "$preset" >/dev/null || return 1
  cmake --build --preset "$preset" -j "$jobs" || return 1
  echo "== $preset: build took $((SECONDS - started)) s"

  started=$SECONDS
  rm -rf "$reports"
  mkdir -p "$reports"
  # log_path: every instrumented process writes its AddressSanitizer, LeakSanitizer and ThreadSanitizer reports to
  # a file of its own (report.<pid>), so that nothing a subprocess finds is lost in a log no one reads (the test
  # presets add these options to theirs). GCC's UBSan runtime ignores log_path: its reports stay on standard error,
  # and the test log is searched for them below (with -fno-sanitize-recover the process stops there too).
  local log="log_path=$reports/report"
  # ThreadSanitizer's shadow memory needs a fixed layout that some kernels' address randomisation breaks
  # ("unexpected memory mapping"): the tests run with randomisation off (setarch -R), which changes nothing else.
  local launcher=()
  [[ $preset != tsan ]] || launcher=(setarch "$(uname -m)" -R)
  ASAN_OPTIONS="$log" TSAN_OPTIONS="$log" \
    "${launcher[@]}" ctest --preset "$preset" -j "$jobs" || status=$?
  local test_log="build/$preset/Testing/Temporary/LastTest.log"
  if [[ -f $test_log ]] && grep -E -m 20 'runtime error:|ERROR: (Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer' \
      "$test_log" >&2; then
    echo "== $preset: sanitizer reports in $test_log" >&2
    status=1
  fi
  if compgen -G "$reports/report.*" >/dev/null; then
    for report in "$reports"/report.*; do
      echo "== $preset: sanitizer report $report" >&2
      cat "$report" >&2
    done
    status=1
  fi
  echo "== $preset: tests took $((SECONDS - started)) s"
  return "$status"
}

failed=()
for stage in "${stages[@]}"; do
  case $stage in
    asan|tsan) run_stage "$stage" || failed+=("$stage") ;;
    *) echo "usage: $0 [asan] [tsan]" >&2; exit 2 ;;
  esac
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "Sanitizer stages failed: ${failed[*]}" >&2
  exit 1
fi
echo "Sanitizer stages passed: ${stages[*]}"
