#!/usr/bin/env bash
# Load on `generated-demo serve` (release, loopback): wrk with scripts/load/mixed.lua at 64
# connections, the server's RSS sampled every 5 s. Not in CI.
#
#   scripts/load.sh [--seconds N]   (default 60)
#
# The demo answers under `always_ok`, so a failure envelope is HTTP 200 and wrk's non-2xx count
# is the 5xx count (plus any other non-2xx status).
set -euo pipefail
seconds=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release -q -p generated-demo --bin generated-demo
port=19$((RANDOM % 900 + 100))
target/release/generated-demo serve --addr "127.0.0.1:$port" >/tmp/load-serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 1
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
( while sleep 5; do echo "rss_kib $(rss)"; done ) > /tmp/load-rss.log &
sampler=$!
start_rss=$(rss)
wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/load/mixed.lua "http://127.0.0.1:$port" | tail -2
kill "$sampler"
end_rss=$(rss)
echo "rss samples (KiB): $start_rss $(awk '{printf "%s ", $2}' /tmp/load-rss.log)$end_rss"
echo "rss growth: $(( end_rss - start_rss )) KiB ($start_rss -> $end_rss)"
