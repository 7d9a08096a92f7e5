#!/usr/bin/env bash
# Sluice overhead bench: direct (wrk -> mock) vs nginx (wrk -> nginx -> mock) vs
# sluice (wrk -> sluice -> mock), interleaved, on 127.0.0.1 only, every load bounded in time.
#
#   bash bench/run.sh                 # full run: build, 3 rounds x 5 s per cell, memory (~10 min)
#   bash bench/run.sh --quick         # 1 round x 3 s, 500 held streams: checks the harness (~2 min)
#   bash bench/run.sh --help
#
# Placement (see BENCHMARKS.md): the proxy under test (nginx or sluice, one worker each)
# alone on CPU 1; the mock (1 thread) and wrk on CPU 0.
# Output: bench/results/<UTC time>/ (git-ignored): summary.md, results.tsv, memory.tsv,
# commands.txt, machine.txt, raw/ (every wrk output), conf/, logs/.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

ROUNDS=3
DURATION=5           # seconds per measured wrk run
VERIFY_DURATION=3    # seconds per verified warm-up run (every response checked)
THINK_MS=10          # low-load mode: pause per connection between requests
STREAMS=2000         # streams held open for the memory measurement
HOLD_CHUNKS=100
HOLD_DELAY_MS=200
STREAM_CHUNKS=64     # deltas per streamed response in the load scenarios
BUILD=1
MEMORY=1
QUIET_MAX=20         # seconds to wait for other processes to go quiet before each run
BUILD_DIR=${BUILD_DIR:-build-release}

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF
Options:
  --rounds N          interleaved rounds (default $ROUNDS)
  --duration S        seconds per measured run (default $DURATION)
  --streams N         streams held open for the memory measurement (default $STREAMS)
  --quick             --rounds 1 --duration 3 --streams 500
  --no-build          use the existing $BUILD_DIR
  --no-memory         skip the held-streams memory measurement
  --quiet-max S       max seconds to wait for a quiet machine before each run (default $QUIET_MAX)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --streams) STREAMS=$2; shift 2 ;;
    --quick) ROUNDS=1; DURATION=3; VERIFY_DURATION=2; STREAMS=500; shift ;;
    --no-build) BUILD=0; shift ;;
    --no-memory) MEMORY=0; shift ;;
    --quiet-max) QUIET_MAX=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

for tool in wrk nginx node taskset curl awk; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found (scripts/install-deps.sh)" >&2; exit 1; }
done
[ "$(nproc)" -ge 2 ] || { echo "run.sh: needs at least 2 CPUs for the placement" >&2; exit 1; }
NGINX_BIN=$(command -v nginx)

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH_DIR/results/$STAMP"
mkdir -p "$OUT"/{raw,conf,logs,nginx}
RESULTS="$OUT/results.tsv"
MEMORY_TSV="$OUT/memory.tsv"
COMMANDS="$OUT/commands.txt"
: >"$COMMANDS"
log() { echo "[bench $(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }

# ---------------------------------------------------------------- processes and cleanup
STARTED_PIDS=()
cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 0.3
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() {  # stop one process we started, by PID
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

free_ports() {  # N free TCP ports on 127.0.0.1, space-separated
  node -e '
    const net = require("net"); const n = Number(process.argv[1]); const ss = []; const ports = [];
    let left = n;
    for (let i = 0; i < n; i++) {
      const s = net.createServer(); ss.push(s);
      s.listen(0, "127.0.0.1", () => { ports.push(s.address().port);
        if (--left === 0) { console.log(ports.join(" ")); ss.forEach((x) => x.close()); } });
    }' "$1"
}

wait_for_line() {  # FILE REGEX TIMEOUT_S PID: wait until FILE has a line matching REGEX
  local file=$1 re=$2 timeout=$3 pid=$4 i
  for i in $(seq 1 $((timeout * 20))); do
    grep -qE "$re" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "run.sh: process $pid died; log $file:" >&2; cat "$file" >&2; return 1; }
    sleep 0.05
  done
  echo "run.sh: timeout waiting for /$re/ in $file" >&2; return 1
}

wait_for_port() {  # PORT TIMEOUT_S: TCP connect succeeds (no HTTP request is sent)
  local port=$1 timeout=$2 i
  for i in $(seq 1 $((timeout * 20))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "run.sh: nothing listening on 127.0.0.1:$port" >&2; return 1
}

MOCK_BIN="$REPO/$BUILD_DIR/tools/mock_provider/mock_provider"
SLUICE_BIN="$REPO/$BUILD_DIR/src/sluice"

start_mock() {  # NAME EXTRA_ARGS... ; sets MOCK_PID MOCK_PORT
  local name=$1; shift
  local logf="$OUT/logs/$name.log"
  echo "$name: taskset -c 0 $MOCK_BIN --host 127.0.0.1 --port 0 --threads 1 $*" >>"$COMMANDS"
  taskset -c 0 "$MOCK_BIN" --host 127.0.0.1 --port 0 --threads 1 "$@" >"$logf" 2>&1 &
  MOCK_PID=$!; STARTED_PIDS+=("$MOCK_PID")
  wait_for_line "$logf" '^mock_provider listening on ' 10 "$MOCK_PID"
  MOCK_PORT=$(awk -F: '/^mock_provider listening on/{print $NF; exit}' "$logf")
}

start_sluice() {  # NAME PORT UPSTREAM_PORT ; sets SLUICE_PID
  local name=$1 port=$2 up=$3
  local cfg="$OUT/conf/$name.yaml" logf="$OUT/logs/$name.log"
  cat >"$cfg" <<EOF
server: { listen: "127.0.0.1:$port", workers: 1 }
storage: { url: "sqlite://$OUT/$name.db" }  # call records on (the default), kept with the results
providers:
  mock: { type: openai_compatible, api_base: "http://127.0.0.1:$up/v1", api_key: "sk-bench" }
models:
  - name: gpt-4o-mini
    deployments: [ { provider: mock, model: gpt-4o-mini } ]
EOF
  echo "$name: taskset -c 1 $SLUICE_BIN serve --config $cfg" >>"$COMMANDS"
  (cd "$OUT" && exec taskset -c 1 "$SLUICE_BIN" serve --config "$cfg") >"$logf" 2>&1 &
  SLUICE_PID=$!; STARTED_PIDS+=("$SLUICE_PID")
  # Ready when it logs its listening line: no request is sent, so the idle RSS read next is
  # the RSS before the first request.
  wait_for_line "$logf" 'listening on' 10 "$SLUICE_PID"
}

start_nginx() {  # NAME PORT UPSTREAM_PORT ; sets NGINX_PID (master) NGINX_WORKER
  local name=$1 port=$2 up=$3
  local prefix="$OUT/nginx/$name"
  mkdir -p "$prefix/tmp" "$prefix/logs"
  local cfg="$OUT/conf/$name.conf"
  cat >"$cfg" <<EOF
# Plain reverse proxy written by bench/run.sh.
worker_processes 1;
daemon off;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
worker_rlimit_nofile 20000;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  tcp_nodelay on;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  upstream mock {
    server 127.0.0.1:$up;
    keepalive 128;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
EOF
  echo "$name: taskset -c 1 $NGINX_BIN -p $prefix -c $cfg -e $prefix/logs/error.log" >>"$COMMANDS"
  taskset -c 1 "$NGINX_BIN" -p "$prefix" -c "$cfg" -e "$prefix/logs/error.log" \
    >"$OUT/logs/$name.log" 2>&1 &
  NGINX_PID=$!; STARTED_PIDS+=("$NGINX_PID")
  wait_for_port "$port" 10
  local i
  NGINX_WORKER=""
  for i in $(seq 1 40); do
    NGINX_WORKER=$(cat "/proc/$NGINX_PID/task/$NGINX_PID/children" 2>/dev/null | awk '{print $1}')
    [ -n "$NGINX_WORKER" ] && break
    sleep 0.05
  done
  [ -n "$NGINX_WORKER" ] || { echo "run.sh: nginx worker not found" >&2; return 1; }
}

# ---------------------------------------------------------------- measurements
cpu_ns() {  # PID: CPU time of every thread of PID, ns (sum_exec_runtime; falls back to /proc/PID/stat)
  local pid=$1
  if [ -r "/proc/$pid/task/$pid/sched" ]; then
    awk '/^se.sum_exec_runtime/{s += $3} END {printf "%.0f\n", s * 1e6}' /proc/"$pid"/task/*/sched 2>/dev/null
  else
    awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.0f\n", ($12 + $13) * 1e9 / hz}' "/proc/$pid/stat"
  fi
}
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/{print $2}' "/proc/$1/status"; }
busy_jiffies() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }

quiet_wait() {  # wait (up to QUIET_MAX s) until the machine is < 15 % of one core busy
  local i a b busy
  for i in $(seq 1 "$QUIET_MAX"); do
    a=$(busy_jiffies); sleep 0.5; b=$(busy_jiffies)
    busy=$(( (b - a) * 2 ))   # jiffies per second at 100 Hz = percent of one core
    [ "$busy" -lt 15 ] && return 0
    [ "$i" -eq 1 ] && log "machine busy (${busy}% of a core outside a run); waiting up to ${QUIET_MAX}s"
    sleep 0.5
  done
  log "machine still busy after ${QUIET_MAX}s; measuring anyway (see other_cpu_pct)"
}

printf 'round\tscenario\tmode\tarm\tthreads\tconns\tthink_ms\tduration_s\trequests\trps\tp50_us\tp90_us\tp99_us\tp999_us\tmax_us\tmean_us\terr_connect\terr_read\terr_write\terr_timeout\terr_status\tchecked\tbad\tproxy_cpu_ns\tmock_cpu_ns\twrk_cpu_s\tother_cpu_pct\tvalid\n' >"$RESULTS"

declare -A ARM_URL
PROXY_PIDS_SLUICE=""
PROXY_PIDS_NGINX=""

# run_wrk ROUND SCENARIO MODE ARM THREADS CONNS THINK DURATION VERIFY
run_wrk() {
  local round=$1 scen=$2 mode=$3 arm=$4 threads=$5 conns=$6 think=$7 dur=$8 verify=$9
  local url="${ARM_URL[$arm]}/chat/completions"
  local body expect="" chunks=0
  if [ "$scen" = chat ]; then
    body="$BENCH_DIR/payloads/chat.json"; expect="$EXPECT_CHAT"
  else
    body="$BENCH_DIR/payloads/chat_stream.json"; chunks=$((STREAM_CHUNKS + 2))
  fi
  local proxy_pids=""
  case "$arm" in
    sluice) proxy_pids=$PROXY_PIDS_SLUICE ;;
    nginx) proxy_pids=$PROXY_PIDS_NGINX ;;
  esac
  local raw="$OUT/raw/r${round}_${scen}_${mode}_${arm}.txt"
  quiet_wait
  local p pc0=0 pc1=0 mc0 mc1 j0 j1
  for p in $proxy_pids; do pc0=$((pc0 + $(cpu_ns "$p"))); done
  mc0=$(cpu_ns "$LOAD_MOCK_PID"); j0=$(busy_jiffies)
  local cmd=(taskset -c 0 wrk -t"$threads" -c"$conns" -d"${dur}s" --timeout 5s --latency -s "$BENCH_DIR/wrk/chat.lua" "$url")
  echo "r$round $scen $mode $arm: BENCH_THINK_MS=$think BENCH_VERIFY=$verify BENCH_BODY=$body ${cmd[*]}" >>"$COMMANDS"
  ( export BENCH_BODY="$body" BENCH_THINK_MS="$think" BENCH_VERIFY="$verify" \
           BENCH_EXPECT="$expect" BENCH_EXPECT_CHUNKS="$chunks"
    "${cmd[@]}" >"$raw" 2>&1 || echo "wrk exit $?" >>"$raw"
    times >"$raw.times" )
  j1=$(busy_jiffies); mc1=$(cpu_ns "$LOAD_MOCK_PID")
  for p in $proxy_pids; do pc1=$((pc1 + $(cpu_ns "$p"))); done
  local wrk_s
  wrk_s=$(awk 'NR==2 {split($1,u,"m"); split($2,s,"m"); sub("s","",u[2]); sub("s","",s[2]); print u[1]*60+u[2]+s[1]*60+s[2]}' "$raw.times")
  local line
  line=$(grep '^BENCH_RESULT' "$raw" || true)
  if [ -z "$line" ]; then
    log "r$round $scen $mode $arm: wrk gave no result (see $raw)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t0\t0\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0\n' \
      "$round" "$scen" "$mode" "$arm" "$threads" "$conns" "$think" "$dur" >>"$RESULTS"
    return 0
  fi
  # Every CPU tick on the machine not spent by the mock, the proxy or wrk, as % of one core.
  local ours_ns=$(( (pc1 - pc0) + (mc1 - mc0) ))
  echo "$line" | awk -v round="$round" -v scen="$scen" -v mode="$mode" -v arm="$arm" \
      -v threads="$threads" -v conns="$conns" -v think="$think" -v verify="$verify" \
      -v pcpu=$((pc1 - pc0)) -v mcpu=$((mc1 - mc0)) -v wrk_s="$wrk_s" \
      -v jiff=$((j1 - j0)) -v ours_ns="$ours_ns" -v hz="$(getconf CLK_TCK)" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END {
      dur = v["duration_us"] / 1e6
      rps = dur > 0 ? v["requests"] / dur : 0
      other = (jiff / hz - ours_ns / 1e9 - wrk_s) / dur * 100; if (other < 0) other = 0
      errs = v["connect"] + v["read"] + v["write"] + v["timeout"] + v["status"]
      valid = (errs == 0 && v["requests"] > 0 && (verify != "1" || (v["bad"] == 0 && v["checked"] == v["requests"]))) ? 1 : 0
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.3f\t%d\t%.1f\t%d\t%d\t%d\t%d\t%d\t%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.0f\t%.0f\t%.3f\t%.1f\t%d\n",
        round, scen, mode, arm, threads, conns, think, dur, v["requests"], rps, v["p50"], v["p90"],
        v["p99"], v["p999"], v["max"], v["mean"], v["connect"], v["read"], v["write"],
        v["timeout"], v["status"], v["checked"], v["bad"], pcpu, mcpu, wrk_s, other, valid
    }' >>"$RESULTS"
  tail -n1 "$RESULTS" | awk -F'\t' '{printf "[bench] r%s %-6s %-7s %-6s %8.0f req/s  p50 %5d us  p99 %6d us  errors %d  bad %d/%d  other-cpu %.0f%%  %s\n",
      $1, $2, $3, $4, $10, $11, $13, $17+$18+$19+$20+$21, $23, $22, $27, ($28 == 1 ? "ok" : "INVALID")}' | tee -a "$OUT/run.log" >&2
}

# ---------------------------------------------------------------- machine
{
  echo "date_utc: $STAMP"
  echo "nproc: $(nproc)"
  echo "cpu: $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)"
  echo "kernel: $(uname -sr)"
  echo "mem_total: $(awk '/^MemTotal/{print $2 " kB"}' /proc/meminfo)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "nginx: $("$NGINX_BIN" -v 2>&1)"
  echo "node: $(node --version)"
  echo "git: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null) $(git -C "$REPO" status --porcelain 2>/dev/null | grep -c . || true) uncommitted path(s)"
  echo "loadavg_at_start: $(cat /proc/loadavg)"
  echo "args: rounds=$ROUNDS duration=$DURATION verify_duration=$VERIFY_DURATION think_ms=$THINK_MS streams=$STREAMS stream_chunks=$STREAM_CHUNKS"
} >"$OUT/machine.txt"
log "results in $OUT"
cat "$OUT/machine.txt" >&2

# ---------------------------------------------------------------- build
if [ "$BUILD" = 1 ]; then
  log "building Release into $BUILD_DIR"
  # -Wno-error=restrict: GCC 12 at -O3 raises a false -Wrestrict inside libstdc++'s
  # char_traits (std::string concatenation); -Werror would stop the Release build on it.
  # install-deps first: a fresh clone has no tokenizer vocabularies (npm) until it runs.
  (cd "$REPO" && bash scripts/install-deps.sh &&
     BUILD_DIR="$BUILD_DIR" BUILD_TYPE=Release TARGETS="sluice mock_provider" \
     bash scripts/build.sh -DSLUICE_BUILD_TESTS=OFF "-DCMAKE_CXX_FLAGS=-Wno-error=restrict") \
     >"$OUT/logs/build.log" 2>&1 || { tail -30 "$OUT/logs/build.log" >&2; echo "run.sh: build failed (log: $OUT/logs/build.log)" >&2; exit 1; }
fi
[ -x "$SLUICE_BIN" ] && [ -x "$MOCK_BIN" ] || { echo "run.sh: $SLUICE_BIN or $MOCK_BIN missing" >&2; exit 1; }

ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "ulimit_n: $(ulimit -n)" >>"$OUT/machine.txt"

# ---------------------------------------------------------------- load phase
read -r SLUICE_PORT NGINX_PORT < <(free_ports 2)
start_mock mock
LOAD_MOCK_PID=$MOCK_PID
start_nginx nginx "$NGINX_PORT" "$MOCK_PORT"
PROXY_PIDS_NGINX="$NGINX_PID $NGINX_WORKER"
start_sluice sluice "$SLUICE_PORT" "$MOCK_PORT"
PROXY_PIDS_SLUICE="$SLUICE_PID"
printf 'phase\tprocess\tstate\trss_kb\thwm_kb\tstreams_open\tnote\n' >"$MEMORY_TSV"
printf 'load\tsluice\tidle_before_first_request\t%s\t%s\t0\t\n' "$(rss_kb "$SLUICE_PID")" "$(hwm_kb "$SLUICE_PID")" >>"$MEMORY_TSV"
printf 'load\tnginx\tidle_before_first_request\t%s\t%s\t0\tworker+master\n' \
  "$(( $(rss_kb "$NGINX_WORKER") + $(rss_kb "$NGINX_PID") ))" "$(( $(hwm_kb "$NGINX_WORKER") + $(hwm_kb "$NGINX_PID") ))" >>"$MEMORY_TSV"
log "mock :$MOCK_PORT (pid $MOCK_PID), nginx :$NGINX_PORT (pid $NGINX_PID, worker $NGINX_WORKER), sluice :$SLUICE_PORT (pid $SLUICE_PID)"

ARM_URL[direct]="http://127.0.0.1:$MOCK_PORT/v1"
ARM_URL[nginx]="http://127.0.0.1:$NGINX_PORT/v1"
ARM_URL[sluice]="http://127.0.0.1:$SLUICE_PORT/v1"
ARMS=(direct nginx sluice)

# The mock echoes the last user message: a correct non-streamed answer carries this.
EXPECT_CHAT='"content":"echo: Summarise why an HTTP reverse proxy keeps a pool of upstream connections open."'

# Smoke check with curl: every arm answers both scenarios with 200 and the expected body.
smoke_fail=0
for arm in "${ARMS[@]}"; do
  for scen in chat stream; do
    f="$OUT/raw/smoke_${scen}_${arm}.txt"
    body="$BENCH_DIR/payloads/chat.json"; [ "$scen" = stream ] && body="$BENCH_DIR/payloads/chat_stream.json"
    code=$(curl -sS -N --max-time 10 -o "$f" -w '%{http_code}' -X POST "${ARM_URL[$arm]}/chat/completions" \
      -H 'Content-Type: application/json' -H 'Authorization: Bearer sk-bench' --data-binary "@$body" || echo 000)
    ok=1
    [ "$code" = 200 ] || ok=0
    if [ "$scen" = chat ]; then
      grep -qF "$EXPECT_CHAT" "$f" || ok=0
    else
      n=$(grep -o '"object":"chat.completion.chunk"' "$f" | wc -l)
      [ "$n" -eq $((STREAM_CHUNKS + 2)) ] || ok=0
      [ "$(grep -c '^data: ' "$f")" -eq $((STREAM_CHUNKS + 3)) ] || ok=0
      [ "$(grep '^data: ' "$f" | tail -n1)" = "data: [DONE]" ] || ok=0
      # deltas in order: concatenated content must be the echo followed by the lorem padding
      text=$(grep -o '"delta":{"content":"[^"]*"' "$f" | sed 's/^"delta":{"content":"//; s/"$//' | tr -d '\n')
      case "$text" in "echo: Summarise why an HTTP reverse proxy keeps upstream connections open. lorem"*) ;; *) ok=0 ;; esac
    fi
    if [ "$ok" = 1 ]; then
      log "smoke $arm $scen: 200, body as expected ($(wc -c <"$f") bytes)"
    else
      log "smoke $arm $scen: FAILED (status $code, body in $f)"; smoke_fail=1
    fi
  done
done
[ "$smoke_fail" = 0 ] || { echo "run.sh: smoke check failed; not loading" >&2; exit 1; }

# Verified warm-up: every response of a short c64 run is checked (status and body), per arm and
# scenario. It also fills the upstream pools. It is recorded (mode=verify) but not summarised.
for scen in chat stream; do
  for arm in "${ARMS[@]}"; do
    run_wrk 0 "$scen" verify "$arm" 2 64 0 "$VERIFY_DURATION" 1
  done
done
if awk -F'\t' 'NR > 1 && $3 == "verify" && $28 != 1 {bad = 1} END {exit bad ? 0 : 1}' "$RESULTS"; then
  log "verified warm-up found bad responses or errors; the table marks them (see $RESULTS)"
fi

# Measured rounds: every round runs each scenario x mode x arm once; the arm order rotates.
for round in $(seq 1 "$ROUNDS"); do
  off=$(( (round - 1) % ${#ARMS[@]} ))
  order=("${ARMS[@]:$off}" "${ARMS[@]:0:$off}")
  for scen in chat stream; do
    for arm in "${order[@]}"; do run_wrk "$round" "$scen" lowload "$arm" 1 8 "$THINK_MS" "$DURATION" 0; done
    for arm in "${order[@]}"; do run_wrk "$round" "$scen" c8 "$arm" 1 8 0 "$DURATION" 0; done
    for arm in "${order[@]}"; do run_wrk "$round" "$scen" c64 "$arm" 2 64 0 "$DURATION" 0; done
  done
done

printf 'load\tsluice\tafter_load\t%s\t%s\t0\t\n' "$(rss_kb "$SLUICE_PID")" "$(hwm_kb "$SLUICE_PID")" >>"$MEMORY_TSV"
printf 'load\tnginx\tafter_load\t%s\t%s\t0\tworker+master\n' \
  "$(( $(rss_kb "$NGINX_WORKER") + $(rss_kb "$NGINX_PID") ))" "$(( $(hwm_kb "$NGINX_WORKER") + $(hwm_kb "$NGINX_PID") ))" >>"$MEMORY_TSV"
stop_pid "$SLUICE_PID"; stop_pid "$NGINX_PID"; stop_pid "$LOAD_MOCK_PID"

# ---------------------------------------------------------------- memory phase
# Fresh processes in front of a slow mock (HOLD_CHUNKS deltas, HOLD_DELAY_MS apart), then
# STREAMS streams opened at once by bench/hold_streams.js (on CPU 0) and kept open.
hold_streams() {  # ARM_NAME URL PROCESS_PIDS...
  local name=$1 url=$2; shift 2
  local logf="$OUT/logs/hold_$name.log" pid
  local timeout_ms=$(( HOLD_CHUNKS * HOLD_DELAY_MS + 60000 ))
  echo "hold $name: taskset -c 0 node $BENCH_DIR/hold_streams.js --url $url --body $BENCH_DIR/payloads/chat_stream_hold.json --n $STREAMS --chunks $((HOLD_CHUNKS + 2)) --timeout-ms $timeout_ms" >>"$COMMANDS"
  taskset -c 0 node "$BENCH_DIR/hold_streams.js" --url "$url" --body "$BENCH_DIR/payloads/chat_stream_hold.json" \
    --n "$STREAMS" --chunks $((HOLD_CHUNKS + 2)) --timeout-ms "$timeout_ms" >"$logf" 2>&1 &
  local hold_pid=$!; STARTED_PIDS+=("$hold_pid")
  wait_for_line "$logf" '^(READY|DONE)' 60 "$hold_pid" || true
  local open
  open=$(awk '/^READY/{for (i = 2; i <= NF; i++) if ($i ~ /^open=/) {sub("open=", "", $i); print $i}}' "$logf")
  # Sample RSS over 3 s while the streams are open; keep the largest.
  local max_rss=0 s r
  for s in 1 2 3 4 5 6; do
    r=0; for pid in "$@"; do r=$((r + $(rss_kb "$pid"))); done
    [ "$r" -gt "$max_rss" ] && max_rss=$r
    sleep 0.5
  done
  local hwm=0; for pid in "$@"; do hwm=$((hwm + $(hwm_kb "$pid"))); done
  printf 'hold\t%s\twith_open_streams\t%s\t%s\t%s\t\n' "$name" "$max_rss" "$hwm" "${open:-0}" >>"$MEMORY_TSV"
  log "hold $name: ${open:-0} streams open, RSS $((max_rss / 1024)) MB; waiting for them to finish"
  local rc=0
  wait "$hold_pid" || rc=$?
  local done_line; done_line=$(grep '^DONE' "$logf" || echo "DONE missing")
  log "hold $name: $done_line (exit $rc)"
  sleep 1
  r=0; for pid in "$@"; do r=$((r + $(rss_kb "$pid"))); done
  hwm=0; for pid in "$@"; do hwm=$((hwm + $(hwm_kb "$pid"))); done
  printf 'hold\t%s\tafter_streams_closed\t%s\t%s\t0\t%s\n' "$name" "$r" "$hwm" "$done_line" >>"$MEMORY_TSV"
  # Sluice hands free memory back to the OS every 10 s: the reading once that has happened.
  sleep 11
  r=0; for pid in "$@"; do r=$((r + $(rss_kb "$pid"))); done
  hwm=0; for pid in "$@"; do hwm=$((hwm + $(hwm_kb "$pid"))); done
  printf 'hold\t%s\tafter_streams_closed_12s\t%s\t%s\t0\t\n' "$name" "$r" "$hwm" >>"$MEMORY_TSV"
}

if [ "$MEMORY" = 1 ]; then
  read -r SLUICE_PORT2 NGINX_PORT2 < <(free_ports 2)
  start_mock mock_slow --chunk-delay-ms "$HOLD_DELAY_MS" --chunks "$HOLD_CHUNKS"
  SLOW_MOCK_PID=$MOCK_PID
  start_sluice sluice_hold "$SLUICE_PORT2" "$MOCK_PORT"
  printf 'hold\tsluice\tidle_before_first_request\t%s\t%s\t0\t\n' "$(rss_kb "$SLUICE_PID")" "$(hwm_kb "$SLUICE_PID")" >>"$MEMORY_TSV"
  hold_streams sluice "http://127.0.0.1:$SLUICE_PORT2/v1/chat/completions" "$SLUICE_PID"
  stop_pid "$SLUICE_PID"
  start_nginx nginx_hold "$NGINX_PORT2" "$MOCK_PORT"
  printf 'hold\tnginx\tidle_before_first_request\t%s\t%s\t0\tworker+master\n' \
    "$(( $(rss_kb "$NGINX_WORKER") + $(rss_kb "$NGINX_PID") ))" "$(( $(hwm_kb "$NGINX_WORKER") + $(hwm_kb "$NGINX_PID") ))" >>"$MEMORY_TSV"
  hold_streams nginx "http://127.0.0.1:$NGINX_PORT2/v1/chat/completions" "$NGINX_PID" "$NGINX_WORKER"
  stop_pid "$NGINX_PID"; stop_pid "$SLOW_MOCK_PID"
fi

# ---------------------------------------------------------------- summary
node "$BENCH_DIR/summarize.js" "$OUT" | tee "$OUT/summary.md"
log "done: $OUT/summary.md"
