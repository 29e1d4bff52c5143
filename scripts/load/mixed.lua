-- A mixed load for scripts/load.sh, in turn on every connection: the two encodings crapido has,
-- each a good request of a logged-in applicant (JSON credit-info, a multipart photo upload),
-- then a form body to a JSON endpoint, malformed JSON, a real name (not routed), wrong decoys,
-- and a good body without a session. The good two must answer a success code; the other five
-- a failure envelope. The session token (LOAD_TOKEN) is the one load.sh logged in with, for the
-- mobile LOAD_MOBILE, in the `token` header as crapido's base build sends it.
local mobile = assert(os.getenv("LOAD_MOBILE"), "LOAD_MOBILE: the logged-in mobile")
local session = {["token"] = assert(os.getenv("LOAD_TOKEN"), "LOAD_TOKEN: a session token")}
local b = "veilload"
local multipart = "--" .. b .. "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n11\r\n--" .. b ..
  "\r\nContent-Disposition: form-data; name=\"AKS_lk\"\r\n\r\n1\r\n--" .. b ..
  "\r\nContent-Disposition: form-data; name=\"laks_pl\"\r\n\r\n23\r\n--" .. b ..
  "\r\nContent-Disposition: form-data; name=\"attach\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" ..
  "\255\216\255\224JPEG\r\n--" .. b .. "--\r\n"
local json = "application/json"
local good = '{"mobile":"' .. mobile .. '","product_id":"1","KAMD":"ksjd","FPALS":"12315a","AJKDS":"3"}'
-- Each request: path, content type, body, and whether it goes without the session.
local requests = {
  {"/Crapido/mkla-pk", json, good},
  {"/Crapido/upimg", "multipart/form-data; boundary=" .. b, multipart},
  {"/Crapido/mkla-pk", "application/x-www-form-urlencoded", "mobile=" .. mobile .. "&product_id=1"},
  {"/Crapido/mkla-pk", json, "{not json"},
  {"/v3/certify/credit-info", json, '{"mobile":"' .. mobile .. '","product_id":"1"}'},
  {"/Crapido/mkla-pk", json, '{"mobile":"' .. mobile .. '","product_id":"1","KAMD":"wrong","FPALS":"x","AJKDS":"9"}'},
  {"/Crapido/mkla-pk", json, good, true},
}

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(_)
  sent = 0
  successes = 0
end

local i = 0
request = function()
  i = i % #requests + 1
  sent = sent + 1
  local r = requests[i]
  local headers = {["Content-Type"] = r[2]}
  if not r[4] then
    for name, value in pairs(session) do headers[name] = value end
  end
  return wrk.format("POST", r[1], headers, r[3])
end

response = function(_, _, body)
  -- Success codes of crapido: "00" (credit-info) and "0" (upload).
  if body:find('^{"code":"0+"') then
    successes = successes + 1
  end
end

done = function(summary, latency, _)
  local e = summary.errors
  local ok = 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("successes")
  end
  io.write(string.format("requests %d, errors %d (connect %d, read %d, write %d, timeout %d), non-2xx/3xx %d\n",
    summary.requests, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("success envelopes %d of %d answers (%.1f%%; the mix is 2 good requests in 7: 28.6%%)\n",
    ok, summary.requests, 100 * ok / math.max(summary.requests, 1)))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
end
