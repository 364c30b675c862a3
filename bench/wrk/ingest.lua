-- Metric ingestion: POST /api/ingest/metrics with BENCH_BATCH points per request (default 5,000) over identities
-- 1..BENCH_IDENTITIES, cycling through the metrics in BENCH_METRICS (comma-separated). Every request uses its own
-- observedAt (thread id x 1,000,000 s + request number, plus a per-run millisecond offset), so no point is ever a
-- duplicate, within a run or across runs.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
require("common")

local batch = tonumber(os.getenv("BENCH_BATCH") or "5000")
local identities = tonumber(os.getenv("BENCH_IDENTITIES") or "1000")
local run = tonumber(os.getenv("BENCH_RUN_ID") or tostring(os.time()))
local metrics = {}
for m in string.gmatch(os.getenv("BENCH_METRICS") or "likes,comments,shares,views,impressions", "[^,]+") do
   table.insert(metrics, m)
end
local base = os.time() - 200 * 86400
local millis = string.format("%03d", run % 1000)
local n = 0

request = function()
   n = n + 1
   local at = os.date("!%Y-%m-%dT%H:%M:%S", base + (tid or 0) * 1000000 + n) .. "." .. millis .. "Z"
   local parts = {}
   for k = 0, batch - 1 do
      local metric = metrics[1 + k % #metrics]
      local identity = 1 + math.floor(k / #metrics) % identities
      parts[k + 1] = string.format('{"identityId":"%d","metric":"%s","observedAt":"%s","value":%d}', identity, metric, at, k)
   end
   return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end
