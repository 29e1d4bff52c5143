//! `veil::server::serve` in the open: slow request heads and bodies past the connection cap,
//! idle keep-alive connections, handlers past their time limit, load past the concurrency limit,
//! and a graceful stop. Every server binds 127.0.0.1; every wait is bounded.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use veil::server::{ApiError, RequestContext, Serve, ServerOptions};

mod s {
    veil::generate!("specs/serving.yaml");
}

/// Waits as long as the request asks.
struct Clock;

impl s::ClockApi for Clock {
    async fn wait(
        &self,
        request: s::WaitRequest,
        _: RequestContext,
    ) -> Result<s::Waited, ApiError> {
        let ms = u64::try_from(request.ms).unwrap_or(0);
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok(s::Waited {
            waited_ms: request.ms,
        })
    }
}

/// Serves the generated router on a free port, set up by `setup`.
async fn start(options: ServerOptions, setup: impl FnOnce(Serve) -> Serve) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let addr = listener.local_addr().expect("a bound address");
    let serve = setup(Serve::new(listener, s::router(Clock, options)));
    tokio::spawn(serve.run());
    addr
}

fn wait_request(ms: u64) -> String {
    let body = format!("{{\"ms\":{ms}}}");
    format!(
        "POST /c/w HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// An answer read off the wire: its status and JSON body.
#[derive(Debug)]
struct Answer {
    status: u16,
    body: Value,
}

/// Reads one HTTP/1.1 answer (with a Content-Length) from `stream`.
async fn read_answer(stream: &mut TcpStream) -> Option<Answer> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).to_ascii_lowercase();
    let status = head.get(9..12)?.parse().ok()?;
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))?
        .trim()
        .parse()
        .ok()?;
    while bytes.len() < head_end + length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..read]);
    }
    let body = serde_json::from_slice(&bytes[head_end..head_end + length]).ok()?;
    Some(Answer { status, body })
}

/// One request on a new connection, with the time it took to be answered.
async fn ask(addr: SocketAddr, request: &str) -> (Option<Answer>, Duration) {
    let started = Instant::now();
    let answer = tokio::time::timeout(Duration::from_secs(5), async {
        let mut stream = TcpStream::connect(addr).await.ok()?;
        stream.write_all(request.as_bytes()).await.ok()?;
        read_answer(&mut stream).await
    })
    .await
    .ok()
    .flatten();
    (answer, started.elapsed())
}

/// Opens `count` connections that each send `prefix` and then nothing more.
async fn stall(addr: SocketAddr, count: usize, prefix: &str) -> Vec<TcpStream> {
    let mut streams = Vec::with_capacity(count);
    for _ in 0..count {
        let mut stream = TcpStream::connect(addr).await.expect("connects");
        stream
            .write_all(prefix.as_bytes())
            .await
            .expect("the prefix is sent");
        streams.push(stream);
    }
    streams
}

/// Whether the server closed `stream` within `limit` (a read sees the end, or a reset).
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    let mut byte = [0u8; 1];
    matches!(
        tokio::time::timeout(limit, stream.read(&mut byte)).await,
        Ok(Ok(0) | Err(_))
    )
}

const SLOW_HEAD: &str = "POST /c/w HTTP/1.1\r\nHost: test\r\n";
const SLOW_BODY: &str = "POST /c/w HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ms\":";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_heads_and_bodies_past_the_cap_leave_an_honest_client_served_within_a_second() {
    let cap = 64;
    let addr = start(ServerOptions::new(), |serve| serve.max_connections(cap)).await;
    // 80 connections for 64 slots, each stalled in its head or its body; the default time
    // limits (10 s and more) are far longer than this test.
    let mut slow = stall(addr, 40, SLOW_HEAD).await;
    slow.extend(stall(addr, 40, SLOW_BODY).await);
    tokio::time::sleep(Duration::from_millis(200)).await;

    for round in 0..3 {
        let (answer, elapsed) = ask(addr, &wait_request(0)).await;
        let answer = answer.unwrap_or_else(|| panic!("round {round}: no answer in {elapsed:?}"));
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.body["code"], "0", "{answer:?}");
        assert!(
            elapsed < Duration::from_secs(1),
            "round {round}: {elapsed:?}"
        );
    }
    // Room was made by closing the slow connections that waited longest, never more than
    // needed: most of them are still open.
    let mut closed = 0;
    for stream in &mut slow {
        if closed_within(stream, Duration::from_millis(1)).await {
            closed += 1;
        }
    }
    assert!(
        (16..=40).contains(&closed),
        "{closed} of the 80 slow connections closed"
    );
}

#[tokio::test]
async fn connections_idle_past_the_header_limit_are_closed() {
    let limit = Duration::from_millis(300);
    let addr = start(ServerOptions::new(), |serve| serve.header_timeout(limit)).await;

    // A kept-alive connection, answered once, then silent.
    let mut kept = TcpStream::connect(addr).await.expect("connects");
    kept.write_all(wait_request(0).as_bytes())
        .await
        .expect("sent");
    let answer = read_answer(&mut kept).await.expect("an answer");
    assert_eq!(answer.status, 200);
    let answered = Instant::now();
    // A connection that never sends a byte, and one that stops in its head.
    let mut silent = TcpStream::connect(addr).await.expect("connects");
    let mut slow = stall(addr, 1, SLOW_HEAD).await.remove(0);
    let opened = Instant::now();

    for (what, stream, since) in [
        ("kept-alive", &mut kept, answered),
        ("silent", &mut silent, opened),
        ("slow head", &mut slow, opened),
    ] {
        assert!(
            closed_within(stream, Duration::from_secs(3)).await,
            "the {what} connection is still open"
        );
        let elapsed = since.elapsed();
        assert!(
            elapsed >= limit - Duration::from_millis(50),
            "{what}: {elapsed:?}"
        );
    }
}

#[tokio::test]
async fn a_stop_lets_the_request_in_flight_finish_and_stops_accepting() {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let addr = listener.local_addr().expect("a bound address");
    let server = tokio::spawn(
        Serve::new(listener, s::router(Clock, ServerOptions::new()))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .run(),
    );
    let in_flight = tokio::spawn(async move { ask(addr, &wait_request(400)).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).expect("the server listens for the stop");

    let (answer, _) = in_flight.await.expect("no panic");
    let answer = answer.expect("the request in flight is answered");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["data"]["waited_ms"], 400);
    let returned = tokio::time::timeout(Duration::from_secs(3), server).await;
    assert!(
        matches!(returned, Ok(Ok(Ok(())))),
        "serve returns: {returned:?}"
    );
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "nothing is accepted any more"
    );
}

#[tokio::test]
async fn the_grace_period_bounds_the_stop() {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let addr = listener.local_addr().expect("a bound address");
    let server = tokio::spawn(
        Serve::new(listener, s::router(Clock, ServerOptions::new()))
            .shutdown_grace(Duration::from_millis(200))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .run(),
    );
    let _in_flight = tokio::spawn(async move { ask(addr, &wait_request(20_000)).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let asked = Instant::now();
    stop.send(()).expect("the server listens for the stop");
    let returned = tokio::time::timeout(Duration::from_secs(3), server).await;
    assert!(matches!(returned, Ok(Ok(Ok(())))), "{returned:?}");
    assert!(asked.elapsed() < Duration::from_secs(2));
}
