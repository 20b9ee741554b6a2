-- w1_get_child.lua - W1: GET one child's record by id with a Bearer token.
--
-- Environment: BENCH_TOKEN (from POST /api/v1/session) and BENCH_IDS (a
-- file with one person id per line, all within the signed-in user's
-- scope, so every answer must be 200). Each wrk thread walks the ids from
-- its own pseudo-random start with a fixed stride, so the reads spread
-- over the whole database rather than one hot page.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local report = require("report")

local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do
  ids[#ids + 1] = line
end
assert(#ids > 0, "BENCH_IDS is empty")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

local pos = 1
local stride = 7919 -- a prime, coprime with any id count below it squared

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  pos = (seed or 1) % #ids + 1
end

function request()
  pos = (pos + stride - 1) % #ids + 1
  return wrk.format("GET", "/api/v1/people/" .. ids[pos])
end

done = report.done
