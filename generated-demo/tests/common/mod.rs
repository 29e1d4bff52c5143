//! Shared by the tests: an in-process server with its login inbox and a manual clock, logins,
//! clients with a session, a raw HTTP GET and POST, the binary spawned as a child process (and
//! logged in by the code it prints), and temporary database files; all cleaned up on drop.
#![allow(dead_code)] // each test binary uses its own share of the helpers

pub mod calls;
pub mod counting;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use generated_demo::app::{Running, Server, Setup};
use generated_demo::crapido::{BindCardClient, CertifyClient, Variant};
use generated_demo::session::{Clock, Inbox, ManualClock};
use veil::Credential;
use veil::client::Transport;

/// A mobile number for tests: fake, and valid as a Mexican mobile.
pub const MOBILE: &str = "5500000000";
/// Another applicant.
pub const OTHER_MOBILE: &str = "5500000099";
/// The product id of the seed's examples.
pub const PRODUCT: &str = "2";

/// A demo server in this process: its login codes land in `inbox`, its time is `clock`.
pub struct Demo {
    running: Running,
    /// Where the server sends login codes.
    pub inbox: Inbox,
    /// The server's clock, moved by hand.
    pub clock: ManualClock,
}

impl Demo {
    pub fn base_url(&self) -> &str {
        self.running.base_url()
    }

    /// Logs `mobile` in through the login routes; answers the session token.
    pub async fn log_in(&self, mobile: &str) -> String {
        log_in_at(self.base_url(), &self.inbox, mobile).await
    }

    /// Presents `code` for `mobile`; answers the session token (panics on a refusal).
    pub async fn enter_code(&self, mobile: &str, code: &str) -> String {
        enter_code_at(self.base_url(), mobile, code).await
    }

    /// Presents `code` for `mobile`: the raw answer.
    pub async fn present(&self, mobile: &str, code: &str) -> RawResponse {
        present_at(self.base_url(), mobile, code).await
    }
}

/// Logs `mobile` in at the server of `base_url`, which sends codes to `inbox`.
pub async fn log_in_at(base_url: &str, inbox: &Inbox, mobile: &str) -> String {
    let body = serde_json::json!({ "mobile": mobile });
    let asked = http_post_json(base_url, "/session/code", &body).await;
    assert_eq!(asked.envelope()["code"], "00", "{asked:?}");
    let code = inbox.take(mobile).expect("a code was sent");
    enter_code_at(base_url, mobile, &code).await
}

async fn enter_code_at(base_url: &str, mobile: &str, code: &str) -> String {
    session_token(&present_at(base_url, mobile, code).await)
}

/// The token of a successful `POST /session` answer.
fn session_token(answer: &RawResponse) -> String {
    let envelope = answer.envelope();
    assert_eq!(envelope["code"], "00", "{envelope}");
    envelope["data"]["token"]
        .as_str()
        .expect("a token")
        .to_owned()
}

async fn present_at(base_url: &str, mobile: &str, code: &str) -> RawResponse {
    let body = serde_json::json!({ "mobile": mobile, "code": code });
    http_post_json(base_url, "/session", &body).await
}

/// A server on 127.0.0.1 and a free port, data in memory, a manual clock; stops when
/// dropped.
pub async fn start_server() -> Demo {
    start_server_in(None).await
}

/// Like [`start_server`], with the data in the SQLite file `db` when given.
pub async fn start_server_in(db: Option<&Path>) -> Demo {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let inbox = Inbox::new();
    let clock = ManualClock::new();
    let setup = Setup::new(inbox.clone())
        .clock(Clock::Manual(clock.clone()))
        .db(db);
    let running = Server::bind(addr, setup)
        .await
        .expect("the server starts")
        .spawn();
    Demo {
        running,
        inbox,
        clock,
    }
}

/// The generated clients of `base_url`, sending the session `token` (or no credential when
/// `None`).
pub fn clients(base_url: &str, token: Option<&str>) -> (CertifyClient, BindCardClient) {
    clients_with(Transport::builder(base_url), token)
}

/// Like [`clients`], but sending requests that break the spec's constraints instead of
/// refusing them, so that the server's answer to them can be tested.
pub fn unchecked_clients(base_url: &str, token: Option<&str>) -> (CertifyClient, BindCardClient) {
    clients_with(Transport::builder(base_url).validate_requests(false), token)
}

/// The generated clients of `base_url` speaking `variant`, sending the session `token` (or
/// no credential when `None`) as that build does.
pub fn session_clients(base_url: &str, variant: Variant, token: Option<&str>) -> calls::Clients {
    let mut builder = Transport::builder(base_url).timeout(Duration::from_secs(10));
    if let Some(token) = token {
        builder = builder.credential(Credential::new(token));
    }
    let transport = builder.build().expect("a valid transport");
    calls::Clients {
        certify: CertifyClient::from_transport(transport.clone()).with_variant(variant),
        bind_card: BindCardClient::from_transport(transport).with_variant(variant),
    }
}

fn clients_with(
    builder: veil::client::TransportBuilder,
    token: Option<&str>,
) -> (CertifyClient, BindCardClient) {
    let mut builder = builder.timeout(Duration::from_secs(10));
    if let Some(token) = token {
        builder = builder.credential(Credential::new(token));
    }
    let transport = builder.build().expect("a valid transport");
    (
        CertifyClient::from_transport(transport.clone()),
        BindCardClient::from_transport(transport),
    )
}

/// An HTTP answer read off the wire.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body as JSON (`Null` when it is not JSON).
    pub fn envelope(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Headers of a raw request, as (name, value).
pub type Headers<'a> = &'a [(&'a str, &'a str)];

/// `GET url` with `headers` over a plain socket (`url` is `http://HOST:PORT/PATH`), on the
/// blocking pool so that a server on the same runtime can answer.
pub async fn http_get(url: &str, headers: Headers<'_>) -> RawResponse {
    let url = url.to_owned();
    let headers = owned(headers);
    tokio::task::spawn_blocking(move || blocking_get(&url, &headers))
        .await
        .expect("the GET completes")
}

/// `POST base_url + path` with a JSON body and no credential, over a plain socket, on the
/// blocking pool.
pub async fn http_post_json(base_url: &str, path: &str, body: &serde_json::Value) -> RawResponse {
    http_post(base_url, path, &[], body).await
}

/// `POST base_url + path` with `headers` and a JSON body, over a plain socket, on the blocking
/// pool.
pub async fn http_post(
    base_url: &str,
    path: &str,
    headers: Headers<'_>,
    body: &serde_json::Value,
) -> RawResponse {
    let (base_url, path, body) = (base_url.to_owned(), path.to_owned(), body.clone());
    let headers = owned(headers);
    tokio::task::spawn_blocking(move || blocking_post_json(&base_url, &path, &headers, &body))
        .await
        .expect("the POST completes")
}

fn owned(headers: Headers<'_>) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn header_lines(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect()
}

pub fn blocking_get(url: &str, headers: &[(String, String)]) -> RawResponse {
    let (host, path) = split_url(url);
    exchange(
        &host,
        &format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{}\r\n",
            header_lines(headers)
        ),
    )
}

pub fn blocking_post_json(
    base_url: &str,
    path: &str,
    headers: &[(String, String)],
    body: &serde_json::Value,
) -> RawResponse {
    let (host, _) = split_url(base_url);
    let body = body.to_string();
    exchange(
        &host,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
             Content-Type: application/json\r\n{}Content-Length: {}\r\n\r\n{body}",
            header_lines(headers),
            body.len()
        ),
    )
}

fn split_url(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    match rest.split_once('/') {
        Some((host, path)) => (host.to_owned(), format!("/{path}")),
        None => (rest.to_owned(), "/".to_owned()),
    }
}

fn exchange(host: &str, request: &str) -> RawResponse {
    let mut stream = TcpStream::connect(host).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("sets a timeout");
    stream.write_all(request.as_bytes()).expect("sends");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reads");
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    RawResponse {
        status,
        headers,
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line_end = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size");
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..line_end]).trim(), 16)
            .expect("a hex chunk size");
        if size == 0 {
            return body;
        }
        let start = line_end + 2;
        body.extend_from_slice(&raw[start..start + size]);
        raw = &raw[start + size + 2..];
    }
}

/// The demo binary, built by cargo for the integration tests.
pub fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_generated-demo"))
}

/// A child process, killed and reaped when dropped (also when a test fails).
pub struct ChildGuard(pub Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A `generated-demo serve` child process, and its standard output (where it prints the
/// login codes).
pub struct Serve {
    pub guard: ChildGuard,
    pub base_url: String,
    stdout: BufReader<ChildStdout>,
}

impl Serve {
    /// Logs `mobile` in, reading the code from the line the server prints (blocking).
    pub fn log_in(&mut self, mobile: &str) -> String {
        let body = serde_json::json!({ "mobile": mobile });
        let asked = blocking_post_json(&self.base_url, "/session/code", &[], &body);
        assert_eq!(asked.envelope()["code"], "00", "{asked:?}");
        let mut line = String::new();
        self.stdout
            .read_line(&mut line)
            .expect("serve prints the code");
        let code = printed_code(&line);
        let body = serde_json::json!({ "mobile": mobile, "code": code });
        session_token(&blocking_post_json(&self.base_url, "/session", &[], &body))
    }
}

/// The code of a line `SMS stand-in (demo only): login code for ******0000 is 123456`.
pub fn printed_code(line: &str) -> String {
    line.trim()
        .rsplit(' ')
        .next()
        .filter(|code| code.len() == 6)
        .unwrap_or_else(|| panic!("unexpected line {line:?}"))
        .to_owned()
}

/// Starts `generated-demo serve --addr 127.0.0.1:0 [--db FILE]` and reads the base URL from
/// its first line of output.
pub fn spawn_serve(db: Option<&Path>) -> Serve {
    let mut command = binary();
    command
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    let mut guard = ChildGuard(command.spawn().expect("serve starts"));
    let mut stdout = BufReader::new(guard.0.stdout.take().expect("piped stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("serve prints a line");
    let base_url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    Serve {
        guard,
        base_url,
        stdout,
    }
}

/// A temporary SQLite file path, removed (with SQLite's side files) when dropped.
pub struct TempDb(pub PathBuf);

impl TempDb {
    pub fn new(name: &str) -> TempDb {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        TempDb(std::env::temp_dir().join(format!(
            "generated-demo-{name}-{}-{nanos}.sqlite",
            std::process::id()
        )))
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}
