-- report.lua - shared by the wrk scripts: prints one machine-readable
-- RESULT line from wrk's done() callback, which run.sh turns into the
-- table. Latencies are in microseconds; "bad" counts answers with a status
-- of 400 or more plus socket errors, and any of them fails the run.
local report = {}

function report.done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d " ..
    "p99_us=%d max_us=%d bad_status=%d connect_err=%d read_err=%d " ..
    "write_err=%d timeouts=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.status, e.connect, e.read,
    e.write, e.timeout))
end

return report
