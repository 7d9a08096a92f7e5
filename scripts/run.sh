#!/usr/bin/env bash
# Installs what is missing, builds, and runs the gateway on examples/quickstart.yaml (embedded
# default: SQLite file, in-memory state) in front of the bundled mock provider on 127.0.0.1:9100.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/tools/mock_provider/mock_provider --host 127.0.0.1 --port 9100 >/dev/null &
MOCK_PID=$!
trap 'kill $MOCK_PID 2>/dev/null || true' EXIT
exec_config=${1:-examples/quickstart.yaml}
echo "sluice: serving $exec_config on http://127.0.0.1:4000 (mock provider on :9100); Ctrl-C stops"
./build/src/sluice serve --config "$exec_config"
