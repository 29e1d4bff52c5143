//! Shared by the tests: an in-process server, clients for it, a raw HTTP GET and POST, the
//! binary spawned as a child process, and temporary database files; all cleaned up on drop.
#![allow(dead_code)] // each test binary uses its own share of the helpers

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use generated_demo::app::{Running, Server};
use generated_demo::applicant::SESSION_HEADER;
use generated_demo::crapido::{BindCardClient, CertifyClient};
use veil::client::Transport;

/// A mobile number for tests: fake, and valid as a Mexican mobile.
pub const MOBILE: &str = "5500000000";
/// Another applicant.
pub const OTHER_MOBILE: &str = "5500000099";
/// The product id of the seed's examples.
pub const PRODUCT: &str = "2";

/// A server on 127.0.0.1 and a free port, data in memory; stops when dropped.
pub async fn start_server() -> Running {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    Server::bind(addr, None)
        .await
        .expect("the server starts")
        .spawn()
}

/// The generated clients of `base_url`, sending `mobile` as the session header (or no session
/// header when `None`).
pub fn clients(base_url: &str, mobile: Option<&str>) -> (CertifyClient, BindCardClient) {
    clients_with(Transport::builder(base_url), mobile)
}

/// Like [`clients`], but sending requests that break the spec's constraints instead of
/// refusing them, so that the server's answer to them can be tested.
pub fn unchecked_clients(base_url: &str, mobile: Option<&str>) -> (CertifyClient, BindCardClient) {
    clients_with(
        Transport::builder(base_url).validate_requests(false),
        mobile,
    )
}

fn clients_with(
    builder: veil::client::TransportBuilder,
    mobile: Option<&str>,
) -> (CertifyClient, BindCardClient) {
    let mut builder = builder.timeout(Duration::from_secs(10));
    if let Some(mobile) = mobile {
        builder = builder.header(SESSION_HEADER, mobile);
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
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// `GET url` over a plain socket (`url` is `http://HOST:PORT/PATH`), on the blocking pool so
/// that a server on the same runtime can answer.
pub async fn http_get(url: &str) -> RawResponse {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || blocking_get(&url))
        .await
        .expect("the GET completes")
}

/// `POST base_url + path` with a JSON body, over a plain socket, on the blocking pool.
pub async fn http_post_json(base_url: &str, path: &str, body: &serde_json::Value) -> RawResponse {
    let (base_url, path, body) = (base_url.to_owned(), path.to_owned(), body.clone());
    tokio::task::spawn_blocking(move || blocking_post_json(&base_url, &path, &body))
        .await
        .expect("the POST completes")
}

fn blocking_get(url: &str) -> RawResponse {
    let (host, path) = split_url(url);
    exchange(
        &host,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

fn blocking_post_json(base_url: &str, path: &str, body: &serde_json::Value) -> RawResponse {
    let (host, _) = split_url(base_url);
    let body = body.to_string();
    exchange(
        &host,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
             Content-Type: application/json\r\n{SESSION_HEADER}: {MOBILE}\r\n\
             Content-Length: {}\r\n\r\n{body}",
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

/// Starts `generated-demo serve --addr 127.0.0.1:0 [--db FILE]` and reads the base URL from
/// its first line of output.
pub fn spawn_serve(db: Option<&Path>) -> (ChildGuard, String) {
    let mut command = binary();
    command
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    let mut guard = ChildGuard(command.spawn().expect("serve starts"));
    let stdout = guard.0.stdout.take().expect("piped stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("serve prints a line");
    let base_url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    (guard, base_url)
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
