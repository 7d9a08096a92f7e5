#!/usr/bin/env bash
# Configures and builds Sluice into build/ (or $BUILD_DIR), Release with debug info by default.
# Extra arguments go to cmake's configure step, e.g. -DSLUICE_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "$@" >/dev/null
# TARGETS (space-separated) limits what is built, e.g. TARGETS=sluice_unit_tests.
ninja -C "$BUILD_DIR" -j "${JOBS:-$(nproc)}" ${TARGETS:-}
