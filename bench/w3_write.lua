-- w3_write.lua - W3: one durable write per request.
--
-- Environment: BENCH_TOKEN; BENCH_W3_PATH (the endpoint); BENCH_W3_BODY (a
-- JSON template: every "{n}" becomes a per-request counter so the records
-- differ, every "{id}" an id taken in turn from the file BENCH_IDS, e.g.
-- the case a contact is recorded on). Each write is validated, committed
-- in a transaction with its audit row, and answered only once durable.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local report = require("report")

wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
local path = os.getenv("BENCH_W3_PATH")
local template = os.getenv("BENCH_W3_BODY")
local ids = {}
local id_file = os.getenv("BENCH_IDS")
if id_file and id_file ~= "" then
  for line in io.lines(id_file) do
    ids[#ids + 1] = line
  end
end
local n = 0

function setup(thread)
  thread:set("tag", math.random(1, 100000))
end

function request()
  n = n + 1
  local body = template:gsub("{n}", tostring((tag or 0) * 1000000 + n))
  if #ids > 0 then
    body = body:gsub("{id}", ids[((tag or 0) * 7919 + n) % #ids + 1])
  end
  return wrk.format("POST", path, nil, body)
end

done = report.done
