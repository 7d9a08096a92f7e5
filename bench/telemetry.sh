#!/usr/bin/env bash
# Recording cost (issue 5's target): the same gateway with call records written to SQLite and
# with telemetry off, against the same mock, interleaved in one run. Recording must keep at
# least 0.9x the throughput and must not add to a request's latency (p99 both ways).
#
#   bash bench/telemetry.sh [--rounds N] [--duration S] [--no-build]
#
# Arms (non-streamed chat): c64 closed loop (throughput) and c8 with 10 ms think time (latency),
# each against sluice-records (telemetry on, sqlite file) and sluice-off (telemetry.enabled:
# false). Placement as bench/run.sh: sluice alone on CPU 1, the mock and wrk on CPU 0. After the
# run: records stored vs requests answered, and the dropped-records counter. For the c64 arms,
# the CPU each sluice thread used per answered request (from /proc, user + system): the
# writer thread's share is the recording's cost when the gateway's cores are busy.
# Results: bench/results/telemetry-<time>/ (results.tsv, summary.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_setup telemetry "$@"

MOCK_PORT=$(free_port)
taskset -c 0 "$MOCK_BIN" --host 127.0.0.1 --port "$MOCK_PORT" --threads 1 >"$OUT/logs/mock.log" 2>&1 &
PIDS+=($!)
wait_port "$MOCK_PORT"

declare -A PORT SPID
start_sluice() {  # name, telemetry line
  local name=$1 telemetry=$2 port
  port=$(free_port)
  cat >"$OUT/$name.yaml" <<YAML
server: { listen: "127.0.0.1:$port", workers: 1, admin_key: "sk-bench-admin" }
storage: { url: "sqlite://$OUT/$name.db" }
telemetry: $telemetry
providers:
  oai: { type: openai_compatible, api_base: "http://127.0.0.1:$MOCK_PORT/v1", api_key: "sk-bench" }
models:
  - name: gpt-4o-mini
    deployments: [ { provider: oai, model: gpt-4o-mini } ]
YAML
  (cd "$OUT" && exec taskset -c 1 "$SLUICE_BIN" serve --config "$OUT/$name.yaml") >"$OUT/logs/$name.log" 2>&1 &
  PIDS+=($!)
  SPID[$name]=$!
  wait_port "$port"
  PORT[$name]=$port
}
start_sluice sluice-records "{ enabled: true }"
start_sluice sluice-off "{ enabled: false }"
ARMS=(sluice-off sluice-records)

printf 'round\tmode\tarm\trps\tp50_us\tp99_us\terrors\trequests\n' >"$OUT/results.tsv"
printf 'round\tarm\tthread\tcpu_us_per_request\n' >"$OUT/cpu.tsv"
TICK=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for mode in c64 lowload; do
    conns=64; think=0
    [ "$mode" = lowload ] && conns=8 && think=10
    for arm in "${ARMS[@]}"; do
      raw="$OUT/raw/r${round}_${mode}_${arm}.txt"
      thread_cpu_ticks "${SPID[$arm]}" >"$OUT/raw/cpu_before"
      BENCH_BODY="$BENCH_DIR/payloads/chat.json" BENCH_THINK_MS=$think taskset -c 0 wrk -t1 \
        -c"$conns" -d"${DURATION}s" --timeout 5s --latency -s "$BENCH_DIR/wrk/chat.lua" \
        "http://127.0.0.1:${PORT[$arm]}/v1/chat/completions" >"$raw" 2>&1
      grep '^BENCH_RESULT' "$raw" | awk -v r="$round" -v m="$mode" -v a="$arm" '
        { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
        END { d = v["duration_us"] / 1e6; printf "%s\t%s\t%s\t%.0f\t%d\t%d\t%d\t%d\n", r, m, a, v["requests"] / d,
              v["p50"], v["p99"], v["connect"] + v["read"] + v["write"] + v["timeout"] + v["status"], v["requests"] }' \
        >>"$OUT/results.tsv"
      tail -n1 "$OUT/results.tsv" >&2
      if [ "$mode" = c64 ]; then
        answered_now=$(tail -n1 "$OUT/results.tsv" | awk -F'\t' '{ print $8 - $7 }')
        thread_cpu_ticks "${SPID[$arm]}" | awk -v r="$round" -v a="$arm" -v n="$answered_now" \
          -v tick="$TICK" 'NR == FNR { before[$1] = $2; next }
          $2 > before[$1] { printf "%s\t%s\t%s\t%.2f\n", r, a, $1, ($2 - before[$1]) * 1e6 / tick / n }' \
          "$OUT/raw/cpu_before" - >>"$OUT/cpu.tsv"
      fi
    done
  done
done

sleep 1  # the writer's last flush
answered=$(awk -F'\t' 'NR > 1 && $3 == "sluice-records" { n += $8 - $7 } END { print n }' "$OUT/results.tsv")
stored=$(sqlite3 "$OUT/sluice-records.db" 'SELECT COUNT(*) FROM records')
dropped=$(curl -s "http://127.0.0.1:${PORT[sluice-records]}/metrics" |
  awk '/^sluice_telemetry_records_dropped_total/ { print $2 }')

awk -F'\t' 'NR > 1 { k = $2 "\t" $3; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; rps[k] = rps[k] " " $4
    if ($2 == "c64") round_rps[$1, $3] = $4; if ($1 > rounds) rounds = $1 }
  function med(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((n + 1) / 2)] }
  END {
    printf "| mode | arm | req/s | p50 µs | p99 µs |\n|---|---|---:|---:|---:|\n"
    for (mi = 1; mi <= 2; mi++) for (ai = 1; ai <= 2; ai++) {
      m = mi == 1 ? "c64" : "lowload"; a = ai == 1 ? "sluice-off" : "sluice-records"; k = m "\t" a
      printf "| %s | %s | %s | %s | %s |\n", m, a, med(rps[k]), med(p50[k]), med(p99[k]) }
    printf "\nthroughput c64, records/off: %.3f\n", med(rps["c64\tsluice-records"]) / med(rps["c64\tsluice-off"])
    # The host speed drifts between rounds; the two arms of a round ran back to back, so their
    # ratio is compared within the round too.
    for (r = 1; r <= rounds; r++) { x = round_rps[r, "sluice-records"] / round_rps[r, "sluice-off"]; per = per " " x; shown = shown sprintf(" %.3f", x) }
    printf "throughput c64, records/off within each round:%s (median %.3f)\n", shown, med(per)
    printf "p99 low load: records %d µs, off %d µs\n", med(p99["lowload\tsluice-records"]), med(p99["lowload\tsluice-off"])
  }' "$OUT/results.tsv" | tee "$OUT/summary.md"
printf 'answered with records on: %s; records stored: %s; dropped: %s\n' "$answered" "$stored" "$dropped" |
  tee -a "$OUT/summary.md"
{ printf '\nCPU per answered request at c64 (µs, mean of rounds):\n'
  awk -F'\t' 'NR > 1 { k = $2 " " $3; s[k] += $4; n[k]++ }
    END { for (k in s) printf "  %s: %.2f\n", k, s[k] / n[k] }' "$OUT/cpu.tsv" | sort
  # With the gateway's core saturated, throughput goes as 1 / CPU per request: the ratio the
  # CPU accounting predicts, less sensitive to the host's drift than the request rates.
  awk -F'\t' 'NR > 1 { if ($2 == "sluice-off") off += $4; else rec += $4; if ($2 == "sluice-off") n++ }
    END { if (rec > 0) printf "records/off from CPU per request: %.3f\n", off / rec }' "$OUT/cpu.tsv"; } |
  tee -a "$OUT/summary.md"
echo "results: $OUT" >&2
