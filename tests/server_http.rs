//! The server generated from spec/crapido.yaml over real HTTP: `veil::server::serve` on
//! 127.0.0.1:0, requests written as raw HTTP/1.1 on a TCP stream, answers parsed from the bytes.

mod common;

use std::io::ErrorKind;
use std::net::SocketAddr;

use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use veil::server::ServerOptions;

use common::crapido::*;
use common::*;

/// Serves crapido with `backend` on a fresh port, in a spawned task.
async fn start(backend: &Backend, options: ServerOptions) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = router(backend.clone(), options);
    tokio::spawn(async move { veil::server::serve(listener, app).await.unwrap() });
    address
}

/// An answer as read from the socket.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .body
            .as_object()
            .unwrap_or_else(|| panic!("not an object: {}", self.body))
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        keys
    }

    fn assert_failure(&self, code: &str, message: &str) {
        // always_ok answers 200, except a method other than POST: HTTP's 405 under any policy.
        let expected = if message == "method not allowed: use POST" {
            405
        } else {
            200
        };
        assert_eq!(self.status, expected, "{self:?}");
        assert_eq!(self.header("content-type"), Some("application/json"));
        assert_eq!(self.keys(), ["code", "message"], "{}", self.body);
        assert_eq!(self.body["code"], code, "{}", self.body);
        assert_eq!(self.body["message"], message, "{}", self.body);
    }
}

/// Writes one HTTP/1.1 request (`Connection: close`), reads the answer to the end and parses
/// its status line, headers and JSON body.
async fn exchange(
    address: SocketAddr,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Answer {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
         Content-Length: {}\r\n",
        body.len()
    );
    if let Some(content_type) = content_type {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    head.push_str("\r\n");
    let mut raw = head.into_bytes();
    raw.extend_from_slice(body);
    exchange_raw(address, &raw).await
}

/// Writes `raw` as it is, reads the answer to the end and parses it.
async fn exchange_raw(address: SocketAddr, raw: &[u8]) -> Answer {
    let stream = TcpStream::connect(address).await.unwrap();
    write_all(&stream, raw).await;
    parse(&read_to_end(&stream).await)
}

// tokio's `io-util` is not among the dev-dependencies' features: the stream's readiness API
// does the same.
async fn write_all(stream: &TcpStream, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        stream.writable().await.unwrap();
        match stream.try_write(bytes) {
            Ok(written) => bytes = &bytes[written..],
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Err(e) => panic!("write: {e}"),
        }
    }
}

async fn read_to_end(stream: &TcpStream) -> Vec<u8> {
    let mut raw = Vec::new();
    let mut buffer = [0; 8192];
    loop {
        stream.readable().await.unwrap();
        match stream.try_read(&mut buffer) {
            Ok(0) => return raw,
            Ok(read) => raw.extend_from_slice(&buffer[..read]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Err(e) => panic!("read: {e} (after {} bytes)", raw.len()),
        }
    }
}

fn parse(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of headers: {text}"));
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let mut words = status_line.splitn(3, ' ');
    assert_eq!(words.next(), Some("HTTP/1.1"), "{status_line}");
    let status: u16 = words.next().unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    let answer = Answer {
        status,
        headers,
        body: Value::Null,
    };
    assert_eq!(answer.header("transfer-encoding"), None, "{text}");
    let length: usize = answer
        .header("content-length")
        .unwrap_or_else(|| panic!("no Content-Length: {text}"))
        .parse()
        .unwrap();
    assert_eq!(body.len(), length, "{text}");
    let body =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("not a JSON envelope ({e}): {text}"));
    Answer { body, ..answer }
}

async fn post_json(address: SocketAddr, path: &str, body: &Value) -> Answer {
    let bytes = serde_json::to_vec(body).unwrap();
    exchange(address, "POST", path, Some("application/json"), &bytes).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credit_info_with_the_seeds_fields_and_decoys() {
    let backend = Backend::recording();
    let address = start(&backend, ServerOptions::new()).await;
    let answer = post_json(address, CREDIT_INFO.public_path, &good_json(&CREDIT_INFO)).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.keys(), ["code", "data", "message"]);
    assert_eq!(answer.body["code"], "00");
    assert_eq!(answer.body["message"], "成功");
    let items = answer.body["data"]["items"].as_array().unwrap();
    let codes: Vec<&str> = items.iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "is_overdue_year",
            "is_overdue_maximum",
            "is_network_loan",
            "is_borrowed_far",
            "is_outstanding"
        ]
    );
    assert_eq!(answer.body["data"], expected_data(&CREDIT_INFO).unwrap());

    let (Call::CreditInfo(request), context) = backend.only_call() else {
        panic!("wrong method called")
    };
    assert_eq!(request.mobile, MOBILE);
    assert_eq!(request.product_id, "2");
    assert_eq!(context.public_path(), "/Crapido/mkla-pk");
    assert!(!context.via_real_name());
    assert_eq!(context.headers()["host"], address.to_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_name_is_not_found() {
    let backend = Backend::panicking();
    let address = start(&backend, ServerOptions::new()).await;
    post_json(address, CREDIT_INFO.real_name, &good_json(&CREDIT_INFO))
        .await
        .assert_failure("404", "not found");
    exchange(address, "GET", "/", None, b"")
        .await
        .assert_failure("404", "not found");
    assert_eq!(backend.hits(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_an_envelope_below_500() {
    let backend = Backend::panicking();
    let address = start(&backend, ServerOptions::new()).await;
    let path = BIND_CARD_NEW.public_path;
    let cases = [
        (
            "POST",
            Some("application/json"),
            b"{\"bankCode\": \"40002\", ".to_vec(),
            "400",
            "malformed JSON: EOF while parsing a value at line 1 column 22",
        ),
        (
            "POST",
            Some("application/json"),
            serde_json::to_vec(&{
                let mut body = good_json(&BIND_CARD_NEW);
                body["bankType"] = json!(3);
                body
            })
            .unwrap(),
            "400",
            "invalid value for field `bankType`",
        ),
        (
            "POST",
            Some("application/json"),
            serde_json::to_vec(&{
                let mut body = good_json(&BIND_CARD_NEW);
                body.as_object_mut().unwrap().remove("ajshd");
                body
            })
            .unwrap(),
            "400",
            "bad request",
        ),
        (
            "POST",
            Some("text/plain"),
            b"cardNo=002010077777777771".to_vec(),
            "415",
            "unsupported content type: send application/json",
        ),
        (
            "GET",
            None,
            Vec::new(),
            "400",
            "method not allowed: use POST",
        ),
    ];
    for (method, content_type, body, code, message) in cases {
        let answer = exchange(address, method, path, content_type, &body).await;
        assert!(answer.status < 500, "{answer:?}");
        answer.assert_failure(code, message);
    }
    assert_eq!(backend.hits(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_multipart_upload() {
    let backend = Backend::recording();
    let address = start(&backend, ServerOptions::new()).await;
    let body = multipart_body(&good_upload_parts());
    let answer = exchange(
        address,
        "POST",
        UPLOAD_IMAGE.public_path,
        Some(&multipart_content_type()),
        &body,
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.keys(), ["code", "data", "message"]);
    assert_eq!(answer.body["code"], "0");
    assert_eq!(answer.body["message"], "成功");
    assert_eq!(answer.body["data"], expected_data(&UPLOAD_IMAGE).unwrap());
    assert_eq!(answer.body["data"]["is_need_pop"], 0);

    let (Call::UploadImage(request), _) = backend.only_call() else {
        panic!("wrong method called")
    };
    assert_eq!(request.r#type, ImageKind::IdFront);
    assert_eq!(request.attach.file_name.as_deref(), Some("id_front.jpg"));
    assert_eq!(request.attach.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(request.attach.bytes, JPEG);

    // Without the photo: refused, user code not reached.
    let mut parts = good_upload_parts();
    parts.remove(0);
    exchange(
        address,
        "POST",
        UPLOAD_IMAGE.public_path,
        Some(&multipart_content_type()),
        &multipart_body(&parts),
    )
    .await
    .assert_failure("400", "missing field `attach`");
    assert!(backend.take_calls().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_limit_is_answered_not_dropped() {
    let backend = Backend::panicking();
    let address = start(&backend, ServerOptions::new().body_limit(1024)).await;
    let mut body = good_json(&SAVE_EXT_INFO);
    body["pad"] = json!("x".repeat(2048));
    post_json(address, SAVE_EXT_INFO.public_path, &body)
        .await
        .assert_failure("413", "body too large: the limit is 1024 bytes");
    assert_eq!(backend.hits(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_user_code_is_answered_not_dropped() {
    let backend = Backend::panicking();
    let address = start(&backend, ServerOptions::new()).await;
    for _ in 0..2 {
        post_json(address, JOB_INFO.public_path, &good_json(&JOB_INFO))
            .await
            .assert_failure("500", "internal error");
    }
    assert_eq!(backend.hits(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_over_http() {
    let backend = Backend::recording();
    let address = start(&backend, ServerOptions::new()).await;
    for endpoint in ENDPOINTS {
        let answer = if endpoint.public_path == UPLOAD_IMAGE.public_path {
            exchange(
                address,
                "POST",
                endpoint.public_path,
                Some(&multipart_content_type()),
                &multipart_body(&good_upload_parts()),
            )
            .await
        } else {
            post_json(address, endpoint.public_path, &good_json(&endpoint)).await
        };
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.body["code"], endpoint.success, "{answer:?}");
        assert_eq!(answer.body["message"], "成功");
        assert_eq!(
            answer.body.get("data").cloned(),
            expected_data(&endpoint),
            "{}",
            endpoint.public_path
        );
        let (_, context) = backend.only_call();
        assert_eq!(context.real_name(), endpoint.real_name);
    }
}

/// A request with `Transfer-Encoding: chunked`: `body` in chunks of `chunk` bytes.
fn chunked(path: &str, content_type: &str, body: &[u8], chunk: usize) -> Vec<u8> {
    let mut raw = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Transfer-Encoding: chunked\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    for piece in body.chunks(chunk) {
        raw.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        raw.extend_from_slice(piece);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    raw
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chunked_bodies_are_read_and_limited_without_a_content_length() {
    let backend = Backend::recording();
    let address = start(&backend, ServerOptions::new().body_limit(1024)).await;
    let good = serde_json::to_vec(&good_json(&CREDIT_INFO)).unwrap();
    let answer = exchange_raw(
        address,
        &chunked(CREDIT_INFO.public_path, "application/json", &good, 7),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["code"], "00", "{}", answer.body);
    let (Call::CreditInfo(request), _) = backend.only_call() else {
        panic!("wrong method called")
    };
    assert_eq!(request.mobile, MOBILE);

    // Over the limit, with nothing declared: refused while reading.
    let mut body = good_json(&CREDIT_INFO);
    body["pad"] = json!("x".repeat(4096));
    let over = serde_json::to_vec(&body).unwrap();
    exchange_raw(
        address,
        &chunked(CREDIT_INFO.public_path, "application/json", &over, 500),
    )
    .await
    .assert_failure("413", "body too large: the limit is 1024 bytes");

    // The upload, chunked.
    let upload = multipart_body(&good_upload_parts());
    let answer = exchange_raw(
        address,
        &chunked(
            UPLOAD_IMAGE.public_path,
            &multipart_content_type(),
            &upload,
            64,
        ),
    )
    .await;
    assert_eq!(answer.body["code"], "0", "{}", answer.body);
    let (Call::UploadImage(request), _) = backend.only_call() else {
        panic!("wrong method called")
    };
    assert_eq!(request.attach.bytes, JPEG);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_cannot_be_read_is_answered_with_an_envelope() {
    let backend = Backend::panicking();
    let address = start(&backend, ServerOptions::new()).await;
    // Invalid chunked framing.
    exchange_raw(
        address,
        b"POST /Crapido/mkla-pk HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
          Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    )
    .await
    .assert_failure("400", "the body could not be read");

    // Fewer bytes than declared, then the client stops sending.
    let stream = TcpStream::connect(address).await.unwrap();
    write_all(
        &stream,
        b"POST /Crapido/mkla-pk HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
          Content-Length: 100\r\nContent-Type: application/json\r\n\r\n{\"mobile\":",
    )
    .await;
    let stream = stream.into_std().unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let stream = TcpStream::from_std(stream).unwrap();
    parse(&read_to_end(&stream).await).assert_failure("400", "the body could not be read");
    assert_eq!(backend.hits(), 0);
}
