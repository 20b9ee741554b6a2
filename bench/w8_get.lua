-- w8_get.lua - W8: GET one fixed path (BENCH_PATH) with a Bearer token
-- (BENCH_TOKEN), over and over: the parent worker's home page.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local report = require("report")

local path = os.getenv("BENCH_PATH")
assert(path and #path > 0, "BENCH_PATH is empty")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

function request()
  return wrk.format("GET", path)
end

done = report.done
