//! Server throughput: the router generated from spec/crapido.yaml against a hand-written axum
//! handler for the same endpoint (same JSON body in, same envelope out), on 127.0.0.1, under the
//! same load generator, in one run.
//!
//! ```sh
//! cargo bench --bench server_throughput
//! SERVER_ROUNDS=21 SERVER_REQUESTS=20000 cargo bench --bench server_throughput
//! ```
//!
//! Two endpoints: save-job-info (12 fields, no decoy, no data in the answer) and card-init (2
//! fields and 2 decoys, the seed's 2.5 KB form in the answer). The generated server checks the
//! decoys and the spec's constraints and wraps the answer in the envelope; the hand-written
//! handler is `axum::Json<T>` in and `axum::Json<Envelope>` out, with the decoys as fields and
//! checked by hand, and no constraint checks (hand-written code usually has none).
//!
//! Every crapido endpoint needs a session, and every request of the load carries the bench's
//! token in the `token` header. The generated server checks it with an `Authenticate` that
//! accepts exactly that token; the hand-written one with an axum extractor that reads the same
//! header before the body, as the generated router does. Both compare with the same
//! constant-time-ish function (`common::is_bench_token`), and both answer the same envelope to a
//! request without the token (checked before the timing, as the answers are), so that the
//! comparison stays fair.
//!
//! Three load generators; the last two are closed-loop with 4 keep-alive connections:
//! - `in-process`: the requests handed to each router in this thread (`tower::ServiceExt::
//!   oneshot`), without a network or hyper: the routers' own cost, and the steadiest figure;
//! - `raw`: 4 OS threads writing a prepared HTTP/1.1 request and reading the answer by its
//!   Content-Length; it costs little, so the servers' own cost shows;
//! - `reqwest`: 4 tasks on a tokio runtime of their own sharing one reqwest client (veil's, via
//!   `veil::__private::reqwest`), as an application would call.
//!
//! Each round sends the same number of requests to one server, then to the other (the order
//! alternates), and takes the ratio of their throughputs; the figure is the median ratio over
//! the rounds. The servers run on a tokio runtime of 2 workers in this process, whose threads'
//! CPU time (Linux's `/proc/self/task/*/schedstat`) gives a second figure per round, the
//! server's CPU time per request: less sensitive than throughput to what else the machine runs,
//! since it does not count the time the server waits. Everything is bounded: `SERVER_ROUNDS`
//! rounds (15) of `SERVER_REQUESTS` requests per server (10,000), and a round that takes more
//! than 60 s stops the benchmark.
//!
//! For instruction counts under callgrind, `SERVER_ONLY=<endpoint>/<generated|hand>` sends
//! `SERVER_RUNS` (5,000) in-process requests to one router and exits (docs/benchmarks.md).

mod common;

use std::hint::black_box;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::routing::post;
use common::{
    BENCH_TOKEN, HandCardInit, HandFormData, HandSaveJobInfo, TOKEN_HEADER, crapido,
    is_bench_token, median, quantile,
};
use http_body_util::BodyExt;
use serde::Serialize;
use tower::ServiceExt;
use veil::Credential;
use veil::server::{ApiError, Authenticate, RequestContext, ServerOptions};

const CONNECTIONS: usize = 4;
const ROUND_LIMIT: Duration = Duration::from_secs(60);
/// The name of the server runtime's threads, whose CPU time is counted.
const SERVER_THREADS: &str = "bench-server";

// ---- The generated server: a backend for crapido's two traits ----

#[derive(Clone)]
struct Backend {
    card_init: crapido::FormData,
}

/// Accepts exactly the bench's token.
impl Authenticate for Backend {
    type Session = ();

    async fn authenticate(
        &self,
        credential: Credential,
        _context: &RequestContext,
    ) -> Result<Option<()>, ApiError> {
        Ok(is_bench_token(credential.expose().as_bytes()).then_some(()))
    }
}

macro_rules! unused {
    ($($method:ident($request:ident) -> $data:ty;)*) => {$(
        async fn $method(
            &self,
            _request: crapido::$request,
            _session: (),
            _context: RequestContext,
        ) -> Result<$data, ApiError> {
            Err(ApiError::internal("not benchmarked"))
        }
    )*};
}

impl crapido::CertifyApi for Backend {
    unused! {
        credit_info(CreditInfoRequest) -> crapido::FormData;
        save_credit_info(SaveCreditInfoRequest) -> ();
        basic_person_info(BasicPersonInfoRequest) -> crapido::PersonDocuments;
        upload_image(UploadImageRequest) -> crapido::UploadResult;
        save_basic_info(SaveBasicInfoRequest) -> ();
        personal_info(PersonalInfoRequest) -> crapido::FormData;
        save_personal_info(SavePersonalInfoRequest) -> ();
        job_info(JobInfoRequest) -> crapido::FormData;
        ext_info(ExtInfoRequest) -> crapido::ContactsData;
        save_ext_info(SaveExtInfoRequest) -> ();
    }

    async fn save_job_info(
        &self,
        request: crapido::SaveJobInfoRequest,
        _session: (),
        _context: RequestContext,
    ) -> Result<(), ApiError> {
        black_box(request);
        Ok(())
    }
}

impl crapido::BindCardApi for Backend {
    unused! {
        bind_card_new(BindCardNewRequest) -> ();
    }

    async fn card_init(
        &self,
        request: crapido::CardInitRequest,
        _session: (),
        _context: RequestContext,
    ) -> Result<crapido::FormData, ApiError> {
        black_box(request);
        Ok(self.card_init.clone())
    }
}

// ---- The hand-written server ----

/// The envelope as a hand-written server writes it.
#[derive(Serialize)]
struct Answer<T> {
    code: &'static str,
    message: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<T>,
}

/// The hand-written session check: an extractor, so that it runs before the body is read (as
/// the generated router's does), over the same header and with the same comparison as the
/// generated server's `Authenticate`. It refuses with the envelope the generated server answers
/// (HTTP 200, code 401, under crapido's `always_ok`).
struct HandSession;

impl<S: Send + Sync> FromRequestParts<S> for HandSession {
    type Rejection = Json<Answer<()>>;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get(TOKEN_HEADER) {
            Some(token) if is_bench_token(token.as_bytes()) => Ok(HandSession),
            _ => Err(Json(Answer {
                code: "401",
                message: "a valid session is required",
                data: None,
            })),
        }
    }
}

async fn hand_save_job_info(
    _session: HandSession,
    Json(request): Json<HandSaveJobInfo>,
) -> Json<Answer<()>> {
    black_box(request);
    Json(Answer {
        code: "00",
        message: "成功",
        data: None,
    })
}

async fn hand_card_init(
    State(form): State<Arc<HandFormData>>,
    _session: HandSession,
    Json(request): Json<HandCardInit>,
) -> Json<Answer<HandFormData>> {
    if request.alms != "yes" || request.laka != "10" {
        return Json(Answer {
            code: "400",
            message: "bad request",
            data: None,
        });
    }
    black_box(request);
    Json(Answer {
        code: "00",
        message: "成功",
        data: Some((*form).clone()),
    })
}

// ---- Load generators ----

/// One endpoint's request, ready to send.
struct Target {
    name: &'static str,
    path: &'static str,
    body: Vec<u8>,
}

/// The two endpoints, with the same JSON body for both servers.
fn targets() -> [Target; 2] {
    [
        Target {
            name: "save-job-info",
            path: "/Crapido/Sejom",
            body: serde_json::to_vec(&common::hand_save_job_info()).unwrap(),
        },
        Target {
            name: "card-init",
            path: "/Crapido/CA-LSKD",
            body: serde_json::to_vec(&common::hand_card_init()).unwrap(),
        },
    ]
}

/// An HTTP/1.1 request with a keep-alive connection, logged in with the bench's token.
fn raw_request(address: SocketAddr, target: &Target) -> Vec<u8> {
    raw_request_with(address, target, Some(BENCH_TOKEN))
}

/// An HTTP/1.1 request with a keep-alive connection, with `token` as its session token.
fn raw_request_with(address: SocketAddr, target: &Target, token: Option<&str>) -> Vec<u8> {
    let session = token
        .map(|token| format!("{TOKEN_HEADER}: {token}\r\n"))
        .unwrap_or_default();
    let mut request = format!(
        "POST {} HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/json\r\n{session}content-length: {}\r\n\r\n",
        target.path,
        target.body.len()
    )
    .into_bytes();
    request.extend_from_slice(&target.body);
    request
}

/// Reads one answer from `stream` into `buffer` (kept between answers), returning its body.
fn read_answer(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<Vec<u8>> {
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buffer[..end]).expect("an HTTP head");
            assert!(head.starts_with("HTTP/1.1 200"), "answer: {head}");
            let length: usize = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .expect("a content-length");
            let total = end + 4 + length;
            while buffer.len() < total {
                let read = stream.read(&mut chunk)?;
                if read == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                buffer.extend_from_slice(&chunk[..read]);
            }
            let body = buffer[end + 4..total].to_vec();
            buffer.drain(..total);
            return Ok(body);
        }
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
}

/// One request and its answer's body, on a fresh connection, with `token` as its session
/// token.
fn fetch_once(address: SocketAddr, target: &Target, token: Option<&str>) -> Vec<u8> {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .write_all(&raw_request_with(address, target, token))
        .unwrap();
    read_answer(&mut stream, &mut Vec::new()).expect("an answer")
}

/// `requests` requests over `CONNECTIONS` threads; requests per second.
fn raw_round(address: SocketAddr, target: &Target, requests: i64) -> f64 {
    let request = raw_request(address, target);
    let remaining = AtomicI64::new(requests);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..CONNECTIONS {
            scope.spawn(|| {
                let mut stream = TcpStream::connect(address).expect("connects");
                stream.set_nodelay(true).unwrap();
                let mut buffer = Vec::new();
                while remaining.fetch_sub(1, Ordering::Relaxed) > 0 {
                    assert!(started.elapsed() < ROUND_LIMIT, "a round took over 60 s");
                    stream.write_all(&request).expect("sends");
                    black_box(read_answer(&mut stream, &mut buffer).expect("an answer"));
                }
            });
        }
    });
    requests as f64 / started.elapsed().as_secs_f64()
}

/// `requests` requests from `CONNECTIONS` tasks sharing one reqwest client; requests per second.
fn reqwest_round(
    runtime: &tokio::runtime::Runtime,
    client: &veil::__private::reqwest::Client,
    address: SocketAddr,
    target: &Target,
    requests: i64,
) -> f64 {
    let url = format!("http://{address}{}", target.path);
    let remaining = Arc::new(AtomicI64::new(requests));
    let started = Instant::now();
    runtime.block_on(async {
        let tasks: Vec<_> = (0..CONNECTIONS)
            .map(|_| {
                let (client, url, remaining) = (client.clone(), url.clone(), remaining.clone());
                let body = target.body.clone();
                tokio::spawn(async move {
                    while remaining.fetch_sub(1, Ordering::Relaxed) > 0 {
                        assert!(started.elapsed() < ROUND_LIMIT, "a round took over 60 s");
                        let response = client
                            .post(&url)
                            .header("content-type", "application/json")
                            .header(TOKEN_HEADER, BENCH_TOKEN)
                            .body(body.clone())
                            .send()
                            .await
                            .expect("sends");
                        assert_eq!(response.status().as_u16(), 200);
                        black_box(response.bytes().await.expect("an answer"));
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("the task ends");
        }
    });
    requests as f64 / started.elapsed().as_secs_f64()
}

/// The CPU time the server runtime's threads have had so far, in nanoseconds, from
/// `/proc/self/task/*/schedstat` (Linux); `None` elsewhere.
fn server_cpu_ns() -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let path = task.ok()?.path();
        let Ok(name) = std::fs::read_to_string(path.join("comm")) else {
            continue; // a thread that ended meanwhile
        };
        if name.trim_end() != SERVER_THREADS {
            continue;
        }
        let Ok(stat) = std::fs::read_to_string(path.join("schedstat")) else {
            continue;
        };
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// Runs one round against `address`: its throughput (requests per second) and the servers'
/// CPU time per request (ns), when known.
fn measured(address: SocketAddr, round: impl FnOnce(SocketAddr) -> f64) -> (f64, Option<f64>) {
    let before = server_cpu_ns();
    let throughput = round(address);
    let cpu = before
        .zip(server_cpu_ns())
        .map(|(before, after)| after - before);
    (throughput, cpu.map(|ns| ns as f64))
}

/// `requests` requests handed to `router` in this thread, without a network or hyper: the
/// router's own cost (routing, extraction, the handler, the answer). Requests per second.
fn in_process_round(
    runtime: &tokio::runtime::Runtime,
    router: &axum::Router,
    target: &Target,
    requests: i64,
) -> f64 {
    let body = axum::body::Bytes::from(target.body.clone());
    runtime.block_on(async {
        let started = Instant::now();
        for _ in 0..requests {
            let request = axum::http::Request::post(target.path)
                .header("content-type", "application/json")
                .header(TOKEN_HEADER, BENCH_TOKEN)
                .header("content-length", body.len())
                .body(axum::body::Body::from(body.clone()))
                .unwrap();
            let response = router.clone().oneshot(request).await.unwrap();
            assert_eq!(response.status(), 200);
            let answer = response.into_body().collect().await.unwrap().to_bytes();
            black_box(answer);
        }
        requests as f64 / started.elapsed().as_secs_f64()
    })
}

/// Prints both servers' addresses, the target's path and the session token to send in the
/// `token` header, writes the target's body to `SERVER_LISTEN_BODY`, and keeps serving for
/// `seconds`.
fn listen_for_outside_load(
    target: &Target,
    generated: SocketAddr,
    hand: SocketAddr,
    seconds: &str,
) {
    let seconds: u64 = seconds
        .parse()
        .expect("SERVER_LISTEN_SECONDS: a number of seconds");
    let body_file = std::env::var("SERVER_LISTEN_BODY").expect("SERVER_LISTEN_BODY: a file path");
    std::fs::write(&body_file, &target.body).expect("the body file is writable");
    println!("generated http://{generated}");
    println!("hand http://{hand}");
    println!("path {}", target.path);
    println!("token {BENCH_TOKEN}");
    std::thread::sleep(Duration::from_secs(seconds));
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let rounds = env_number("SERVER_ROUNDS", 15).max(3) as usize;
    let requests = env_number("SERVER_REQUESTS", 10_000).max(100) as i64;

    let seed: serde_json::Value = serde_json::from_slice(&common::card_init_answer()).unwrap();
    let generated_form: crapido::FormData = serde_json::from_value(seed["data"].clone()).unwrap();
    let hand_form: HandFormData = serde_json::from_value(seed["data"].clone()).unwrap();

    let servers = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(SERVER_THREADS)
        .enable_all()
        .build()
        .unwrap();
    let generated_app = crapido::router(
        Backend {
            card_init: generated_form,
        },
        ServerOptions::new(),
    );
    let hand_app = axum::Router::new()
        .route("/Crapido/Sejom", post(hand_save_job_info))
        .route("/Crapido/CA-LSKD", post(hand_card_init))
        .with_state(Arc::new(hand_form));
    // Timers on: the router bounds each body and handler in time.
    let in_process = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();

    // For instruction counts under callgrind: one side of one endpoint, in process, and exit.
    if let Ok(only) = std::env::var("SERVER_ONLY") {
        let (name, side) = only
            .rsplit_once('/')
            .expect("SERVER_ONLY=<endpoint>/<side>");
        let target = targets()
            .into_iter()
            .find(|target| target.name == name)
            .unwrap_or_else(|| panic!("no endpoint `{name}`"));
        let router = match side {
            "generated" => &generated_app,
            "hand" => &hand_app,
            other => panic!("side `{other}`: generated or hand"),
        };
        let runs = env_number("SERVER_RUNS", 5_000) as i64;
        if runs > 0 {
            in_process_round(&in_process, router, &target, runs);
        }
        return;
    }

    let (generated, hand) = servers.block_on(async {
        let (generated_app, hand_app) = (generated_app.clone(), hand_app.clone());
        let generated = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let hand = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addresses = (generated.local_addr().unwrap(), hand.local_addr().unwrap());
        tokio::spawn(veil::server::serve(generated, generated_app));
        tokio::spawn(async move { axum::serve(hand, hand_app).await });
        addresses
    });

    let targets = targets();

    // For scripts/load.sh: both servers listen for an outside load generator, and the bench
    // says where, writing the save-job-info body to the file named; it ends after the seconds
    // given, so that a forgotten run cannot linger.
    if let Ok(seconds) = std::env::var("SERVER_LISTEN_SECONDS") {
        listen_for_outside_load(&targets[0], generated, hand, &seconds);
        return;
    }

    // Same request, same answer, byte for byte; and the same refusal without the token, or
    // with another one.
    for target in &targets {
        for (token, expected) in [
            (Some(BENCH_TOKEN), &br#"{"code":"00""#[..]),
            (None, br#"{"code":"401""#),
            (Some("veil-bench-session-00000000"), br#"{"code":"401""#),
        ] {
            let (from_generated, from_hand) = (
                fetch_once(generated, target, token),
                fetch_once(hand, target, token),
            );
            assert_eq!(
                String::from_utf8_lossy(&from_generated),
                String::from_utf8_lossy(&from_hand),
                "{} (token {token:?}): the two servers answer differently",
                target.name
            );
            assert!(
                from_generated.starts_with(expected),
                "{} (token {token:?}): {}",
                target.name,
                String::from_utf8_lossy(&from_generated)
            );
        }
    }

    let clients = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let client = veil::__private::reqwest::Client::new();

    println!(
        "server_throughput: {rounds} paired rounds of {requests} requests per server, {CONNECTIONS} connections; \
         medians; throughput ratio = generated / hand-written requests per second (above 1: the generated \
         server is faster); CPU ratio = generated / hand-written server CPU time per request (below 1: it costs less)"
    );
    println!(
        "{:<24} {:>10} {:>10} {:>7} {:>15} {:>8} {:>8} {:>7} {:>15}",
        "endpoint/load",
        "gen r/s",
        "hand r/s",
        "ratio",
        "ratio IQR",
        "gen µs",
        "hand µs",
        "CPU",
        "CPU IQR"
    );
    for target in &targets {
        for generator in ["in-process", "raw", "reqwest"] {
            let run = |address| {
                if generator == "in-process" {
                    let router = if address == generated {
                        &generated_app
                    } else {
                        &hand_app
                    };
                    return (
                        in_process_round(&in_process, router, target, requests),
                        None,
                    );
                }
                measured(address, |address| match generator {
                    "raw" => raw_round(address, target, requests),
                    _ => reqwest_round(&clients, &client, address, target, requests),
                })
            };
            // A warm-up of both.
            run(generated);
            run(hand);
            let (mut throughput, mut cpu) = (common::Pair::new(), common::Pair::new());
            for round in 0..rounds {
                let (g, h) = if round % 2 == 0 {
                    let g = run(generated);
                    (g, run(hand))
                } else {
                    let h = run(hand);
                    (run(generated), h)
                };
                throughput.push(g.0, h.0, g.0 / h.0);
                if let (Some(g), Some(h)) = (g.1, h.1) {
                    let (g, h) = (g / requests as f64, h / requests as f64);
                    cpu.push(g / 1000.0, h / 1000.0, g / h);
                }
            }
            let cpu_columns = if generator == "in-process" {
                "(one thread, no network: the time is CPU time)".to_owned()
            } else if cpu.ratios.is_empty() {
                "(no /proc/self/task/*/schedstat: CPU time not measured)".to_owned()
            } else {
                format!(
                    "{:>8.1} {:>8.1} {:>7.3} {:>6.3} – {:<6.3}",
                    median(&cpu.generated),
                    median(&cpu.hand),
                    median(&cpu.ratios),
                    quantile(&cpu.ratios, 0.25),
                    quantile(&cpu.ratios, 0.75),
                )
            };
            println!(
                "{:<24} {:>10.0} {:>10.0} {:>7.3} {:>6.3} – {:<6.3} {cpu_columns}",
                format!("{}/{generator}", target.name),
                median(&throughput.generated),
                median(&throughput.hand),
                median(&throughput.ratios),
                quantile(&throughput.ratios, 0.25),
                quantile(&throughput.ratios, 0.75),
            );
        }
    }
}
