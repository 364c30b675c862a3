-- One GraphQL workload. BENCH_BODY_FILE: the JSON request body. When BENCH_ID_MAX is set, every request replaces
-- __ID__ in the body with a random id in [BENCH_ID_MIN, BENCH_ID_MAX].
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
require("common")

local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "r"))
local template = file:read("*a")
file:close()
local id_min = tonumber(os.getenv("BENCH_ID_MIN") or "1")
local id_max = tonumber(os.getenv("BENCH_ID_MAX") or "0")

if id_max > 0 then
   init = function(args)
      math.randomseed(os.time() + (tid or 0) * 7919)
   end
   request = function()
      local body = string.gsub(template, "__ID__", tostring(math.random(id_min, id_max)))
      return wrk.format(nil, nil, nil, body)
   end
else
   wrk.body = template
end
