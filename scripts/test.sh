#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, runs the unit tests, the unit tests again
# under AddressSanitizer + UndefinedBehaviorSanitizer, and the end-to-end tests (real binary,
# mock provider, official SDKs). Exits non-zero on the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

echo "== install dependencies"
bash scripts/install-deps.sh

echo "== format check"
files=$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'tools/*.cpp' 'tools/*.h')
clang-format --dry-run --Werror $files

echo "== build"
bash scripts/build.sh

echo "== unit tests"
(cd build && ctest --output-on-failure -j "$(nproc)")

echo "== unit tests under ASan + UBSan"
TARGETS=sluice_unit_tests BUILD_DIR=build-asan BUILD_TYPE=Debug bash scripts/build.sh -DSLUICE_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./build-asan/tests/unit/sluice_unit_tests

echo "== end-to-end tests"
SLUICE_BUILD_DIR="$ROOT/build" bash tests/e2e/run.sh
