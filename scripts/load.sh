#!/usr/bin/env bash
# Load on the generated server, from a second process on loopback (wrk). Not in CI.
#
#   scripts/load.sh [--seconds N] [--compare-seconds M]   (defaults 60 and 10)
#
# 1. `generated-demo serve` (release) under scripts/load/mixed.lua at 64 connections for N
#    seconds: good JSON and multipart requests, a wrong encoding, malformed JSON, a real name,
#    wrong decoys, a request without a session, after a login. The server's RSS is sampled every 5 s. The demo answers under `always_ok`, so
#    a failure envelope is HTTP 200 and wrk's non-2xx count is the 5xx count (plus any other
#    non-2xx status); the script counts success envelopes to show the good requests succeed.
# 2. The generated router against a hand-written axum handler (benches/server_throughput.rs's
#    two servers, same answer byte for byte) under the same wrk load, one JSON request
#    (save-job-info) at 64 connections, in 3 alternating rounds of M seconds per server; prints
#    each round and the ratio of the medians. Both servers check the session; every request
#    carries the bench's token (`token` header), which the bench prints.
set -euo pipefail
seconds=60
compare_seconds=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --compare-seconds) compare_seconds="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
source scripts/lib/login.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== 1. mixed load on generated-demo serve, 64 connections, ${seconds} s"
cargo build --release -q -p generated-demo --bin generated-demo
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/release/generated-demo serve --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
pids+=("$server")
sleep 1
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
( while sleep 5; do echo "rss_kib $(rss)"; done ) > "$work/rss.log" &
sampler=$!
pids+=("$sampler")
start_rss=$(rss)
# Log in as the app does; every endpoint needs the session.
mobile=5512345678
token=$(demo_login "http://127.0.0.1:$port" "$work/serve.log" "$mobile")
export LOAD_TOKEN="$token" LOAD_MOBILE="$mobile"
wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/load/mixed.lua "http://127.0.0.1:$port" | tail -3
end_rss=$(rss)
kill "$sampler" "$server"
first_sample=$(awk 'NR == 1 {print $2}' "$work/rss.log")
echo "rss samples (KiB): $start_rss $(awk '{printf "%s ", $2}' "$work/rss.log")$end_rss"
# The first seconds fill the pools (64 connections, their buffers, SQLite's cache): growth is
# measured from the first sample under load to the end.
echo "rss growth: $(( end_rss - start_rss )) KiB from idle ($start_rss -> $end_rss);" \
  "$(( end_rss - ${first_sample:-$end_rss} )) KiB under load (${first_sample:-?} -> $end_rss)"

echo "== 2. generated router vs hand-written axum handler, 64 connections, 3 x ${compare_seconds} s each"
listen=$(( 3 * 2 * compare_seconds + 30 ))
SERVER_LISTEN_SECONDS=$listen SERVER_LISTEN_BODY="$work/body.json" \
  cargo bench -q --bench server_throughput > "$work/listen.log" 2>"$work/listen.err" &
pids+=("$!")
for _ in $(seq 600); do grep -q '^path ' "$work/listen.log" 2>/dev/null && break; sleep 0.5; done
generated=$(awk '/^generated / {print $2}' "$work/listen.log")
hand=$(awk '/^hand / {print $2}' "$work/listen.log")
path=$(awk '/^path / {print $2}' "$work/listen.log")
token=$(awk '/^token / {print $2}' "$work/listen.log")
[ -n "$generated" ] && [ -n "$hand" ] && [ -n "$token" ] || { echo "the bench servers did not start" >&2; cat "$work/listen.err" >&2; exit 1; }
run() { LOAD_BODY="$work/body.json" LOAD_PATH="$path" LOAD_TOKEN="$token" wrk -t2 -c64 -d"${compare_seconds}s" -s scripts/load/one.lua "$1" | tail -1; }
: > "$work/rates"
for round in 1 2 3; do
  g=$(run "$generated"); h=$(run "$hand")
  echo "round $round generated: $g"
  echo "round $round hand:      $h"
  echo "$(echo "$g" | awk '{print $2}' | tr -d ,) $(echo "$h" | awk '{print $2}' | tr -d ,)" >> "$work/rates"
done
python3 - "$work/rates" <<'PY'
import statistics, sys
rows = [tuple(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
gen, hand = statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)
print(f"median requests/s: generated {gen:.0f}, hand-written {hand:.0f}; ratio generated / hand {gen / hand:.3f}")
PY
