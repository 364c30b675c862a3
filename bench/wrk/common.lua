-- Shared by every workload: headers from the environment, per-thread error counting, one summary line.
-- BENCH_TOKEN, BENCH_TENANT: Authorization bearer token and X-Tenant-ID.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["X-Tenant-ID"] = os.getenv("BENCH_TENANT")

local threads = {}
local thread_count = 0

function setup(thread)
   thread:set("tid", thread_count)
   thread_count = thread_count + 1
   table.insert(threads, thread)
end

errors = 0
accepted = 0
first_error = nil

-- A 200 whose body carries GraphQL "errors" counts as an error too.
function count_response(status, body)
   if status ~= 200 or string.find(body, '"errors"', 1, true) then
      errors = errors + 1
      if first_error == nil then
         first_error = status .. " " .. string.sub(body, 1, 400)
      end
   else
      local n = string.match(body, '"accepted":(%d+)')
      if n then accepted = accepted + tonumber(n) end
   end
end

response = function(status, headers, body)
   count_response(status, body)
end

function done(summary, latency, requests)
   local errs, acc, first = 0, 0, nil
   for _, t in ipairs(threads) do
      errs = errs + (t:get("errors") or 0)
      acc = acc + (t:get("accepted") or 0)
      first = first or t:get("first_error")
   end
   local seconds = summary.duration / 1e6
   local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
   io.write(string.format("BENCH requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d socket_errors=%d accepted_per_s=%.0f\n",
      summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      errs, socket, acc / seconds))
   if first then
      io.write("BENCH_FIRST_ERROR " .. string.gsub(first, "\n", " ") .. "\n")
   end
end
