-- wrk script for the Sluice bench: POSTs one chat body, optionally with think time and a
-- per-response check, and prints one machine-readable BENCH_RESULT line at the end.
--
-- Environment (read by every wrk thread, each has its own Lua state):
--   BENCH_BODY            path of the request body (JSON)                       [required]
--   BENCH_AUTH            bearer token sent as Authorization                     [sk-bench]
--   BENCH_THINK_MS        per-connection pause between requests (wrk's delay()) [0 = closed loop]
--   BENCH_VERIFY=1        check every response: status 200 and the expectations below
--   BENCH_EXPECT          substring every response body must contain
--   BENCH_EXPECT_CHUNKS   SSE: exact number of chat.completion.chunk events, plus data: [DONE]

local body_path = assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set")
local f = assert(io.open(body_path, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_AUTH") or "sk-bench")

local think_ms = tonumber(os.getenv("BENCH_THINK_MS") or "0") or 0
if think_ms > 0 then
  function delay()
    return think_ms
  end
end

-- Globals so that done() can read them per thread with thread:get().
checked = 0
bad = 0

if os.getenv("BENCH_VERIFY") == "1" then
  local expect = os.getenv("BENCH_EXPECT") or ""
  local expect_chunks = tonumber(os.getenv("BENCH_EXPECT_CHUNKS") or "0") or 0
  local chunk_pattern = '"object":"chat%.completion%.chunk"'

  function response(status, headers, rbody)
    checked = checked + 1
    local ok = status == 200 and rbody ~= nil
    if ok and expect ~= "" then
      ok = string.find(rbody, expect, 1, true) ~= nil
    end
    if ok and expect_chunks > 0 then
      local n = 0
      for _ in string.gmatch(rbody, chunk_pattern) do
        n = n + 1
      end
      ok = n == expect_chunks and string.find(rbody, "data: [DONE]", 1, true) ~= nil
    end
    if not ok then
      bad = bad + 1
      if bad <= 2 then
        io.stderr:write(string.format("BAD RESPONSE status=%d body=%s\n", status,
                                      string.sub(rbody or "", 1, 400)))
      end
    end
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local checked_total, bad_total = 0, 0
  for _, t in ipairs(threads) do
    checked_total = checked_total + (t:get("checked") or 0)
    bad_total = bad_total + (t:get("bad") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d " ..
    "timeout=%d p50=%d p90=%d p99=%d p999=%d max=%d mean=%.1f checked=%d bad=%d\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean, checked_total, bad_total))
end
