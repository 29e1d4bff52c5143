-- A mixed load for scripts/load.sh: good form requests, a multipart upload, malformed bodies,
-- wrong paths and wrong decoys, in turn on every connection.
local form = "application/x-www-form-urlencoded"
local b = "veilload"
local multipart = "--" .. b .. "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n11\r\n--" .. b ..
  "\r\nContent-Disposition: form-data; name=\"AKS_lk\"\r\n\r\n1\r\n--" .. b ..
  "\r\nContent-Disposition: form-data; name=\"laks_pl\"\r\n\r\n23\r\n--" .. b ..
  "\r\nContent-Disposition: form-data; name=\"attach\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEG\r\n--" .. b .. "--\r\n"
local requests = {
  {"/Crapido/mkla-pk", form, "mobile=5512345678&product_id=1&KAMD=ksjd&FPALS=12315a&AJKDS=3"},
  {"/Crapido/upimg", "multipart/form-data; boundary=" .. b, multipart},
  {"/Crapido/mkla-pk", form, "%%%&&=="},
  {"/Crapido/mkla-pk", "application/json", "{not json"},
  {"/v3/certify/credit-info", form, "mobile=5512345678"},
  {"/Crapido/mkla-pk", form, "mobile=5512345678&product_id=1&KAMD=wrong&FPALS=x&AJKDS=9"},
}
local i = 0
request = function()
  i = i % #requests + 1
  local r = requests[i]
  return wrk.format("POST", r[1], {["Content-Type"] = r[2]}, r[3])
end
done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format("requests %d, errors %d (connect %d, read %d, write %d, timeout %d), non-2xx/3xx %d\n",
    summary.requests, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
end
