-- wrk script for scripts/bench.py: one JSON line of figures when the run ends.
-- Optional request header from the environment, e.g. a cookie that makes the
-- page cache step aside (BENCH_COOKIE="sessionid=none").

-- As the TLS-terminating proxy in front of production does.
wrk.headers["X-Forwarded-Proto"] = "https"

local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout
  ))
end
