-- wrk script of `make soak`: every connection rotates through the paths of SOAK_PATHS (one
-- per line), counts the answers per status and prints the figures as one JSON line.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("SOAK_PATHS")) do
    if line ~= "" then table.insert(paths, line) end
  end
  position = (id * 7) % #paths
  statuses = {}
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'SOAK_JSON {"requests": %d, "duration_us": %d, "errors_connect": %d, "errors_read": %d, '
      .. '"errors_write": %d, "errors_status": %d, "errors_timeout": %d, "p50_us": %d, '
      .. '"p99_us": %d, "max_us": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(99),
    latency.max, table.concat(parts, ", ")))
end
