#!/usr/bin/env bash
# Runs the end-to-end tests with Node's built-in runner.
#   tests/e2e/run.sh                      # every *.test.js
#   tests/e2e/run.sh mock_provider.test.js
# Binaries come from $SLUICE_BUILD_DIR (default <repo>/build): tools/mock_provider/mock_provider
# and src/sluice. Files run one at a time (each starts its own processes on free ports; the
# machines have 2 cores). Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund
fi

if [[ $# -eq 0 ]]; then
  set -- *.test.js
fi
exec node --test --test-concurrency=1 "$@"
