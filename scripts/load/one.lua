-- One request, again and again, for the comparison in scripts/load.sh: the body of the file
-- LOAD_BODY to the path LOAD_PATH, as JSON, logged in with the session token LOAD_TOKEN (in the
-- `token` header, as crapido's base build sends it; both servers of the bench accept it).
-- Prints requests per second and errors.
local file = assert(io.open(os.getenv("LOAD_BODY"), "rb"))
local body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.path = os.getenv("LOAD_PATH")
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["token"] = assert(os.getenv("LOAD_TOKEN"), "LOAD_TOKEN: the bench's session token")

done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format("requests/s %.0f, requests %d, errors %d, non-2xx/3xx %d, p99 %.2f ms\n",
    summary.requests / (summary.duration / 1e6), summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(99) / 1000))
end
