-- wrk script of `make bench`: prints the figures of a run as one JSON line (BENCH_JSON …).
-- With WRK_VARY_QUERY=1 every request gets a new dummy parameter, so that no cache answers.

local counter = 0
prefix = "" -- set per thread by setup()

function setup(thread)
  counter = counter + 1
  thread:set("prefix", tostring(counter))
end

if os.getenv("WRK_VARY_QUERY") == "1" then
  function request()
    counter = counter + 1
    local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. separator .. "_bench=" .. prefix .. "-" .. counter)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors_connect": %d, '
      .. '"errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout, latency:percentile(50),
    latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean))
end
