-- wrk script for BallotThroughputBenchTest (see WrkLoad). Run with one thread per connection: thread t sends the
-- ballots in <dir>/bodies-<t>.txt (one JSON body per line) in file order, strictly one at a time, and stops after
-- the answer to its last one. Timing is taken here (CLOCK_MONOTONIC through LuaJIT's ffi): from the first request of
-- any thread to the last answer of any thread. Prints "OCTO-DONE <thread>" per thread and one "OCTO k=v ..." line.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } octo_timespec;
  int clock_gettime(int clk_id, octo_timespec *tp);
]]
local ts = ffi.new("octo_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000000 + math.floor(tonumber(ts.tv_nsec) / 1000)
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local dir, path = args[1], args[2]
  reqs = {}
  for line in io.lines(dir .. "/bodies-" .. id .. ".txt") do
    reqs[#reqs + 1] = wrk.format("POST", path, { ["Content-Type"] = "application/json" }, line)
  end
  fallback = wrk.format("GET", "/q/health/live")
  i = 0
  -- wrk calls thread 0's request() once at start-up only to check the request (script_verify_request): give it the
  -- health check so that no ballot is lost
  verified = id ~= 0
  accepted = 0
  refused = 0
  answered = 0
  started = 0
  finished = 0
end

function request()
  if not verified then
    verified = true
    return fallback
  end
  i = i + 1
  if i == 1 then
    started = now_us()
  end
  if i > #reqs then
    return fallback -- not reached: the thread stops after its last answer
  end
  return reqs[i]
end

function response(status, headers, body)
  answered = answered + 1
  if status == 202 then
    accepted = accepted + 1
  else
    refused = refused + 1
    if refused <= 3 then
      io.stderr:write("refused: " .. status .. " " .. body .. "\n")
    end
  end
  if answered == #reqs then
    finished = now_us()
    io.stdout:write("OCTO-DONE " .. id .. "\n")
    io.stdout:flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local a, r, first, last, complete = 0, 0, nil, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    r = r + t:get("refused")
    local s, f = t:get("started"), t:get("finished")
    if s > 0 and (first == nil or s < first) then first = s end
    if f > last then last = f end
    if f > 0 then complete = complete + 1 end
  end
  io.write(string.format("OCTO accepted=%d refused=%d threads_complete=%d window_us=%d p50_us=%d p99_us=%d socket_errors=%d\n",
    a, r, complete, last - (first or last), latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
