#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything, runs the whole suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/floorwalk-ccache}" CCACHE_MAXSIZE=5G
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)"
ctest --preset dev -j "$(nproc)" "$@"
# The whole suite only (a filtered run such as `test.sh -R push` skips them): fuzzing (tests/fuzz/README.md), then
# the sanitizer stages (README, "Test"); FLOORWALK_FUZZ_SECONDS=0 replays the seeds only, FLOORWALK_SANITIZERS=0
# skips the sanitizers on a local machine.
if (($# == 0)); then
  ./scripts/fuzz.sh "${FLOORWALK_FUZZ_SECONDS:-60}"
  [[ "${FLOORWALK_SANITIZERS:-1}" == 0 ]] || ./scripts/sanitizers.sh
fi
