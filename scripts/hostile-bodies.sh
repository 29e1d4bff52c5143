#!/usr/bin/env bash
# Issue 19's figures on a real server: `generated-demo serve` (debug build, as the issue measured
# it) on 127.0.0.1, sent
#   1. a multipart upload of 40,000 tiny parts (~42 bytes each): the time to the answer, which
#      must be the bad-request envelope, in well under a second;
#   2. an upload of 8 MiB in 1-byte chunks (Transfer-Encoding: chunked): the server's resident
#      memory (VmRSS) sampled every 20 ms while it arrives, and its peak growth over the payload,
#      which must stay under 3x.
# Loopback only, one connection at a time, bounded in size and time. Not part of CI.
# Usage: bash scripts/hostile-bodies.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/login.sh

cargo build --quiet -p generated-demo
demo=target/debug/generated-demo
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
"$demo" serve --addr "127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$log" && break; sleep 0.1; done
# Logged in, so that the bodies reach the decoder: without a session the router refuses a
# request before reading its body.
token=$(demo_login "http://127.0.0.1:$port" "$log")

python3 - "$port" "$pid" "$token" <<'PY'
import socket, sys, threading, time

port, pid, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
BOUNDARY = "veil-hostile-boundary"
PATH = "/Crapido/upimg"

def wait_until_listening():
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit("the demo did not start listening")

def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def read_answer(sock):
    sock.settimeout(30)
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                if len(body) >= int(line.split(b":")[1]):
                    return data
    return data

def envelope(answer):
    return answer.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")

def request_head(extra):
    return (f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\ntoken: {token}\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n{extra}\r\n").encode()

def many_tiny_parts(count=40_000):
    parts = "".join(f"--{BOUNDARY}\r\ncontent-disposition: form-data; name={i:06}\r\n\r\n\r\n"
                    for i in range(count))
    body = (parts + f"--{BOUNDARY}--\r\n").encode()
    sock = socket.create_connection(("127.0.0.1", port))
    started = time.perf_counter()
    sock.sendall(request_head(f"Content-Length: {len(body)}\r\nConnection: close\r\n") + body)
    answer = read_answer(sock)
    elapsed = time.perf_counter() - started
    sock.close()
    print(f"1. {count:,} tiny parts ({len(body):,} bytes): answered in {elapsed * 1000:.0f} ms")
    print(f"   answer: {envelope(answer)}")

def one_byte_chunks(payload=8 * 1024 * 1024):
    head = (f"--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"attach\"; "
            f"filename=\"id.jpg\"\r\ncontent-type: image/jpeg\r\n\r\n").encode()
    # A well-formed upload of the ID front with both decoys, so that the whole body is read and
    # decoded; the photo is a JPEG header and then filler.
    fields = [("type", "11"), ("AKS_lk", "1"), ("laks_pl", "23")]
    tail = "".join(f"\r\n--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"{name}\"\r\n\r\n{value}"
                   for name, value in fields)
    tail = (tail + f"\r\n--{BOUNDARY}--\r\n").encode()
    body = head + b"\xff\xd8\xff\xe0" + b"\x00" * (payload - 4) + tail
    before = rss_kib()
    peak = [before]
    done = threading.Event()
    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_kib())
            time.sleep(0.02)
    sampler = threading.Thread(target=sample)
    sampler.start()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(request_head("Transfer-Encoding: chunked\r\nConnection: close\r\n"))
    started = time.perf_counter()
    batch = 64 * 1024
    try:
        for at in range(0, len(body), batch):
            # Each byte its own chunk on the wire; many chunks per write, so the sender keeps up.
            sock.sendall(b"".join(b"1\r\n" + body[i:i + 1] + b"\r\n"
                                  for i in range(at, min(at + batch, len(body)))))
        sock.sendall(b"0\r\n\r\n")
    except OSError as err:
        print(f"   the server closed the upload early: {err}")
    answer = read_answer(sock)
    elapsed = time.perf_counter() - started
    sock.close()
    time.sleep(0.2)
    done.set()
    sampler.join()
    after = rss_kib()
    growth = (peak[0] - before) * 1024
    print(f"2. {payload // (1024 * 1024)} MiB in 1-byte chunks ({len(body):,} body bytes): "
          f"answered in {elapsed:.1f} s")
    print(f"   answer: {envelope(answer)[:200]}")
    print(f"   RSS before {before:,} KiB, peak {peak[0]:,} KiB, after {after:,} KiB: "
          f"peak growth {growth / payload:.2f}x the payload (limit 3x)")

wait_until_listening()
many_tiny_parts()
one_byte_chunks()
PY
