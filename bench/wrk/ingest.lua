-- Metric ingestion: POST /api/ingest/metrics with BENCH_BATCH points per request (default 5,000), identities
-- 1..BENCH_IDENTITIES. Every request uses its own observedAt (thread id x 1,000,000 s + request number) and the
-- metric name carries the run's start time, so no point is ever a duplicate.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
require("common")

local batch = tonumber(os.getenv("BENCH_BATCH") or "5000")
local identities = tonumber(os.getenv("BENCH_IDENTITIES") or "1000")
local run = os.getenv("BENCH_RUN_ID") or tostring(os.time())
local base = os.time() - 200 * 86400
local n = 0

request = function()
   n = n + 1
   local at = os.date("!%Y-%m-%dT%H:%M:%SZ", base + (tid or 0) * 1000000 + n)
   local parts = {}
   for k = 0, batch - 1 do
      local identity = 1 + k % identities
      local metric = "bench_" .. run .. "_" .. math.floor(k / identities)
      parts[k + 1] = string.format('{"identityId":"%d","metric":"%s","observedAt":"%s","value":%d}', identity, metric, at, k)
   end
   return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end
