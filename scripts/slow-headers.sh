#!/usr/bin/env bash
# The Done-when figure of issue 18: `generated-demo serve` (release) under an open-file limit
# of 1,024, held by 1,100 connections that each send a request line and then one header line
# every 5 seconds; meanwhile an honest request is timed, several times. Loopback only.
#
#   scripts/slow-headers.sh [--connections N] [--seconds S]
#
# Prints each honest request's time and status, and the slow connections still open at the end.
set -euo pipefail
connections=1100
seconds=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
source scripts/lib/login.sh
cargo build --release -q -p generated-demo --bin generated-demo
port=18$((RANDOM % 900 + 100))
(ulimit -n 1024; exec target/release/generated-demo serve --addr "127.0.0.1:$port") >/tmp/slow-headers-serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 1
# The honest client is logged in; the slow ones never get past their headers anyway.
token=$(demo_login "http://127.0.0.1:$port" /tmp/slow-headers-serve.log)
python3 - "$port" "$connections" "$seconds" "$token" <<'PY'
import socket, subprocess, sys, time
port, count, seconds, token = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
slow = []
for _ in range(count):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"POST /Crapido/mkla-pk HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    except OSError:
        s.close()
print(f"slow connections opened: {len(slow)}")
start, worst, n = time.time(), 0.0, 0
while time.time() - start < seconds:
    for s in list(slow):
        try:
            s.sendall(b"X-Slow: 1\r\n")
        except OSError:
            slow.remove(s)
    out = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-m", "5", "-w", "%{http_code} %{time_total}",
         "-H", "Content-Type: application/x-www-form-urlencoded", "-H", f"token: {token}",
         "--data", "mobile=1",
         f"http://127.0.0.1:{port}/Crapido/mkla-pk"], capture_output=True, text=True).stdout
    code, took = out.split()
    worst, n = max(worst, float(took)), n + 1
    print(f"honest request: HTTP {code} in {float(took)*1000:.0f} ms; slow connections still open: {len(slow)}")
    time.sleep(5)
print(f"honest requests: {n}, slowest {worst*1000:.0f} ms")
PY
