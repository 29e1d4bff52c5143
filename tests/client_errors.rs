//! Every `ClientError` variant, produced through the generated clients against real sockets on
//! 127.0.0.1: what each keeps, how it reads (`Display`), and its `source`. The clients are
//! logged in with the test token (every endpoint needs a session), but where the test is about
//! having none.

use std::error::Error as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use veil::__private::axum::Router;
use veil::__private::axum::body::Body;
use veil::__private::axum::http::header;
use veil::__private::axum::response::Response;
use veil::__private::reqwest;
use veil::FilePart;
use veil::client::{ClientError, Transport};

mod crapido {
    veil::generate!("../spec/crapido.yaml", models, client);
}
mod client_support;

use client_support::*;
use crapido::*;

/// A server on 127.0.0.1 that answers every request with this status, content type and body,
/// and counts the requests.
async fn canned(
    status: u16,
    content_type: &'static str,
    body: &[u8],
) -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let body = body.to_vec();
    let router = Router::new().fallback(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        let response = Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.clone()))
            .unwrap();
        async move { response }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(veil::server::serve(listener, router));
    (format!("http://{address}"), hits)
}

/// A JSON answer with HTTP 200.
async fn answering(json: &str) -> String {
    canned(200, "application/json", json.as_bytes()).await.0
}

/// A certify client of `base`, logged in.
fn certify(base: &str) -> CertifyClient {
    let client = CertifyClient::new(base).unwrap();
    client.transport().set_credential(test_credential());
    client
}

/// A bind-card client of `base`, logged in.
fn bind_card(base: &str) -> BindCardClient {
    let client = BindCardClient::new(base).unwrap();
    client.transport().set_credential(test_credential());
    client
}

/// `source` is set for transport errors only: the other variants hold their cause as text.
fn assert_no_source(err: &ClientError) {
    assert!(err.source().is_none(), "{err:?} has a source");
}

#[tokio::test]
async fn transport_error_when_the_connection_is_refused() {
    // A port that was free a moment ago, with nothing listening on it any more.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);

    let err = certify(&format!("http://127.0.0.1:{port}"))
        .credit_info(&credit_info())
        .await
        .unwrap_err();
    let ClientError::Transport(inner) = &err else {
        panic!("not a transport error: {err:?}");
    };
    assert!(inner.is_connect(), "{inner:?}");
    assert!(!inner.is_timeout(), "{inner:?}");

    // Display reads as a sentence naming what failed and the URL called; the cause's own
    // words are in `source()`, not repeated.
    assert_eq!(
        err.to_string(),
        format!("could not connect to http://127.0.0.1:{port}/Crapido/mkla-pk")
    );
    // The cause is kept as the source, for error reporters that walk the chain.
    let source = err.source().expect("a transport error has a source");
    let reqwest_error = source
        .downcast_ref::<reqwest::Error>()
        .expect("the source is the reqwest error");
    assert!(reqwest_error.is_connect());
    assert!(
        source.source().is_some(),
        "reqwest keeps the io error below"
    );
}

#[tokio::test]
async fn transport_error_when_the_server_does_not_answer_in_time() {
    // Accepts connections and holds them, never reading or answering.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });

    let transport = Transport::builder(&format!("http://{address}"))
        .credential(test_credential())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let bind_card = BindCardClient::from_transport(transport);
    let started = Instant::now();
    let err = bind_card.card_init(&card_init()).await.unwrap_err();
    let elapsed = started.elapsed();

    // A timeout is its own kind: the public path and the limit, no request, no source.
    let ClientError::Timeout { path, timeout } = &err else {
        panic!("not a timeout: {err:?}");
    };
    assert_eq!(*path, "/Crapido/CA-LSKD");
    assert_eq!(*timeout, Duration::from_millis(300));
    assert_no_source(&err);
    assert!(
        elapsed >= Duration::from_millis(250),
        "gave up after {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(10),
        "gave up after {elapsed:?}"
    );
    assert_eq!(
        err.to_string(),
        "the request to /Crapido/CA-LSKD timed out (limit 300ms)"
    );
}

#[test]
fn a_transport_has_time_limits_by_default() {
    let transport = Transport::new("http://127.0.0.1:9").unwrap();
    let shown = format!("{transport:?}");
    assert!(shown.contains("timeout: 30s"), "{shown}");
    let builder = Transport::builder("http://127.0.0.1:9");
    let shown = format!("{builder:?}");
    assert!(shown.contains("timeout: 30s"), "{shown}");
    assert!(shown.contains("connect_timeout: 10s"), "{shown}");
}

#[tokio::test]
async fn status_error_keeps_the_status_and_the_body() {
    let (base, hits) = canned(503, "text/plain", b"upstream down").await;
    let err = certify(&base)
        .credit_info(&credit_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Status { status, body } => {
            assert_eq!(*status, 503);
            assert_eq!(body, "upstream down");
        }
        other => panic!("not a status error: {other:?}"),
    }
    assert_eq!(err.to_string(), "the server answered HTTP 503");
    assert_no_source(&err);
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_non_2xx_status_wins_over_a_success_envelope() {
    // A proxy error page that happens to be a success envelope is still a failure.
    let (base, _) = canned(500, "application/json", br#"{"code":"00","message":"ok"}"#).await;
    let err = certify(&base)
        .save_credit_info(&save_credit_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Status { status, body } => {
            assert_eq!(*status, 500);
            assert_eq!(body, r#"{"code":"00","message":"ok"}"#);
        }
        other => panic!("not a status error: {other:?}"),
    }
    assert_eq!(err.to_string(), "the server answered HTTP 500");

    // A body that is not UTF-8 is kept lossily.
    let (base, _) = canned(404, "application/octet-stream", &[b'n', 0xFF, b'o']).await;
    let err = certify(&base)
        .credit_info(&credit_info())
        .await
        .unwrap_err();
    match err {
        ClientError::Status { status, body } => {
            assert_eq!(status, 404);
            assert_eq!(body, "n\u{FFFD}o");
        }
        other => panic!("not a status error: {other:?}"),
    }
}

#[tokio::test]
async fn decode_error_for_a_body_that_is_not_json() {
    let page = "<html><body>Mantenimiento</body></html>";
    let (base, _) = canned(200, "text/html", page.as_bytes()).await;
    let err = certify(&base)
        .credit_info(&credit_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Decode {
            status,
            body,
            error,
        } => {
            assert_eq!(*status, 200);
            assert_eq!(body, page);
            assert!(
                error.contains("expected value at line 1 column 1"),
                "{error}"
            );
        }
        other => panic!("not a decode error: {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "the answer (HTTP 200) could not be decoded: expected value at line 1 column 1"
    );
    assert_no_source(&err);
}

#[tokio::test]
async fn decode_error_for_data_that_does_not_fit_the_type() {
    // A success code, but `items` is not a list of form items. Status 201: any 2xx is read.
    let answer = r#"{"code":"00","message":"成功","data":{"items":"none"}}"#;
    let (base, _) = canned(201, "application/json", answer.as_bytes()).await;
    let err = certify(&base)
        .personal_info(&personal_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Decode {
            status,
            body,
            error,
        } => {
            assert_eq!(*status, 201);
            assert_eq!(body, answer);
            // Named by path and expected type; the value sent ("none") is not quoted.
            assert_eq!(
                error,
                "invalid value for field `items`: expected a sequence"
            );
        }
        other => panic!("not a decode error: {other:?}"),
    }
    let shown = err.to_string();
    assert_eq!(
        shown,
        "the answer (HTTP 201) could not be decoded: invalid value for field `items`: expected a sequence"
    );
    // Debug shows the size of the body, not its text.
    let debugged = format!("{err:?}");
    assert!(
        debugged.contains(&format!("<{} bytes>", answer.len())),
        "{debugged}"
    );
    assert!(!debugged.contains("none"), "{debugged}");
    assert_no_source(&err);
}

#[tokio::test]
async fn decode_error_for_an_envelope_without_code_or_without_data() {
    // A success without the data the endpoint answers.
    let answer = r#"{"code":"0","message":"success"}"#;
    let err = certify(&answering(answer).await)
        .basic_person_info(&basic_person_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Decode {
            status,
            body,
            error,
        } => {
            assert_eq!((*status, body.as_str()), (200, answer));
            assert_eq!(error, "the answer has no `data`");
        }
        other => panic!("not a decode error: {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "the answer (HTTP 200) could not be decoded: the answer has no `data`"
    );

    // JSON, but not an envelope.
    let answer = r#"{"message":"成功","data":{}}"#;
    let err = certify(&answering(answer).await)
        .save_job_info(&save_job_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Decode { body, error, .. } => {
            assert_eq!(body, answer);
            assert!(error.contains("missing field `code`"), "{error}");
        }
        other => panic!("not a decode error: {other:?}"),
    }
}

#[tokio::test]
async fn api_error_keeps_the_code_and_the_message() {
    // A failure's `data` is never decoded, whatever its shape.
    let answer = r#"{"code":"1001","message":"token expirado","data":"nada"}"#;
    let err = certify(&answering(answer).await)
        .credit_info(&credit_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Api { code, message } => {
            assert_eq!(code, "1001");
            assert_eq!(message, "token expirado");
        }
        other => panic!("not an API error: {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "the API answered code 1001: token expirado"
    );
    assert_no_source(&err);

    // A numeric code is read as its text; a missing message as empty.
    let err = bind_card(&answering(r#"{"code":403}"#).await)
        .bind_card_new(&bind_card_new())
        .await
        .unwrap_err();
    match &err {
        ClientError::Api { code, message } => {
            assert_eq!((code.as_str(), message.as_str()), ("403", ""));
        }
        other => panic!("not an API error: {other:?}"),
    }
}

#[tokio::test]
async fn success_codes_are_per_endpoint() {
    // "0" is success for basic-person-info, upload-image and save-basic-info only.
    let base = answering(&seed_response_text("03-basic-person-info.json")).await;
    let client = certify(&base);
    let documents = client
        .basic_person_info(&basic_person_info())
        .await
        .unwrap();
    assert_eq!(
        documents,
        seed_data::<PersonDocuments>("03-basic-person-info.json")
    );
    let err = client.job_info(&job_info()).await.unwrap_err();
    match &err {
        ClientError::Api { code, message } => {
            assert_eq!((code.as_str(), message.as_str()), ("0", "success"));
        }
        other => panic!("not an API error: {other:?}"),
    }

    // And "00" is not success for them.
    let base = answering(r#"{"code":"00","message":"成功"}"#).await;
    let client = certify(&base);
    client.save_ext_info(&save_ext_info()).await.unwrap();
    let err = client
        .save_basic_info(&save_basic_info())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ClientError::Api { code, .. } if code == "00"),
        "{err:?}"
    );
}

#[test]
fn config_error_for_a_base_url_that_is_not_absolute_http() {
    const NOT_HTTP: &str = "a base URL is http(s), without query or fragment";
    const NOT_A_URL: &str = "the base URL is not a URL: relative URL without a base";
    for (base, reason) in [
        ("ftp://x", NOT_HTTP),
        ("not a url", NOT_A_URL),
        ("", NOT_A_URL),
        ("http://127.0.0.1:8080/?debug=1", NOT_HTTP),
        ("http://127.0.0.1:8080/app#top", NOT_HTTP),
    ] {
        for err in config_errors(base) {
            match &err {
                ClientError::Config(message) => assert_eq!(message, reason, "{base}"),
                other => panic!("{base}: not a config error: {other:?}"),
            }
            assert_eq!(
                err.to_string(),
                format!("invalid client configuration: {reason}")
            );
            assert_no_source(&err);
        }
    }
    // The same settings with good URLs build.
    assert!(CertifyClient::new("https://api.crapido.example/app/").is_ok());
    assert!(
        Transport::builder("http://127.0.0.1:8080")
            .header("X-App-Version", "3.1.0")
            .build()
            .is_ok()
    );
}

/// The errors of the three ways to build a client on `base`.
fn config_errors(base: &str) -> [ClientError; 3] {
    [
        CertifyClient::new(base).unwrap_err(),
        BindCardClient::with_client(reqwest::Client::new(), base).unwrap_err(),
        Transport::builder(base)
            .header("X-App-Version", "3.1.0")
            .build()
            .unwrap_err(),
    ]
}

#[test]
fn config_errors_never_quote_a_base_urls_secrets() {
    for base in [
        "http://maria:s3cr3t@127.0.0.1:8080/app",
        "http://127.0.0.1:8080/app?token=s3cr3t",
        "http://127.0.0.1:8080/app#s3cr3t",
        "ftp://maria:s3cr3t@127.0.0.1/",
        "http://maria:s3cr3t@127.0.0.1:99999/",
        "http://[s3cr3t/",
    ] {
        for err in config_errors(base) {
            assert!(matches!(err, ClientError::Config(_)), "{base}: {err:?}");
            for shown in [err.to_string(), format!("{err:?}")] {
                assert!(!shown.contains("s3cr3t"), "{base}: {shown}");
                assert!(!shown.contains("maria"), "{base}: {shown}");
            }
        }
        // Nor does a builder's `Debug`, before the URL is checked.
        let builder = Transport::builder(base);
        let shown = format!("{builder:?}");
        assert!(!shown.contains("s3cr3t"), "{base}: {shown}");
        assert!(!shown.contains("maria"), "{base}: {shown}");
    }
    let builder = Transport::builder("http://maria:s3cr3t@127.0.0.1:8080/app?token=s3cr3t");
    assert!(format!("{builder:?}").contains("http://127.0.0.1:8080/app"));
}

#[test]
fn config_error_for_an_invalid_header() {
    let err = Transport::builder("http://127.0.0.1:8080")
        .header("X App Version", "3.1.0")
        .build()
        .unwrap_err();
    match &err {
        ClientError::Config(message) => {
            assert_eq!(message, "`X App Version` is not a valid header name");
        }
        other => panic!("not a config error: {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "invalid client configuration: `X App Version` is not a valid header name"
    );
    assert_no_source(&err);

    // A bad value is named by its header, never shown: it may be a token.
    let err = Transport::builder("http://127.0.0.1:8080")
        .header("Authorization", "Bearer s3cr3t\r\nX-Injected: 1")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid client configuration: the value of header `Authorization` is not valid"
    );
    assert!(!format!("{err:?}").contains("s3cr3t"));
}

/// An endpoint that needs a session, called without a credential: nothing is sent, and the
/// error names the endpoint, never a credential.
#[tokio::test]
async fn no_credential_error_when_the_transport_holds_none() {
    let (base, hits) = canned(200, "application/json", br#"{"code":"00","message":"ok"}"#).await;
    let client = CertifyClient::new(&base).unwrap();
    assert!(!client.transport().has_credential());
    let err = client.save_job_info(&save_job_info()).await.unwrap_err();
    let ClientError::NoCredential { path } = &err else {
        panic!("not a no-credential error: {err:?}");
    };
    assert_eq!(*path, "/Crapido/Sejom");
    assert_eq!(
        err.to_string(),
        "/Crapido/Sejom needs a session, and the transport holds no credential: log in first"
    );
    assert_no_source(&err);
    assert_eq!(hits.load(Ordering::SeqCst), 0, "nothing was sent");

    // Logged in, then out again.
    client.transport().set_credential(test_credential());
    client.save_job_info(&save_job_info()).await.unwrap();
    client.transport().clear_credential();
    let err = client.save_job_info(&save_job_info()).await.unwrap_err();
    assert!(matches!(err, ClientError::NoCredential { .. }), "{err:?}");
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    // Neither the transport nor the error shows the credential.
    client.transport().set_credential(test_credential());
    let shown = format!("{:?} {err:?}", client.transport());
    assert!(!shown.contains(TEST_TOKEN), "{shown}");
}

/// The only request the generated types can fail to encode: a file part whose content type is
/// not a media type. JSON bodies of generated requests (strings and string-like codes) always
/// encode.
#[tokio::test]
async fn encode_error_for_a_file_content_type_that_is_not_a_media_type() {
    let (base, hits) = canned(200, "application/json", b"{}").await;
    let upload = UploadImageRequest {
        attach: FilePart::new(JPEG, PHOTO_FILE_NAME, "not a media type"),
        r#type: ImageKind::IdFront,
    };
    let err = certify(&base).upload_image(&upload).await.unwrap_err();
    match &err {
        ClientError::Encode(message) => {
            assert_eq!(message, "part `attach` has an invalid content type");
        }
        other => panic!("not an encode error: {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "the request could not be encoded: part `attach` has an invalid content type"
    );
    assert_no_source(&err);
    assert_eq!(hits.load(Ordering::SeqCst), 0, "nothing was sent");
}

/// A server on 127.0.0.1 whose every answer is `body` sent in 1-byte chunks (no
/// `Content-Length`), with HTTP 200.
async fn trickling(body: &'static [u8]) -> String {
    let router = Router::new().fallback(move || async move {
        let chunks = body.chunks(1).map(|byte| {
            Ok::<_, std::io::Error>(veil::__private::axum::body::Bytes::from_static(byte))
        });
        Response::builder()
            .status(200)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from_stream(futures_util::stream::iter(chunks)))
            .unwrap()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(veil::server::serve(listener, router));
    format!("http://{address}")
}

#[tokio::test]
async fn the_answer_cap_holds_under_one_byte_chunks() {
    const ANSWER: &[u8] = br#"{"code":"0","message":"ok"}"#;
    let padded: &'static [u8] = Box::leak(
        [&ANSWER[..ANSWER.len() - 1], &[b' '; 4000][..], b"}"]
            .concat()
            .into_boxed_slice(),
    );
    let client = |base: &str, cap: usize| {
        let transport = Transport::builder(base)
            .credential(test_credential())
            .max_response_bytes(cap)
            .build()
            .unwrap();
        CertifyClient::from_transport(transport)
    };
    // Within the cap, an answer in 1-byte chunks reads as any other.
    let base = trickling(padded).await;
    client(&base, padded.len())
        .save_basic_info(&save_basic_info())
        .await
        .unwrap();
    // One byte over the cap, it is refused, and not kept.
    let err = client(&base, padded.len() - 1)
        .save_basic_info(&save_basic_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Decode { body, error, .. } => {
            assert_eq!(
                error,
                &format!("the answer is larger than {} bytes", padded.len() - 1)
            );
            assert!(body.is_empty());
        }
        other => panic!("not a decode error: {other:?}"),
    }
}

#[tokio::test]
async fn an_answer_declared_over_the_cap_is_refused_before_it_is_read() {
    let (base, _) = canned(200, "application/json", &[b' '; 5000]).await;
    let transport = Transport::builder(&base)
        .credential(test_credential())
        .max_response_bytes(4999)
        .build()
        .unwrap();
    let err = CertifyClient::from_transport(transport)
        .save_basic_info(&save_basic_info())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ClientError::Decode { error, .. } if error.contains("larger than 4999")),
        "{err:?}"
    );
}

/// A server on 127.0.0.1 answering every path but `/landed` with `307` to `/landed`, which
/// counts its requests and answers a success envelope.
async fn redirecting() -> (String, Arc<AtomicUsize>) {
    let landed = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&landed);
    let router = Router::new()
        .route(
            "/landed",
            veil::__private::axum::routing::any(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                async { r#"{"code":"0","message":"ok"}"# }
            }),
        )
        .fallback(|| async {
            Response::builder()
                .status(307)
                .header(header::LOCATION, "/landed")
                .body(Body::empty())
                .unwrap()
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(veil::server::serve(listener, router));
    (format!("http://{address}"), landed)
}

#[tokio::test]
async fn redirects_are_never_followed_by_the_transports_own_client() {
    let (base, landed) = redirecting().await;
    let err = certify(&base)
        .save_basic_info(&save_basic_info())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::Status { status: 307, .. }),
        "{err:?}"
    );
    assert_eq!(landed.load(Ordering::SeqCst), 0);
}

/// `with_client` keeps the caller's redirect policy (reqwest cannot override it per request):
/// reqwest's default one follows the 307, with the body, and the call then fails rather than
/// read the other place's answer as the endpoint's.
#[tokio::test]
async fn a_caller_client_that_follows_a_redirect_fails_the_call() {
    let (base, landed) = redirecting().await;
    let follows = CertifyClient::with_client(reqwest::Client::new(), &base).unwrap();
    follows.transport().set_credential(test_credential());
    let err = follows
        .save_basic_info(&save_basic_info())
        .await
        .unwrap_err();
    match &err {
        ClientError::Config(message) => {
            assert!(message.contains("followed a redirect"), "{message}")
        }
        other => panic!("not a config error: {other:?}"),
    }
    assert_eq!(
        landed.load(Ordering::SeqCst),
        1,
        "the default policy followed it"
    );
    // With redirects off, as `with_client` documents, nothing goes elsewhere.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let stays = CertifyClient::with_client(client, &base).unwrap();
    stays.transport().set_credential(test_credential());
    let err = stays.save_basic_info(&save_basic_info()).await.unwrap_err();
    assert!(
        matches!(err, ClientError::Status { status: 307, .. }),
        "{err:?}"
    );
    assert_eq!(landed.load(Ordering::SeqCst), 1);
}
