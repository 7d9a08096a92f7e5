#!/usr/bin/env bash
# Instructions (and syscalls) per request through Sluice, counted rather than timed: a number
# that does not move with the load on a shared machine. Sluice runs under callgrind in front of
# the mock; after a warm-up, bench/fixed_requests.js sends a fixed number of non-streamed and
# streamed chat requests (8 keep-alive connections), and the counters are zeroed and dumped
# around each batch.
#
#   bash bench/callgrind.sh                  # Release build in build-release/, 2000 + 500 requests
#   BUILD_DIR=build-perf N_CHAT=2000 N_STREAM=500 bash bench/callgrind.sh
#   STRACE=1 bash bench/callgrind.sh          # also syscalls per request (strace -c, no valgrind)
#
# Output: bench/results/callgrind-<UTC time>/: chat.out, stream.out (callgrind files; read them
# with callgrind_annotate), summary.txt.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build-release}
N_CHAT=${N_CHAT:-2000}
N_STREAM=${N_STREAM:-500}
CONNS=${CONNS:-8}
WARMUP=${WARMUP:-200}
MOCK_BIN=${MOCK_BIN:-"$REPO/$BUILD_DIR/tools/mock_provider/mock_provider"}
SLUICE_BIN=${SLUICE_BIN:-"$REPO/$BUILD_DIR/src/sluice"}
OUT="$BENCH_DIR/results/callgrind-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

PIDS=()
cleanup() { for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for_line() {  # FILE REGEX TIMEOUT_S
  local i
  for i in $(seq 1 $(($3 * 10))); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "callgrind.sh: timed out waiting for '$2' in $1" >&2; cat "$1" >&2; return 1
}
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

taskset -c 0 "$MOCK_BIN" --host 127.0.0.1 --port 0 --threads 1 >"$OUT/mock.log" 2>&1 &
PIDS+=($!)
wait_for_line "$OUT/mock.log" '^mock_provider listening on ' 10
MOCK_PORT=$(awk -F: '/^mock_provider listening on/{print $NF; exit}' "$OUT/mock.log")
PORT=$(free_port)
cat >"$OUT/sluice.yaml" <<YAML
server: { listen: "127.0.0.1:$PORT", workers: 1 }
storage: { url: "sqlite://$OUT/sluice.db" }  # call records on (the default): their cost is counted too
providers:
  mock: { type: openai_compatible, api_base: "http://127.0.0.1:$MOCK_PORT/v1", api_key: "sk-bench" }
models:
  - name: gpt-4o-mini
    deployments: [ { provider: mock, model: gpt-4o-mini } ]
YAML
URL="http://127.0.0.1:$PORT/v1/chat/completions"
drive() {  # BODY N
  taskset -c 0 node "$BENCH_DIR/fixed_requests.js" --url "$URL" --body "$BENCH_DIR/payloads/$1" --n "$2" --c "$CONNS" >/dev/null
}

if [ "${STRACE:-0}" = 1 ]; then
  taskset -c 1 "$SLUICE_BIN" serve --config "$OUT/sluice.yaml" >"$OUT/sluice.log" 2>&1 &
  SPID=$!; PIDS+=($SPID)
  wait_for_line "$OUT/sluice.log" 'listening on' 10
  drive chat.json "$WARMUP"; drive chat_stream.json "$WARMUP"
  for scenario in chat:chat.json:$N_CHAT stream:chat_stream.json:$N_STREAM; do
    IFS=: read -r name body n <<<"$scenario"
    strace -c -f -p "$SPID" -o "$OUT/$name.strace" & STRACE_PID=$!
    sleep 1
    drive "$body" "$n"
    kill -INT "$STRACE_PID"; wait "$STRACE_PID" || true
    calls=$(awk '$NF=="total"{print $(NF-2)}' "$OUT/$name.strace")
    echo "$name: $n requests, $calls syscalls, $(awk -v a="$calls" -v b="$n" 'BEGIN{printf "%.1f", a/b}') per request" | tee -a "$OUT/summary.txt"
  done
  exit 0
fi

valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
  "$SLUICE_BIN" serve --config "$OUT/sluice.yaml" >"$OUT/sluice.log" 2>&1 &
SPID=$!; PIDS+=($SPID)
wait_for_line "$OUT/sluice.log" 'listening on' 60
drive chat.json "$WARMUP"; drive chat_stream.json "$WARMUP"
for scenario in chat:chat.json:$N_CHAT stream:chat_stream.json:$N_STREAM; do
  IFS=: read -r name body n <<<"$scenario"
  callgrind_control -z "$SPID" >/dev/null
  drive "$body" "$n"
  callgrind_control -d "$name" "$SPID" >/dev/null
  sleep 1
  f=$(ls -t "$OUT"/callgrind.out.* | head -1)
  mv "$f" "$OUT/$name.out"
  ir=$(callgrind_annotate "$OUT/$name.out" 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",","",$1); print $1; exit}')
  echo "$name: $n requests, $ir Ir, $(awk -v a="$ir" -v b="$n" 'BEGIN{printf "%.0f", a/b}') Ir per request" | tee -a "$OUT/summary.txt"
done
echo "results in $OUT"
