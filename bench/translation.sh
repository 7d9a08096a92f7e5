#!/usr/bin/env bash
# Translation overhead (issue 3's target): the latency a request gains through Sluice when the
# provider speaks OpenAI (bytes relayed, body patched) versus Anthropic (canonical translation
# both ways), against the same mock on the same machine in one interleaved run.
#
#   bash bench/translation.sh [--rounds N] [--duration S] [--no-build]
#
# Arms, all non-streamed chat at 8 connections, closed loop and 10 ms think time:
#   direct-openai     wrk -> mock /v1/chat/completions
#   direct-anthropic  wrk -> mock /v1/messages (the same conversation in Anthropic's shape)
#   sluice-openai     wrk -> sluice -> mock (type openai_compatible: pass-through)
#   sluice-anthropic  wrk -> sluice -> mock (type anthropic: translated)
# Added latency = sluice arm - the direct arm of the same wire format. Placement as bench/run.sh:
# sluice alone on CPU 1, the mock and wrk on CPU 0. Results: bench/results/translation-<time>/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_setup translation "$@"

MOCK_PORT=$(free_port)
taskset -c 0 "$MOCK_BIN" --host 127.0.0.1 --port "$MOCK_PORT" --threads 1 >"$OUT/logs/mock.log" 2>&1 &
PIDS+=($!)
wait_port "$MOCK_PORT"
SLUICE_PORT=$(free_port)
cat >"$OUT/sluice.yaml" <<YAML
server: { listen: "127.0.0.1:$SLUICE_PORT", workers: 1 }
providers:
  oai: { type: openai_compatible, api_base: "http://127.0.0.1:$MOCK_PORT/v1", api_key: "sk-bench" }
  claude: { type: anthropic, api_base: "http://127.0.0.1:$MOCK_PORT/v1", api_key: "sk-bench" }
models:
  - name: gpt-4o-mini
    deployments: [ { provider: oai, model: gpt-4o-mini } ]
  - name: claude-bench
    deployments: [ { provider: claude, model: claude-sonnet-4-5 } ]
YAML
(cd "$OUT" && exec taskset -c 1 "$SLUICE_BIN" serve --config "$OUT/sluice.yaml") >"$OUT/logs/sluice.log" 2>&1 &
PIDS+=($!)
wait_port "$SLUICE_PORT"

# Bodies: the bench's chat payload; the Anthropic-shaped and claude-routed variants of it.
OPENAI_BODY="$BENCH_DIR/payloads/chat.json"
CLAUDE_BODY="$OUT/chat_claude.json"
sed 's/"model":"gpt-4o-mini"/"model":"claude-bench"/' "$OPENAI_BODY" >"$CLAUDE_BODY"
MESSAGES_BODY="$OUT/messages.json"
cat >"$MESSAGES_BODY" <<'JSON'
{"model":"claude-sonnet-4-5","max_tokens":64,"system":"You are a concise assistant. Answer in one short sentence.","messages":[{"role":"user","content":"Summarise why an HTTP reverse proxy keeps a pool of upstream connections open."}],"temperature":0.2}
JSON

declare -A URL BODY
URL[direct-openai]="http://127.0.0.1:$MOCK_PORT/v1/chat/completions"; BODY[direct-openai]=$OPENAI_BODY
URL[direct-anthropic]="http://127.0.0.1:$MOCK_PORT/v1/messages"; BODY[direct-anthropic]=$MESSAGES_BODY
URL[sluice-openai]="http://127.0.0.1:$SLUICE_PORT/v1/chat/completions"; BODY[sluice-openai]=$OPENAI_BODY
URL[sluice-anthropic]="http://127.0.0.1:$SLUICE_PORT/v1/chat/completions"; BODY[sluice-anthropic]=$CLAUDE_BODY
ARMS=(direct-openai sluice-openai direct-anthropic sluice-anthropic)

for arm in "${ARMS[@]}"; do  # smoke: each arm answers 200 with the echoed text
  out=$(curl -sS -X POST "${URL[$arm]}" -H 'content-type: application/json' -H 'authorization: Bearer sk-bench' \
    -H 'anthropic-version: 2023-06-01' --data-binary "@${BODY[$arm]}")
  echo "$out" | grep -q 'echo: Summarise why' || { echo "smoke $arm failed: $out" >&2; exit 1; }
done

printf 'round\tmode\tarm\trps\tp50_us\tp99_us\terrors\n' >"$OUT/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for mode in lowload c8; do
    think=0; [ "$mode" = lowload ] && think=10
    for arm in "${ARMS[@]}"; do
      raw="$OUT/raw/r${round}_${mode}_${arm}.txt"
      BENCH_BODY="${BODY[$arm]}" BENCH_THINK_MS=$think taskset -c 0 wrk -t1 -c8 -d"${DURATION}s" \
        --timeout 5s --latency -s "$BENCH_DIR/wrk/chat.lua" -H 'anthropic-version: 2023-06-01' \
        "${URL[$arm]}" >"$raw" 2>&1
      grep '^BENCH_RESULT' "$raw" | awk -v r="$round" -v m="$mode" -v a="$arm" '
        { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
        END { d = v["duration_us"] / 1e6; printf "%s\t%s\t%s\t%.0f\t%d\t%d\t%d\n", r, m, a, v["requests"] / d,
              v["p50"], v["p99"], v["connect"] + v["read"] + v["write"] + v["timeout"] + v["status"] }' \
        >>"$OUT/results.tsv"
      tail -n1 "$OUT/results.tsv" >&2
    done
  done
done

# Medians over rounds, and added latency per wire format.
awk -F'\t' 'NR > 1 { k = $2 "\t" $3; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; rps[k] = rps[k] " " $4 }
  function med(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((n + 1) / 2)] }
  END {
    printf "| mode | arm | req/s | p50 µs | p99 µs |\n|---|---|---:|---:|---:|\n"
    for (k in p50) { split(k, kk, "\t"); printf "| %s | %s | %s | %s | %s |\n", kk[1], kk[2], med(rps[k]), med(p50[k]), med(p99[k]) }
    for (m in modes) ;
    for (mi = 1; mi <= 2; mi++) {
      mode = mi == 1 ? "lowload" : "c8"
      oa = med(p50[mode "\tsluice-openai"]) - med(p50[mode "\tdirect-openai"])
      an = med(p50[mode "\tsluice-anthropic"]) - med(p50[mode "\tdirect-anthropic"])
      printf "\n%s: added p50 openai pass-through %d µs, anthropic translated %d µs, ratio %.2f", mode, oa, an, (oa > 0 ? an / oa : 0)
    }
    printf "\n"
  }' "$OUT/results.tsv" | tee "$OUT/summary.md"
echo "results: $OUT" >&2
