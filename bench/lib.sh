# Shared set-up of the interleaved bench scripts (translation.sh, telemetry.sh): sourced, not run.
#   bench_setup NAME "$@"   parses --rounds N, --duration S, --no-build; makes
#                           bench/results/NAME-<time>/ (OUT) with raw/ and logs/; builds Release
#                           sluice + mock_provider into $BUILD_DIR (default build-release) unless
#                           --no-build; sets SLUICE_BIN, MOCK_BIN, ROUNDS, DURATION; kills what
#                           was started (PIDS) on exit.
#   thread_cpu_ticks PID    one line per thread: its name and CPU ticks so far (user + system,
#                           1/CLK_TCK s), summed over threads of the same name.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

bench_setup() {
  local name=$1 build=1
  shift
  ROUNDS=3
  DURATION=5
  BUILD_DIR=${BUILD_DIR:-build-release}
  while [ $# -gt 0 ]; do
    case "$1" in
      --rounds) ROUNDS=$2; shift 2 ;;
      --duration) DURATION=$2; shift 2 ;;
      --no-build) build=0; shift ;;
      *) echo "$name: unknown option $1" >&2; exit 2 ;;
    esac
  done
  OUT="$BENCH_DIR/results/$name-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$OUT/raw" "$OUT/logs"
  PIDS=()
  trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
  if [ "$build" = 1 ]; then
    (cd "$REPO" && bash scripts/install-deps.sh &&
       BUILD_DIR="$BUILD_DIR" BUILD_TYPE=Release TARGETS="sluice mock_provider" \
       bash scripts/build.sh -DSLUICE_BUILD_TESTS=OFF "-DCMAKE_CXX_FLAGS=-Wno-error=restrict") \
       >"$OUT/logs/build.log" 2>&1
  fi
  SLUICE_BIN="$REPO/$BUILD_DIR/src/sluice"
  MOCK_BIN="$REPO/$BUILD_DIR/tools/mock_provider/mock_provider"
}

thread_cpu_ticks() {
  local stat
  for stat in /proc/"$1"/task/*/stat; do
    # comm is field 2 in parentheses; utime and stime are fields 14 and 15.
    sed -E 's/^[0-9]+ \(([^)]*)\) /\1 /' "$stat" 2>/dev/null | awk '{ print $1, $13 + $14 }'
  done | awk '{ t[$1] += $2 } END { for (n in t) print n, t[n] }'
}
