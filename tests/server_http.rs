//! The server generated from spec/crapido.yaml over real HTTP: `veil::server::serve` on
//! 127.0.0.1:0, requests written as raw HTTP/1.1 on a TCP stream, answers parsed from the bytes.
//! Every request is logged in (the test session's `token` header) unless it tests sessions.

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

/// Writes one HTTP/1.1 request (`Connection: close`) with the test session's credential, reads
/// the answer to the end and parses its status line, headers and JSON body.
async fn exchange(
    address: SocketAddr,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Answer {
    let session = session_header(path);
    let headers: Vec<(&str, &str)> = session
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    exchange_with(address, method, path, &headers, content_type, body).await
}

/// [`exchange`] with `headers` in place of the session's credential.
async fn exchange_with(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
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
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
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
    assert!(context.headers().get(TOKEN_HEADER).is_none());
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

/// A request with `Transfer-Encoding: chunked`, logged in: `body` in chunks of `chunk` bytes.
fn chunked(path: &str, content_type: &str, body: &[u8], chunk: usize) -> Vec<u8> {
    let (session, credential) = session_header(path).expect("a path of crapido");
    let mut raw = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Transfer-Encoding: chunked\r\nContent-Type: {content_type}\r\n\
         {session}: {credential}\r\n\r\n"
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
        format!(
            "POST /Crapido/mkla-pk HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
             Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\
             token: {TEST_TOKEN}\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n"
        )
        .as_bytes(),
    )
    .await
    .assert_failure("400", "the body could not be read");

    // Fewer bytes than declared, then the client stops sending.
    let stream = TcpStream::connect(address).await.unwrap();
    write_all(
        &stream,
        format!(
            "POST /Crapido/mkla-pk HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
             Content-Length: 100\r\nContent-Type: application/json\r\n\
             token: {TEST_TOKEN}\r\n\r\n{{\"mobile\":"
        )
        .as_bytes(),
    )
    .await;
    let stream = stream.into_std().unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let stream = TcpStream::from_std(stream).unwrap();
    parse(&read_to_end(&stream).await).assert_failure("400", "the body could not be read");
    assert_eq!(backend.hits(), 0);
}

// ----------------------------------------------------------------------------------------------
// Sessions: every endpoint needs one

const UNAUTHORIZED: &str = "a valid session is required";

/// The good request of `endpoint` at its public path, with `headers` in place of the session's
/// credential.
async fn good_exchange_with(
    address: SocketAddr,
    endpoint: &Endpoint,
    headers: &[(&str, &str)],
) -> Answer {
    let (content_type, body) = if endpoint.public_path == UPLOAD_IMAGE.public_path {
        (
            multipart_content_type(),
            multipart_body(&good_upload_parts()),
        )
    } else {
        (
            "application/json".to_owned(),
            serde_json::to_vec(&good_json(endpoint)).unwrap(),
        )
    };
    exchange_with(
        address,
        "POST",
        endpoint.public_path,
        headers,
        Some(&content_type),
        &body,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_without_a_valid_session_never_reaches_the_backend() {
    let backend = Backend::recording();
    let address = start(&backend, ServerOptions::new()).await;
    let bearer = format!("Bearer {TEST_TOKEN}");
    let refused: [&[(&str, &str)]; 6] = [
        // No credential at all.
        &[],
        // A well-formed token the server does not know.
        &[("token", WRONG_TOKEN)],
        // Malformed: empty, two words, sent twice.
        &[("token", "")],
        &[("token", "veil test")],
        &[("token", TEST_TOKEN), ("token", TEST_TOKEN)],
        // The right token in the other build's header: crapido reads `token` only.
        &[("Authorization", &bearer)],
    ];
    for endpoint in ENDPOINTS {
        for headers in refused {
            let answer = good_exchange_with(address, &endpoint, headers).await;
            // always_ok: the 401 is the envelope's code, the status is 200.
            answer.assert_failure("401", UNAUTHORIZED);
            assert_eq!(
                answer.body,
                json!({"code": "401", "message": UNAUTHORIZED}),
                "{} {headers:?}",
                endpoint.public_path
            );
        }
    }
    assert_eq!(backend.hits(), 0, "a request without a session got through");
    assert!(backend.take_calls().is_empty());
    // The unknown token was asked about, and refused; the malformed ones never were.
    assert_eq!(backend.authentications(), ENDPOINTS.len());

    // The same server answers the same requests once logged in.
    for endpoint in ENDPOINTS {
        let answer = good_exchange_with(address, &endpoint, &[("token", TEST_TOKEN)]).await;
        assert_eq!(answer.body["code"], endpoint.success, "{answer:?}");
    }
    assert_eq!(backend.take_calls().len(), ENDPOINTS.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_is_checked_before_the_body_is_read() {
    let backend = Backend::panicking();
    let address = start(&backend, ServerOptions::new().body_limit(1024)).await;
    let path = BIND_CARD_NEW.public_path;
    let over = serde_json::to_vec(&json!({"pad": "x".repeat(4096)})).unwrap();
    // Each of these is refused for its body when logged in (see
    // malformed_requests_get_an_envelope_below_500); without a session, for the session.
    let cases: [(Option<&str>, &[u8]); 4] = [
        (Some("application/json"), b"{\"bankCode\": \"40002\", "),
        (Some("text/plain"), b"cardNo=002010077777777771"),
        (None, b""),
        (Some("application/json"), &over),
    ];
    for (content_type, body) in cases {
        for headers in [&[][..], &[("token", WRONG_TOKEN)][..]] {
            exchange_with(address, "POST", path, headers, content_type, body)
                .await
                .assert_failure("401", UNAUTHORIZED);
        }
    }
    // A body that never comes: answered at once, without waiting for it.
    let stream = TcpStream::connect(address).await.unwrap();
    write_all(
        &stream,
        format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
             Content-Length: 100\r\nContent-Type: application/json\r\n\r\n{{\"bankCode\":"
        )
        .as_bytes(),
    )
    .await;
    let answer = tokio::time::timeout(std::time::Duration::from_secs(5), read_to_end(&stream))
        .await
        .expect("answered before the body's time limit");
    parse(&answer).assert_failure("401", UNAUTHORIZED);
    assert_eq!(backend.hits(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lanaya_reads_the_session_as_a_bearer_credential() {
    let backend = Backend::panicking();
    let address = start(&backend, ServerOptions::new()).await;
    let path = ROUTES
        .iter()
        .find(|r| r.variant == "lanaya" && r.real_name == CREDIT_INFO.real_name)
        .unwrap()
        .public_path;
    // The base build's decoys: past the session check, LanaYa refuses them (tests/variants.rs
    // walks LanaYa's own requests), so user code is never reached either way.
    let body = serde_json::to_vec(&good_json(&CREDIT_INFO)).unwrap();
    let bearer = format!("Bearer {TEST_TOKEN}");
    let lowercase = format!("bearer {TEST_TOKEN}");
    let wrong = format!("Bearer {WRONG_TOKEN}");
    let basic = format!("Basic {TEST_TOKEN}");
    let refused: [&[(&str, &str)]; 5] = [
        &[],
        &[("token", TEST_TOKEN)],
        &[("Authorization", TEST_TOKEN)],
        &[("Authorization", &basic)],
        &[("Authorization", &wrong)],
    ];
    for headers in refused {
        exchange_with(
            address,
            "POST",
            path,
            headers,
            Some("application/json"),
            &body,
        )
        .await
        .assert_failure("401", UNAUTHORIZED);
    }
    assert_eq!(
        backend.authentications(),
        1,
        "only the unknown token is asked about"
    );
    for header in [&bearer, &lowercase] {
        let headers = [("Authorization", header.as_str())];
        exchange_with(
            address,
            "POST",
            path,
            &headers,
            Some("application/json"),
            &body,
        )
        .await
        .assert_failure("400", "bad request");
    }
    assert_eq!(backend.authentications(), 3);
    assert_eq!(backend.hits(), 0);
}
