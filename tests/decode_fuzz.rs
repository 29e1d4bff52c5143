//! The server's decode pipeline under arbitrary input: method, path, content type, body bytes
//! (good bodies mutated, or noise) and chunking. For every input the generated router must
//! answer, never panic, and answer with an envelope under the spec's field names.
//!
//! Two APIs cover the three encodings: spec/crapido.yaml (JSON and multipart, decoys verified,
//! `always_ok`) and tests/specs/forms.yaml (form and JSON, decoys ignored, statuses mapped,
//! other envelope names). Each case is one request through `oneshot`, in process.
//!
//! `cargo test --test decode_fuzz` runs 256 cases; `PROPTEST_CASES=1000000 cargo test --release
//! --test decode_fuzz` is the long run (docs/benchmarks.md gives its count and time).

mod common;

use std::sync::OnceLock;

use http_body_util::BodyExt;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use tower::ServiceExt;
use veil::__private::axum::Router;
use veil::__private::axum::body::{Body, Bytes};
use veil::__private::axum::http::{Method, Request, header};
use veil::server::{ApiError, RequestContext, ServerOptions};

use common::{BOUNDARY, Backend, ENDPOINTS, good_json, good_upload_parts, multipart_body};

mod forms {
    veil::generate!("specs/forms.yaml");
}

/// Answers every form call with a receipt; which calls arrive is not this test's concern.
#[derive(Clone)]
struct Shop;

impl forms::ShopApi for Shop {
    async fn place_order(
        &self,
        _: forms::PlaceOrderRequest,
        _: RequestContext,
    ) -> Result<forms::Receipt, ApiError> {
        Ok(receipt())
    }
    async fn order_status(
        &self,
        _: forms::OrderStatusRequest,
        _: RequestContext,
    ) -> Result<forms::Receipt, ApiError> {
        Ok(receipt())
    }
    async fn cancel(&self, _: forms::CancelRequest, _: RequestContext) -> Result<(), ApiError> {
        Ok(())
    }
}

fn receipt() -> forms::Receipt {
    forms::Receipt {
        order_id: "A-1".into(),
        total: 1,
    }
}

/// Which API a case is sent to, with the envelope's field names.
#[derive(Clone, Copy, Debug)]
enum Api {
    Crapido,
    Forms,
}

impl Api {
    fn envelope(self) -> (&'static str, &'static str) {
        match self {
            Api::Crapido => ("code", "message"),
            Api::Forms => ("ret", "msg"),
        }
    }

    fn paths(self) -> Vec<&'static str> {
        match self {
            Api::Crapido => ENDPOINTS.iter().map(|e| e.public_path).collect(),
            Api::Forms => vec!["/s/po", "/s/os", "/s/cx"],
        }
    }
}

/// A good body to mutate, with its content type.
fn seed_body(api: Api, path: &str) -> (Vec<u8>, String) {
    match (api, path) {
        (Api::Crapido, "/Crapido/upimg") => (
            multipart_body(&good_upload_parts()),
            format!("multipart/form-data; boundary={BOUNDARY}"),
        ),
        (Api::Crapido, path) => {
            let endpoint = ENDPOINTS.iter().find(|e| e.public_path == path);
            let body = endpoint.map(good_json).unwrap_or(Value::Null);
            (body.to_string().into_bytes(), "application/json".into())
        }
        (Api::Forms, "/s/po") => (
            b"item=tea&count=2&weight=1.5&gift=true&qty=1&plan=1&zq=77&nonce=a1b2c3".to_vec(),
            "application/x-www-form-urlencoded".into(),
        ),
        (Api::Forms, _) => (
            br#"{"order_id":"A-1","zz":"1"}"#.to_vec(),
            "application/json".into(),
        ),
    }
}

/// One request as generated: everything the pipeline reads.
#[derive(Clone, Debug)]
struct Case {
    api: Api,
    method: Method,
    path: String,
    content_type: Option<String>,
    body: Vec<u8>,
    /// The sizes of the frames the body arrives in (the rest in one frame).
    chunks: Vec<usize>,
}

fn content_types() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("application/json".to_owned())),
        Just(Some("application/json; charset=utf-8".to_owned())),
        Just(Some("application/x-www-form-urlencoded".to_owned())),
        Just(Some(format!("multipart/form-data; boundary={BOUNDARY}"))),
        Just(Some("multipart/form-data".to_owned())),
        Just(Some("multipart/form-data; boundary=".to_owned())),
        "[ -~]{0,40}".prop_map(Some),
    ]
}

/// A body: the seed body, cut, with bytes overwritten or inserted, or noise.
fn mutated(seed: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = seed.len();
    prop_oneof![
        2 => Just(seed.clone()),
        3 => (0..=len).prop_map({
            let seed = seed.clone();
            move |cut| seed[..cut].to_vec()
        }),
        4 => proptest::collection::vec((0..len.max(1), any::<u8>()), 1..8).prop_map({
            let seed = seed.clone();
            move |edits| {
                let mut body = seed.clone();
                for (at, byte) in edits {
                    if let Some(place) = body.get_mut(at) {
                        *place = byte;
                    }
                }
                body
            }
        }),
        2 => (0..=len, proptest::collection::vec(any::<u8>(), 1..64)).prop_map(
            move |(at, insert)| {
                let mut body = seed.clone();
                body.splice(at..at, insert);
                body
            }
        ),
        2 => proptest::collection::vec(any::<u8>(), 0..512),
    ]
}

fn cases() -> impl Strategy<Value = Case> {
    let api = prop_oneof![3 => Just(Api::Crapido), 1 => Just(Api::Forms)];
    api.prop_flat_map(|api| {
        let mut paths: Vec<String> = api.paths().into_iter().map(str::to_owned).collect();
        paths.push("/Crapido/none".into());
        paths.push("/v3/certify/credit-info".into());
        (Just(api), proptest::sample::select(paths))
    })
    .prop_flat_map(|(api, path)| {
        let (seed, seed_type) = seed_body(api, &path);
        let method = prop_oneof![
            8 => Just(Method::POST),
            1 => Just(Method::GET),
            1 => Just(Method::PUT),
        ];
        let content_type = prop_oneof![3 => Just(Some(seed_type)), 2 => content_types()];
        let chunks = proptest::collection::vec(1usize..64, 0..16);
        (
            Just(api),
            method,
            Just(path),
            content_type,
            mutated(seed),
            chunks,
        )
    })
    .prop_map(|(api, method, path, content_type, body, chunks)| Case {
        api,
        method,
        path,
        content_type,
        body,
        chunks,
    })
}

/// The body in the frames the case asks for.
fn framed(body: Vec<u8>, chunks: &[usize]) -> Body {
    let mut frames = Vec::new();
    let mut rest = &body[..];
    for &size in chunks {
        if rest.is_empty() {
            break;
        }
        let (frame, tail) = rest.split_at(size.min(rest.len()));
        frames.push(Ok::<_, std::io::Error>(Bytes::copy_from_slice(frame)));
        rest = tail;
    }
    if !rest.is_empty() {
        frames.push(Ok(Bytes::copy_from_slice(rest)));
    }
    Body::from_stream(futures_util::stream::iter(frames))
}

fn routers() -> &'static (Router, Router) {
    static ROUTERS: OnceLock<(Router, Router)> = OnceLock::new();
    ROUTERS.get_or_init(|| {
        (
            common::crapido::router(Backend::recording(), ServerOptions::new()),
            forms::router(Shop, ServerOptions::new()),
        )
    })
}

/// Sends the case; the reason it is not an envelope, if it is not.
async fn send(case: Case) -> Result<(), String> {
    let (crapido, forms) = routers();
    let router = match case.api {
        Api::Crapido => crapido.clone(),
        Api::Forms => forms.clone(),
    };
    let mut request = Request::builder().method(case.method).uri(&case.path);
    if let Some(content_type) = &case.content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    // Logged in, so that crapido's requests reach the decoding (forms needs no session).
    if let Some((name, value)) = common::session_header(&case.path) {
        request = request.header(name, value);
    }
    let request = request
        .body(framed(case.body, &case.chunks))
        .map_err(|err| format!("test request: {err}"))?;
    let Ok(response) = router.oneshot(request).await;
    let status = response.status().as_u16();
    let bytes = response
        .into_body()
        .collect()
        .await
        .map_err(|err| format!("answer body: {err}"))?
        .to_bytes();
    let answer: Value = serde_json::from_slice(&bytes)
        .map_err(|err| format!("status {status}: answer is not JSON ({err})"))?;
    let (code, message) = case.api.envelope();
    match (answer.get(code), answer.get(message)) {
        (Some(Value::String(_)), Some(Value::String(_))) => Ok(()),
        _ => Err(format!("status {status}: not an envelope: {answer}")),
    }
}

fn case_count() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256)
}

#[test]
fn every_input_is_answered_with_an_envelope() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let config = Config {
        cases: case_count(),
        failure_persistence: None,
        ..Config::default()
    };
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config);
    let outcome = runner.run(&cases(), |case| {
        runtime
            .block_on(send(case))
            .map_err(proptest::test_runner::TestCaseError::fail)
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    eprintln!(
        "decode_fuzz: {} cases, every one an envelope, in {:.1} s",
        case_count(),
        started.elapsed().as_secs_f64()
    );
}
