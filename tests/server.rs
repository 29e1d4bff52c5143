//! The server generated from spec/crapido.yaml (and from tests/specs/forms.yaml for what crapido
//! does not have), driven in process with tower's `oneshot`.
//!
//! - each of the 13 endpoints: a good request built from the seed document's field list is
//!   decoded into the typed request (every value asserted) and answered with the envelope of the
//!   seed's response example;
//! - malformed requests of every encoding never reach user code, and are answered with an
//!   envelope (never a 5xx, never axum's plain-text rejections);
//! - decoys (verify and ignore), size limits, unknown paths and real names, user errors,
//!   mapped HTTP statuses and custom codes, and what tracing records.

mod common;

use std::io;
use std::sync::{Arc, Mutex};

use http_body_util::BodyExt;
use serde::Serialize;
use serde_json::{Value, json};
use tower::ServiceExt;
use veil::__private::axum::Router;
use veil::__private::axum::body::Body;
use veil::__private::axum::http::{Method, Request, StatusCode, header};
use veil::server::{ApiError, RequestContext, ServerOptions};

use common::crapido::*;
use common::*;

mod forms {
    veil::generate!("specs/forms.yaml");
}

// ----------------------------------------------------------------------------------------------
// Sending requests and reading answers

/// An answer, read whole: it must be a JSON envelope.
struct Answer {
    status: StatusCode,
    content_type: Option<String>,
    body: Value,
}

impl Answer {
    fn field(&self, name: &str) -> &str {
        self.body[name]
            .as_str()
            .unwrap_or_else(|| panic!("no string `{name}` in {}", self.body))
    }

    fn code(&self) -> &str {
        self.field("code")
    }

    fn message(&self) -> &str {
        self.field("message")
    }

    /// The envelope's keys, sorted.
    fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .body
            .as_object()
            .unwrap_or_else(|| panic!("not a JSON object: {}", self.body))
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        keys
    }

    /// A crapido success: HTTP 200, JSON, the endpoint's code, 成功, and the seed's data
    /// re-encoded (no `data` for the save endpoints).
    fn assert_success(&self, endpoint: &Endpoint) {
        let what = endpoint.public_path;
        assert_eq!(self.status, StatusCode::OK, "{what}: {}", self.body);
        assert_eq!(
            self.content_type.as_deref(),
            Some("application/json"),
            "{what}"
        );
        assert_eq!(self.code(), endpoint.success, "{what}: {}", self.body);
        assert_eq!(self.message(), "成功", "{what}");
        match expected_data(endpoint) {
            Some(data) => {
                assert_eq!(self.keys(), ["code", "data", "message"], "{what}");
                assert_eq!(self.body["data"], data, "{what}");
            }
            None => assert_eq!(self.keys(), ["code", "message"], "{what}: {}", self.body),
        }
    }

    /// A crapido failure: HTTP 200 (always_ok), JSON, exactly `code` and `message`.
    fn assert_failure(&self, code: &str, message: &str) {
        self.assert_failure_envelope(code);
        assert_eq!(self.message(), message, "{}", self.body);
    }

    fn assert_failure_envelope(&self, code: &str) {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        assert_eq!(self.content_type.as_deref(), Some("application/json"));
        assert_eq!(self.keys(), ["code", "message"], "{}", self.body);
        assert_eq!(self.code(), code, "{}", self.body);
    }
}

async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes);
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not a JSON envelope ({e}): {status} {text}"));
    Answer {
        status,
        content_type,
        body,
    }
}

/// A request to `path`, logged in: with the test session's credential where crapido has the
/// path (the forms API needs no session).
fn request(
    method: Method,
    path: &str,
    content_type: Option<&str>,
    body: impl Into<Body>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    if let Some((name, value)) = session_header(path) {
        builder = builder.header(name, value);
    }
    builder.body(body.into()).unwrap()
}

fn post(path: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    request(Method::POST, path, Some(content_type), body)
}

fn post_json(path: &str, body: &Value) -> Request<Body> {
    post(path, "application/json", serde_json::to_vec(body).unwrap())
}

fn post_upload(parts: &[Part]) -> Request<Body> {
    post(
        UPLOAD_IMAGE.public_path,
        &multipart_content_type(),
        multipart_body(parts),
    )
}

/// The good request of `endpoint`, sent to `path`.
fn good_request(endpoint: &Endpoint, path: &str) -> Request<Body> {
    if endpoint.public_path == UPLOAD_IMAGE.public_path {
        post(
            path,
            &multipart_content_type(),
            multipart_body(&good_upload_parts()),
        )
    } else {
        post_json(path, &good_json(endpoint))
    }
}

fn crapido_router(backend: &Backend) -> Router {
    router(backend.clone(), ServerOptions::new())
}

/// `got == expected`, compared first as JSON so that a failure shows the values (the types'
/// Debug output hides the sensitive ones).
fn assert_same<T: Serialize + PartialEq>(got: &T, expected: &T) {
    assert_eq!(
        serde_json::to_value(got).unwrap(),
        serde_json::to_value(expected).unwrap()
    );
    assert!(got == expected);
}

/// Sends the good request of `endpoint` to its public path; checks the answer and the context
/// user code saw, and returns the typed request.
async fn serve_good(endpoint: &Endpoint) -> Call {
    let backend = Backend::recording();
    let answer = send(
        &crapido_router(&backend),
        good_request(endpoint, endpoint.public_path),
    )
    .await;
    answer.assert_success(endpoint);
    let (call, context) = backend.only_call();
    assert_eq!(context.public_path(), endpoint.public_path);
    assert_eq!(context.real_name(), endpoint.real_name);
    assert_eq!(context.variant(), "crapido");
    assert!(!context.via_real_name());
    call
}

fn choice(code: &str) -> ChoiceValue {
    ChoiceValue(code.to_owned())
}

// ----------------------------------------------------------------------------------------------
// The 13 endpoints, each with a good request

#[tokio::test]
async fn credit_info() {
    let Call::CreditInfo(request) = serve_good(&CREDIT_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &CreditInfoRequest {
            mobile: MOBILE.into(),
            product_id: "2".into(),
        },
    );
}

#[tokio::test]
async fn save_credit_info() {
    let Call::SaveCreditInfo(request) = serve_good(&SAVE_CREDIT_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &SaveCreditInfoRequest {
            is_borrowed_far: choice("2"),
            is_network_loan: choice("1"),
            is_outstanding: choice("1"),
            is_overdue_maximum: choice("2"),
            // Sent as the number 1.
            is_overdue_year: choice("1"),
            order_no: ORDER_NO.into(),
            product_id: "2".into(),
        },
    );
}

#[tokio::test]
async fn basic_person_info() {
    let Call::BasicPersonInfo(request) = serve_good(&BASIC_PERSON_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &BasicPersonInfoRequest {
            mobile: MOBILE.into(),
            product_id: "2".into(),
        },
    );
}

#[tokio::test]
async fn upload_image() {
    let Call::UploadImage(request) = serve_good(&UPLOAD_IMAGE).await else {
        panic!("wrong method called")
    };
    assert_eq!(request.r#type, ImageKind::IdFront);
    assert_eq!(request.attach.file_name.as_deref(), Some("id_front.jpg"));
    assert_eq!(request.attach.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(request.attach.bytes, JPEG);
}

#[tokio::test]
async fn save_basic_info() {
    let Call::SaveBasicInfo(request) = serve_good(&SAVE_BASIC_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &SaveBasicInfoRequest {
            name: NAME.into(),
            r#type: ImageKind::IdFront,
            id_number: CURP.into(),
            birthday: BIRTHDAY.into(),
        },
    );
}

#[tokio::test]
async fn personal_info() {
    let Call::PersonalInfo(request) = serve_good(&PERSONAL_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &PersonalInfoRequest {
            mobile: MOBILE.into(),
            product_id: "2".into(),
        },
    );
}

#[tokio::test]
async fn save_personal_info() {
    let Call::SavePersonalInfo(request) = serve_good(&SAVE_PERSONAL_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &SavePersonalInfoRequest {
            birthday: BIRTHDAY.into(),
            children_num: choice("2"),
            education: choice("2"),
            email: EMAIL.into(),
            home_city: HOME_CITY.into(),
            idcardnumber: CURP.into(),
            marriage: choice("3"),
            sex: choice("2"),
            order_no: ORDER_NO.into(),
            product_id: "2".into(),
        },
    );
}

#[tokio::test]
async fn save_personal_info_accepts_any_generated_decoy_value() {
    // `alksmdj` is generated afresh by the client, in a form the spec cannot know: any
    // non-empty value is accepted.
    let backend = Backend::recording();
    let router = crapido_router(&backend);
    let values = [
        "00000000",
        "abcdWXYZ",
        "x",
        "not-alphanumeric!",
        "ñ",
        "0123456789abcdefXYZ",
    ];
    for value in values {
        let mut body = good_json(&SAVE_PERSONAL_INFO);
        body["alksmdj"] = json!(value);
        send(&router, post_json(SAVE_PERSONAL_INFO.public_path, &body))
            .await
            .assert_success(&SAVE_PERSONAL_INFO);
    }
    assert_eq!(backend.take_calls().len(), values.len());
}

#[tokio::test]
async fn job_info() {
    let Call::JobInfo(request) = serve_good(&JOB_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &JobInfoRequest {
            mobile: MOBILE.into(),
            product_id: "2".into(),
        },
    );
}

#[tokio::test]
async fn save_job_info() {
    // The document's own request example, as written; the endpoint has no decoy.
    let Call::SaveJobInfo(request) = serve_good(&SAVE_JOB_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &SaveJobInfoRequest {
            company_address: "Coahuila de Zaragoza|Candela".into(),
            company_full_address: "hhh".into(),
            company_name: "hhhh".into(),
            company_phone: COMPANY_PHONE.into(),
            industry: choice("3"),
            job_type: choice("2"),
            monthly_income: choice("3"),
            order_no: ORDER_NO.into(),
            product_id: "2".into(),
            salary_day: "3".into(),
            salary_day_1: "1".into(),
            salary_type: choice("1"),
        },
    );
}

#[tokio::test]
async fn ext_info() {
    let Call::ExtInfo(request) = serve_good(&EXT_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &ExtInfoRequest {
            mobile: MOBILE.into(),
            product_id: "2".into(),
        },
    );
}

#[tokio::test]
async fn save_ext_info() {
    // The document's own request example, plus its decoy.
    let Call::SaveExtInfo(request) = serve_good(&SAVE_EXT_INFO).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &SaveExtInfoRequest {
            first_mobile: MOBILE.into(),
            first_name: "110".into(),
            first_relation: choice("1"),
            product_id: "2".into(),
            second_mobile: SECOND_MOBILE.into(),
            second_name: "120".into(),
            second_relation: choice("1"),
        },
    );
}

#[tokio::test]
async fn card_init() {
    let Call::CardInit(request) = serve_good(&CARD_INIT).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &CardInitRequest {
            mobile: Some(MOBILE.into()),
            product_id: "2".into(),
        },
    );
}

#[tokio::test]
async fn card_init_without_the_optional_mobile() {
    let backend = Backend::recording();
    let mut body = good_json(&CARD_INIT);
    body.as_object_mut().unwrap().remove("mobile");
    send(
        &crapido_router(&backend),
        post_json(CARD_INIT.public_path, &body),
    )
    .await
    .assert_success(&CARD_INIT);
    let (Call::CardInit(request), _) = backend.only_call() else {
        panic!("wrong method called")
    };
    assert_eq!(request.mobile, None);
    assert_eq!(request.product_id, "2");
}

#[tokio::test]
async fn bind_card_new() {
    let Call::BindCardNew(request) = serve_good(&BIND_CARD_NEW).await else {
        panic!("wrong method called")
    };
    assert_same(
        &request,
        &BindCardNewRequest {
            bank_code: choice("40002"),
            card_no: CLABE.into(),
            confirm_card_no: Some(CLABE.into()),
            product_id: "2".into(),
            order_no: Some(ORDER_NO.into()),
            user_name: Some("MARICELA CORTES".into()),
            bank_type: BankAccountType::Clabe,
        },
    );
}

#[tokio::test]
async fn answers_carry_the_seed_examples_data() {
    // Spot checks of the raw answers, beside the comparison with the re-encoded seed data.
    let backend = Backend::recording();
    let router = crapido_router(&backend);
    let credit = send(&router, good_request(&CREDIT_INFO, CREDIT_INFO.public_path)).await;
    let items = credit.body["data"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["code"], "is_overdue_year");
    assert_eq!(items[0]["note"][1], json!({"name": "Y", "type": 2}));

    let personal = send(
        &router,
        good_request(&PERSONAL_INFO, PERSONAL_INFO.public_path),
    )
    .await;
    // Letters and string codes are answered in their canonical forms.
    assert_eq!(personal.body["data"]["items"][0]["cate"], "day");
    assert_eq!(personal.body["data"]["items"][2]["inputType"], 2);

    let upload = send(
        &router,
        good_request(&UPLOAD_IMAGE, UPLOAD_IMAGE.public_path),
    )
    .await;
    assert_eq!(upload.body["data"]["idcard_num"], CURP);
    assert_eq!(upload.body["data"]["status"], true);

    let contacts = send(&router, good_request(&EXT_INFO, EXT_INFO.public_path)).await;
    assert_eq!(
        contacts.body["data"]["emergent"]["lineal_list"][6]["type"],
        7
    );
    assert_eq!(backend.take_calls().len(), 4);
}

#[tokio::test]
async fn unknown_request_fields_are_ignored() {
    let backend = Backend::recording();
    let router = crapido_router(&backend);
    let mut body = good_json(&CREDIT_INFO);
    let fields = body.as_object_mut().unwrap();
    fields.insert("imei".into(), json!("356938035643809"));
    fields.insert("extra".into(), json!({"nested": [1, 2, {"deep": null}]}));
    fields.insert("flag".into(), json!(true));
    send(&router, post_json(CREDIT_INFO.public_path, &body))
        .await
        .assert_success(&CREDIT_INFO);

    let mut parts = good_upload_parts();
    parts.push(Part::text("device", "android-13"));
    parts.push(Part::File {
        name: "thumbnail",
        file_name: "t.jpg",
        content_type: "image/jpeg",
        bytes: JPEG.to_vec(),
    });
    send(&router, post_upload(&parts))
        .await
        .assert_success(&UPLOAD_IMAGE);

    let calls = backend.take_calls();
    assert!(matches!(&calls[0].0, Call::CreditInfo(r) if r.mobile == MOBILE));
    assert!(matches!(&calls[1].0, Call::UploadImage(r) if r.attach.bytes == JPEG));
}

#[tokio::test]
async fn content_type_parameters_and_case_are_accepted() {
    let backend = Backend::recording();
    let router = crapido_router(&backend);
    let body = serde_json::to_vec(&good_json(&CREDIT_INFO)).unwrap();
    for content_type in [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/json ; charset=UTF-8",
    ] {
        send(
            &router,
            post(CREDIT_INFO.public_path, content_type, body.clone()),
        )
        .await
        .assert_success(&CREDIT_INFO);
    }
    assert_eq!(backend.take_calls().len(), 3);
}

#[tokio::test]
async fn the_handler_sees_the_request_headers() {
    let backend = Backend::recording();
    let mut request = good_request(&JOB_INFO, JOB_INFO.public_path);
    request
        .headers_mut()
        .insert("x-app-version", "3.2.1".parse().unwrap());
    send(&crapido_router(&backend), request)
        .await
        .assert_success(&JOB_INFO);
    let (_, context) = backend.only_call();
    assert_eq!(context.headers()["x-app-version"], "3.2.1");
    // All but the session's credential, which the router takes out.
    assert!(context.headers().get(TOKEN_HEADER).is_none());
}

// ----------------------------------------------------------------------------------------------
// Malformed requests: user code is never reached

/// What a row's message must be.
enum Message {
    Is(String),
    StartsWith(&'static str),
}

struct Row {
    what: String,
    request: Request<Body>,
    code: &'static str,
    message: Message,
}

fn row(what: impl Into<String>, request: Request<Body>, code: &'static str, message: &str) -> Row {
    Row {
        what: what.into(),
        request,
        code,
        message: Message::Is(message.to_owned()),
    }
}

fn row_starting(
    what: impl Into<String>,
    request: Request<Body>,
    code: &'static str,
    prefix: &'static str,
) -> Row {
    Row {
        what: what.into(),
        request,
        code,
        message: Message::StartsWith(prefix),
    }
}

/// `endpoint`'s good JSON body with `change` applied.
fn json_with(
    endpoint: &Endpoint,
    change: impl FnOnce(&mut serde_json::Map<String, Value>),
) -> Request<Body> {
    let mut body = good_json(endpoint);
    change(body.as_object_mut().unwrap());
    post_json(endpoint.public_path, &body)
}

/// The good upload with `change` applied to its parts.
fn upload_with(change: impl FnOnce(&mut Vec<Part>)) -> Request<Body> {
    let mut parts = good_upload_parts();
    change(&mut parts);
    post_upload(&parts)
}

const BAD: &str = "400";
const UNSUPPORTED: &str = "415";
const JSON_ONLY: &str = "unsupported content type: send application/json";
const MULTIPART_ONLY: &str = "unsupported content type: send multipart/form-data";
const POST_ONLY: &str = "method not allowed: use POST";

fn json_rows() -> Vec<Row> {
    let path = CREDIT_INFO.public_path;
    let good = serde_json::to_vec(&good_json(&CREDIT_INFO)).unwrap();
    vec![
        row_starting(
            "not JSON",
            post(
                path,
                "application/json",
                format!("mobile={MOBILE}&product_id=2"),
            ),
            BAD,
            "malformed JSON: expected value at line 1 column 1",
        ),
        row_starting(
            "truncated JSON",
            post(path, "application/json", good[..good.len() / 2].to_vec()),
            BAD,
            "malformed JSON: EOF while parsing",
        ),
        row_starting(
            "JSON with a trailing comma",
            post(
                path,
                "application/json",
                r#"{"mobile": "1", "product_id": "2",}"#,
            ),
            BAD,
            "malformed JSON: trailing comma",
        ),
        row_starting(
            "JSON with a comment, as the document writes it",
            post(path, "application/json", "{\"mobile\": \"1\" //手机号\n}"),
            BAD,
            "malformed JSON",
        ),
        row_starting(
            "invalid UTF-8 in a JSON string",
            post(
                path,
                "application/json",
                b"{\"mobile\": \"\xFF\xFE\"}".to_vec(),
            ),
            BAD,
            "malformed JSON",
        ),
        row(
            "a JSON array",
            post_json(path, &json!([good_json(&CREDIT_INFO)])),
            BAD,
            "the body must be a JSON object",
        ),
        row(
            "a JSON string",
            post_json(path, &json!(MOBILE)),
            BAD,
            "the body must be a JSON object",
        ),
        row(
            "JSON null",
            post(path, "application/json", "null"),
            BAD,
            "the body must be a JSON object",
        ),
        row(
            "a JSON number",
            post(path, "application/json", "8553465753"),
            BAD,
            "the body must be a JSON object",
        ),
        row(
            "an empty body",
            post(path, "application/json", ""),
            BAD,
            "malformed JSON: EOF while parsing a value at line 1 column 0",
        ),
        row(
            "an empty object (decoys missing first)",
            post(path, "application/json", "{}"),
            BAD,
            "bad request",
        ),
        row(
            "missing required field",
            json_with(&CREDIT_INFO, |f| {
                f.remove("product_id");
            }),
            BAD,
            "missing field `product_id`",
        ),
        row(
            "missing required field (save-personal-info)",
            json_with(&SAVE_PERSONAL_INFO, |f| {
                f.remove("idcardnumber");
            }),
            BAD,
            "missing field `idcardnumber`",
        ),
        row(
            "missing required coded field (bind-card-new)",
            json_with(&BIND_CARD_NEW, |f| {
                f.remove("bankType");
            }),
            BAD,
            "missing field `bankType`",
        ),
        row(
            "wrong type: a CURP inside an array for `mobile`",
            json_with(&CREDIT_INFO, |f| {
                f.insert("mobile".into(), json!([CURP]));
            }),
            BAD,
            "invalid value for field `mobile`: expected a string",
        ),
        row(
            "wrong type: a number for a string field",
            json_with(&SAVE_BASIC_INFO, |f| {
                f.insert("id_number".into(), json!(770627));
            }),
            BAD,
            "invalid value for field `id_number`: expected a string",
        ),
        row(
            "wrong type: null for a required field",
            json_with(&CREDIT_INFO, |f| {
                f.insert("product_id".into(), Value::Null);
            }),
            BAD,
            "invalid value for field `product_id`: expected a string",
        ),
        row(
            "wrong type: an object for a lenient choice",
            json_with(&SAVE_CREDIT_INFO, |f| {
                f.insert("is_overdue_year".into(), json!({ "curp": CURP }));
            }),
            BAD,
            "invalid value for field `is_overdue_year`: expected a string or a number",
        ),
        row(
            "wrong type: a CURP for a coded field",
            json_with(&SAVE_BASIC_INFO, |f| {
                f.insert("type".into(), json!(CURP));
            }),
            BAD,
            "invalid value for field `type`: expected an integer, or a string holding one",
        ),
        row(
            "invalid coded value: bankType 3",
            json_with(&BIND_CARD_NEW, |f| {
                f.insert("bankType".into(), json!(3));
            }),
            BAD,
            "invalid value for field `bankType`",
        ),
        row(
            "invalid coded value: bankType \"3\"",
            json_with(&BIND_CARD_NEW, |f| {
                f.insert("bankType".into(), json!("3"));
            }),
            BAD,
            "invalid value for field `bankType`",
        ),
        row(
            "invalid coded value: image type 99",
            json_with(&SAVE_BASIC_INFO, |f| {
                f.insert("type".into(), json!("99"));
            }),
            BAD,
            "invalid value for field `type`",
        ),
        row(
            "wrong content type: text/plain",
            post(path, "text/plain", good.clone()),
            UNSUPPORTED,
            JSON_ONLY,
        ),
        row(
            "wrong content type: form",
            post(path, "application/x-www-form-urlencoded", good.clone()),
            UNSUPPORTED,
            JSON_ONLY,
        ),
        row(
            "wrong content type: multipart to a JSON endpoint",
            post(
                path,
                &multipart_content_type(),
                multipart_body(&good_upload_parts()),
            ),
            UNSUPPORTED,
            JSON_ONLY,
        ),
        row(
            "no content type",
            request(Method::POST, path, None, good.clone()),
            UNSUPPORTED,
            JSON_ONLY,
        ),
        row(
            "GET instead of POST",
            request(Method::GET, path, None, Body::empty()),
            BAD,
            POST_ONLY,
        ),
        row(
            "GET with the good body",
            request(Method::GET, path, Some("application/json"), good.clone()),
            BAD,
            POST_ONLY,
        ),
        row(
            "PUT",
            request(Method::PUT, path, Some("application/json"), good.clone()),
            BAD,
            POST_ONLY,
        ),
        row(
            "DELETE",
            request(Method::DELETE, path, None, Body::empty()),
            BAD,
            POST_ONLY,
        ),
        row(
            "PATCH to the upload",
            request(
                Method::PATCH,
                UPLOAD_IMAGE.public_path,
                Some(&multipart_content_type()),
                multipart_body(&good_upload_parts()),
            ),
            BAD,
            POST_ONLY,
        ),
    ]
}

/// For every endpoint with decoys, and every decoy: missing, wrong, and of the wrong type. The
/// answer is a generic `bad request` that names no field.
fn decoy_rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for endpoint in ENDPOINTS {
        for &(name, value) in endpoint.decoys {
            let what = |case: &str| format!("{} decoy `{name}` {case}", endpoint.real_name);
            if endpoint.public_path == UPLOAD_IMAGE.public_path {
                rows.push(row(
                    what("missing"),
                    upload_with(|parts| parts.retain(|p| p.name() != name)),
                    BAD,
                    "bad request",
                ));
                rows.push(row(
                    what("wrong"),
                    upload_with(|parts| {
                        for part in parts.iter_mut() {
                            if part.name() == name {
                                *part = Part::text(name, &format!("{value}0"));
                            }
                        }
                    }),
                    BAD,
                    "bad request",
                ));
                rows.push(row(
                    what("sent as a file"),
                    upload_with(|parts| {
                        for part in parts.iter_mut() {
                            if part.name() == name {
                                *part = Part::File {
                                    name,
                                    file_name: "d.txt",
                                    content_type: "text/plain",
                                    bytes: value.as_bytes().to_vec(),
                                };
                            }
                        }
                    }),
                    BAD,
                    "bad request",
                ));
                continue;
            }
            rows.push(row(
                what("missing"),
                json_with(&endpoint, |f| {
                    f.remove(name);
                }),
                BAD,
                "bad request",
            ));
            // A generated decoy has no wrong value, only a missing or empty one.
            if name != GENERATED_DECOY {
                rows.push(row(
                    what("wrong"),
                    json_with(&endpoint, |f| {
                        f.insert(name.into(), json!(format!("x{value}")));
                    }),
                    BAD,
                    "bad request",
                ));
            }
            rows.push(row(
                what("empty"),
                json_with(&endpoint, |f| {
                    f.insert(name.into(), json!(""));
                }),
                BAD,
                "bad request",
            ));
            rows.push(row(
                what("in an array"),
                json_with(&endpoint, |f| {
                    f.insert(name.into(), json!([value]));
                }),
                BAD,
                "bad request",
            ));
            rows.push(row(
                what("null"),
                json_with(&endpoint, |f| {
                    f.insert(name.into(), Value::Null);
                }),
                BAD,
                "bad request",
            ));
        }
    }
    // Decoys are checked before fields: a request with bad decoys learns nothing about fields.
    rows.push(row(
        "missing decoys and missing fields",
        post_json(CREDIT_INFO.public_path, &json!({ "mobile": MOBILE })),
        BAD,
        "bad request",
    ));
    rows
}

fn multipart_rows() -> Vec<Row> {
    let path = UPLOAD_IMAGE.public_path;
    let good = multipart_body(&good_upload_parts());
    let content_type = multipart_content_type();
    let not_utf8 = {
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attach\"; \
                 filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(JPEG);
        body.extend_from_slice(
            format!("\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(&[0xFF, 0xFE, b'1']);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        body
    };
    let nameless =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\n11\r\n--{BOUNDARY}--\r\n");
    vec![
        row(
            "multipart without a boundary",
            post(path, "multipart/form-data", good.clone()),
            BAD,
            "the multipart body has no boundary",
        ),
        row_starting(
            "multipart with another boundary than the body's",
            post(path, "multipart/form-data; boundary=other", good.clone()),
            BAD,
            "malformed multipart body",
        ),
        row_starting(
            "multipart body that is not multipart",
            post(path, &content_type, "this is not a multipart body"),
            BAD,
            "malformed multipart body",
        ),
        row_starting(
            "multipart body cut in the photo",
            post(path, &content_type, good[..good.len() / 3].to_vec()),
            BAD,
            "malformed multipart body",
        ),
        row_starting(
            "multipart body without its closing delimiter",
            post(
                path,
                &content_type,
                good[..good.len() - format!("--{BOUNDARY}--\r\n").len()].to_vec(),
            ),
            BAD,
            "malformed multipart body",
        ),
        row_starting(
            "an empty multipart body",
            post(path, &content_type, ""),
            BAD,
            "malformed multipart body",
        ),
        row(
            "multipart without `attach`",
            upload_with(|parts| parts.retain(|p| p.name() != "attach")),
            BAD,
            "missing field `attach`",
        ),
        row(
            "multipart without `type`",
            upload_with(|parts| parts.retain(|p| p.name() != "type")),
            BAD,
            "missing field `type`",
        ),
        row(
            "multipart `type` 99",
            upload_with(|parts| parts[1] = Part::text("type", "99")),
            BAD,
            "invalid value for field `type`",
        ),
        row(
            "multipart `type` a CURP",
            upload_with(|parts| parts[1] = Part::text("type", CURP)),
            BAD,
            "invalid value for field `type`: expected an integer, or a string holding one",
        ),
        row(
            "multipart `type` empty",
            upload_with(|parts| parts[1] = Part::text("type", "")),
            BAD,
            "invalid value for field `type`: expected an integer, or a string holding one",
        ),
        row(
            "multipart text part not UTF-8",
            post(path, &content_type, not_utf8),
            BAD,
            "part `type` is not UTF-8 text",
        ),
        row(
            "multipart part without a name",
            post(path, &content_type, nameless),
            BAD,
            "a multipart part has no name",
        ),
        row(
            "a JSON body to the multipart endpoint",
            post_json(
                path,
                &json!({ "attach": "aGVsbG8=", "type": "11", "AKS_lk": "1", "laks_pl": "23" }),
            ),
            UNSUPPORTED,
            MULTIPART_ONLY,
        ),
        row(
            "a form body to the multipart endpoint",
            post(
                path,
                "application/x-www-form-urlencoded",
                "type=11&AKS_lk=1&laks_pl=23",
            ),
            UNSUPPORTED,
            MULTIPART_ONLY,
        ),
        row(
            "the multipart endpoint without a content type",
            request(Method::POST, path, None, good.clone()),
            UNSUPPORTED,
            MULTIPART_ONLY,
        ),
    ]
}

/// Personal data that must never appear in a failure message.
const SECRETS: [&str; 4] = [CURP, MOBILE, NAME, CLABE];

#[tokio::test]
async fn malformed_requests_never_reach_user_code() {
    let backend = Backend::panicking();
    let router = crapido_router(&backend);
    let rows: Vec<Row> = json_rows()
        .into_iter()
        .chain(decoy_rows())
        .chain(multipart_rows())
        .collect();
    assert!(rows.len() > 90, "{} rows", rows.len());
    for row in rows {
        let what = &row.what;
        let answer = send(&router, row.request).await;
        assert!(answer.status.as_u16() < 500, "{what}: {}", answer.status);
        // always_ok: the outcome is in the code, the status is 200 — but for a method other
        // than POST, which gets HTTP's own 405 under every policy.
        let expected = if matches!(&row.message, Message::Is(message) if message == POST_ONLY) {
            StatusCode::METHOD_NOT_ALLOWED
        } else {
            StatusCode::OK
        };
        assert_eq!(answer.status, expected, "{what}");
        assert_eq!(
            answer.content_type.as_deref(),
            Some("application/json"),
            "{what}"
        );
        assert_eq!(
            answer.keys(),
            ["code", "message"],
            "{what}: {}",
            answer.body
        );
        let (code, message) = (answer.code(), answer.message());
        assert!(!["0", "00"].contains(&code), "{what}: success code {code}");
        assert_eq!(code, row.code, "{what}: {message}");
        match &row.message {
            Message::Is(expected) => assert_eq!(message, expected, "{what}"),
            Message::StartsWith(prefix) => {
                assert!(message.starts_with(prefix), "{what}: {message}");
            }
        }
        for secret in SECRETS {
            assert!(!message.contains(secret), "{what}: {message}");
        }
        if message == "bad request" {
            // The decoy answer names no field, decoy or real.
            assert!(!message.contains('`'), "{what}: {message}");
        }
    }
    assert_eq!(backend.hits(), 0, "user code was reached");
}

#[tokio::test]
async fn decoys_may_be_numbers_where_their_value_is_numeric() {
    // A client holding `AJKDS: 3` as a number sends the same decoy.
    let backend = Backend::recording();
    let mut body = good_json(&CREDIT_INFO);
    body["AJKDS"] = json!(3);
    send(
        &crapido_router(&backend),
        post_json(CREDIT_INFO.public_path, &body),
    )
    .await
    .assert_success(&CREDIT_INFO);
    assert_eq!(backend.take_calls().len(), 1);
}

#[tokio::test]
async fn the_decoy_answer_is_the_same_whatever_is_wrong() {
    // A scraper cannot tell a missing decoy from a wrong one, or one decoy from another.
    let router = crapido_router(&Backend::panicking());
    let mut answers = Vec::new();
    for decoy in ["KAMD", "FPALS", "AJKDS"] {
        let missing = json_with(&CREDIT_INFO, |f| {
            f.remove(decoy);
        });
        let wrong = json_with(&CREDIT_INFO, |f| {
            f.insert(decoy.into(), json!("0"));
        });
        answers.push(send(&router, missing).await.body);
        answers.push(send(&router, wrong).await.body);
    }
    let first = &answers[0];
    assert_eq!(*first, json!({"code": "400", "message": "bad request"}));
    assert!(answers.iter().all(|answer| answer == first), "{answers:?}");
}

// ----------------------------------------------------------------------------------------------
// Size limits

/// `body` with a `pad` field that makes it exactly `size` bytes of JSON.
fn padded(mut body: Value, size: usize) -> Vec<u8> {
    body["pad"] = json!("");
    let bare = serde_json::to_vec(&body).unwrap().len();
    body["pad"] = json!("x".repeat(size - bare));
    let bytes = serde_json::to_vec(&body).unwrap();
    assert_eq!(bytes.len(), size);
    bytes
}

const SPEC_BODY_LIMIT: usize = 64 * 1024;
const SPEC_UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

#[tokio::test]
async fn bodies_over_the_spec_limit_are_refused() {
    let backend = Backend::recording();
    let router = crapido_router(&backend);
    let path = CREDIT_INFO.public_path;
    let too_large = "413";
    let message = format!("body too large: the limit is {SPEC_BODY_LIMIT} bytes");

    // At the limit: accepted.
    let at_limit = padded(good_json(&CREDIT_INFO), SPEC_BODY_LIMIT);
    send(&router, post(path, "application/json", at_limit))
        .await
        .assert_success(&CREDIT_INFO);

    // One byte over, without a Content-Length: refused while reading.
    let over = padded(good_json(&CREDIT_INFO), SPEC_BODY_LIMIT + 1);
    send(&router, post(path, "application/json", over.clone()))
        .await
        .assert_failure(too_large, &message);

    // Declared too long: refused before reading.
    let mut declared = post(path, "application/json", over.clone());
    declared
        .headers_mut()
        .insert(header::CONTENT_LENGTH, over.len().into());
    send(&router, declared)
        .await
        .assert_failure(too_large, &message);

    // Declared short but longer in fact: still refused.
    let mut lying = post(path, "application/json", over);
    lying
        .headers_mut()
        .insert(header::CONTENT_LENGTH, 10.into());
    send(&router, lying)
        .await
        .assert_failure(too_large, &message);

    // The upload has its own, larger limit.
    let mut parts = good_upload_parts();
    let Part::File { bytes, .. } = &mut parts[0] else {
        unreachable!()
    };
    bytes.resize(SPEC_UPLOAD_LIMIT, 0);
    send(&router, post_upload(&parts)).await.assert_failure(
        too_large,
        &format!("body too large: the limit is {SPEC_UPLOAD_LIMIT} bytes"),
    );
    assert_eq!(backend.take_calls().len(), 1);
}

#[tokio::test]
async fn options_override_the_body_limit() {
    let backend = Backend::recording();
    let router = router(backend.clone(), ServerOptions::new().body_limit(300));
    let path = CREDIT_INFO.public_path;
    send(
        &router,
        post(
            path,
            "application/json",
            padded(good_json(&CREDIT_INFO), 300),
        ),
    )
    .await
    .assert_success(&CREDIT_INFO);
    send(
        &router,
        post(
            path,
            "application/json",
            padded(good_json(&CREDIT_INFO), 299),
        ),
    )
    .await
    .assert_success(&CREDIT_INFO);
    send(
        &router,
        post(
            path,
            "application/json",
            padded(good_json(&CREDIT_INFO), 301),
        ),
    )
    .await
    .assert_failure("413", "body too large: the limit is 300 bytes");
    // The upload is under its own limit, not this one.
    assert!(multipart_body(&good_upload_parts()).len() > 300);
    send(&router, post_upload(&good_upload_parts()))
        .await
        .assert_success(&UPLOAD_IMAGE);
    assert_eq!(backend.take_calls().len(), 3);
}

#[tokio::test]
async fn options_override_the_upload_limit() {
    let size = multipart_body(&good_upload_parts()).len();
    let backend = Backend::recording();
    let at_size = router(backend.clone(), ServerOptions::new().upload_limit(size));
    send(&at_size, post_upload(&good_upload_parts()))
        .await
        .assert_success(&UPLOAD_IMAGE);

    let under = router(backend.clone(), ServerOptions::new().upload_limit(size - 1));
    send(&under, post_upload(&good_upload_parts()))
        .await
        .assert_failure(
            "413",
            &format!("body too large: the limit is {} bytes", size - 1),
        );
    // JSON bodies keep the spec's limit.
    send(
        &under,
        good_request(&BIND_CARD_NEW, BIND_CARD_NEW.public_path),
    )
    .await
    .assert_success(&BIND_CARD_NEW);
    assert_eq!(backend.take_calls().len(), 2);
}

// ----------------------------------------------------------------------------------------------
// Unknown paths and real names

#[tokio::test]
async fn unknown_paths_get_the_not_found_envelope() {
    let backend = Backend::panicking();
    let router = crapido_router(&backend);
    let body = good_json(&CREDIT_INFO);
    for path in [
        "/",
        "/nope",
        "/Crapido",
        "/Crapido/",
        "/crapido/mkla-pk",
        "/Crapido/mkla-pk/",
        "/Crapido/mkla-pk/x",
        "/Crapido/MKLA-PK",
    ] {
        send(&router, post_json(path, &body))
            .await
            .assert_failure("404", "not found");
        send(&router, request(Method::GET, path, None, Body::empty()))
            .await
            .assert_failure("404", "not found");
    }
    assert_eq!(backend.hits(), 0);
}

#[tokio::test]
async fn real_names_are_not_found_by_default() {
    let backend = Backend::panicking();
    let router = crapido_router(&backend);
    for endpoint in ENDPOINTS {
        send(&router, good_request(&endpoint, endpoint.real_name))
            .await
            .assert_failure("404", "not found");
    }
    assert_eq!(backend.hits(), 0);
}

#[tokio::test]
async fn real_names_are_served_when_the_options_say_so() {
    let backend = Backend::recording();
    let router = router(backend.clone(), ServerOptions::new().route_real_names(true));
    for endpoint in ENDPOINTS {
        send(&router, good_request(&endpoint, endpoint.real_name))
            .await
            .assert_success(&endpoint);
        let (_, context) = backend.only_call();
        assert!(context.via_real_name(), "{}", endpoint.real_name);
        assert_eq!(context.real_name(), endpoint.real_name);
        assert_eq!(context.public_path(), endpoint.public_path);
        assert_eq!(context.variant(), "crapido");

        // The public paths are still served, and say so.
        send(&router, good_request(&endpoint, endpoint.public_path))
            .await
            .assert_success(&endpoint);
        let (_, context) = backend.only_call();
        assert!(!context.via_real_name(), "{}", endpoint.public_path);
        assert_eq!(context.real_name(), endpoint.real_name);
    }
}

// ----------------------------------------------------------------------------------------------
// Errors of user code

#[tokio::test]
async fn a_business_error_is_answered_with_its_code_and_message() {
    let backend = Backend::failing(ApiError::new("2001", "card number mismatch"));
    let answer = send(
        &crapido_router(&backend),
        good_request(&BIND_CARD_NEW, BIND_CARD_NEW.public_path),
    )
    .await;
    answer.assert_failure("2001", "card number mismatch");
    assert_eq!(backend.hits(), 1);

    // Under always_ok, a status asked for by user code is not sent either.
    let backend = Backend::failing(
        ApiError::new("2002", "try later").with_status(StatusCode::TOO_MANY_REQUESTS),
    );
    send(
        &crapido_router(&backend),
        good_request(&CREDIT_INFO, CREDIT_INFO.public_path),
    )
    .await
    .assert_failure("2002", "try later");
}

#[tokio::test]
async fn an_internal_error_is_answered_with_the_internal_code() {
    let backend = Backend::failing(ApiError::internal("the store is unavailable"));
    send(
        &crapido_router(&backend),
        good_request(&UPLOAD_IMAGE, UPLOAD_IMAGE.public_path),
    )
    .await
    .assert_failure("500", "the store is unavailable");
    assert_eq!(backend.hits(), 1);
}

#[tokio::test]
async fn a_panic_in_user_code_is_answered_as_an_internal_error() {
    let backend = Backend::panicking();
    let router = crapido_router(&backend);
    for endpoint in [CREDIT_INFO, UPLOAD_IMAGE, SAVE_JOB_INFO] {
        send(&router, good_request(&endpoint, endpoint.public_path))
            .await
            .assert_failure("500", "internal error");
    }
    assert_eq!(backend.hits(), 3);
    // The router still serves after the panics.
    send(&router, post_json("/nope", &json!({})))
        .await
        .assert_failure("404", "not found");
}

// ----------------------------------------------------------------------------------------------
// Tracing

/// A writer into a shared buffer, for the fmt subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn one_span_per_request_named_by_the_real_name_and_no_personal_data_logged() {
    // tracing caches each callsite's interest globally. While only one dispatcher is registered,
    // a callsite first reached on another test's thread (which has no subscriber) would be cached
    // as "never", silencing this test's subscriber too. With a second registered dispatcher,
    // tracing asks each of them, and each event still goes to its own thread's subscriber.
    let _second = tracing::Dispatch::new(tracing_subscriber::fmt().with_writer(io::sink).finish());
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::NEW)
        .with_writer(move || writer.clone())
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let backend = Backend::recording();
    tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            let router = crapido_router(&backend);
            // A good request full of personal data.
            send(
                &router,
                good_request(&SAVE_PERSONAL_INFO, SAVE_PERSONAL_INFO.public_path),
            )
            .await
            .assert_success(&SAVE_PERSONAL_INFO);
            // A rejected one, with personal data where a field's type is wrong.
            let wrong = json_with(&BIND_CARD_NEW, |f| {
                f.insert("cardNo".into(), json!([CLABE, NAME]));
            });
            send(&router, wrong)
                .await
                .assert_failure("400", "invalid value for field `cardNo`: expected a string");
            // A rejected one, for its decoys.
            let decoys = json_with(&SAVE_BASIC_INFO, |f| {
                f.remove("plAKS");
            });
            send(&router, decoys)
                .await
                .assert_failure("400", "bad request");
        });
    });
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let spans: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains("veil.request{") && line.ends_with(": new"))
        .collect();
    assert_eq!(spans.len(), 3, "{logs}");
    for (span, real_name) in spans.iter().zip([
        SAVE_PERSONAL_INFO.real_name,
        BIND_CARD_NEW.real_name,
        SAVE_BASIC_INFO.real_name,
    ]) {
        assert!(
            span.contains(&format!("real_name=\"{real_name}\"")),
            "{span}"
        );
    }
    let answered: Vec<&str> = logs.lines().filter(|l| l.contains("answered")).collect();
    assert_eq!(answered.len(), 3, "{logs}");
    assert!(answered[0].contains("code=\"00\""), "{}", answered[0]);
    assert!(answered[1].contains("code=\"400\""), "{}", answered[1]);
    for secret in [
        CURP, MOBILE, NAME, CLABE, EMAIL, BIRTHDAY, HOME_CITY, ORDER_NO, "Zx81Qa0p", TEST_TOKEN,
    ] {
        assert!(!logs.contains(secret), "the logs show `{secret}`:\n{logs}");
    }
}

// ----------------------------------------------------------------------------------------------
// The form encoding, decoys ignored, mapped statuses and custom codes (tests/specs/forms.yaml)

#[derive(Debug)]
enum ShopCall {
    PlaceOrder(forms::PlaceOrderRequest),
    OrderStatus(forms::OrderStatusRequest),
    Cancel(forms::CancelRequest),
}

#[derive(Clone, Default)]
struct Shop {
    calls: Arc<Mutex<Vec<ShopCall>>>,
    error: Option<ApiError>,
    panics: bool,
}

impl Shop {
    /// Records the call, then panics or answers as configured.
    fn enter(&self, call: ShopCall) -> Result<(), ApiError> {
        let panics = self.panics;
        self.calls.lock().unwrap().push(call);
        assert!(!panics, "user code reached");
        self.error.clone().map_or(Ok(()), Err)
    }

    fn take_calls(&self) -> Vec<ShopCall> {
        std::mem::take(&mut *self.calls.lock().unwrap())
    }
}

fn receipt() -> forms::Receipt {
    forms::Receipt {
        order_id: "A-1".into(),
        total: 3600,
    }
}

impl forms::ShopApi for Shop {
    async fn place_order(
        &self,
        request: forms::PlaceOrderRequest,
        _context: RequestContext,
    ) -> Result<forms::Receipt, ApiError> {
        self.enter(ShopCall::PlaceOrder(request))?;
        Ok(receipt())
    }

    async fn order_status(
        &self,
        request: forms::OrderStatusRequest,
        _context: RequestContext,
    ) -> Result<forms::Receipt, ApiError> {
        self.enter(ShopCall::OrderStatus(request))?;
        Ok(receipt())
    }

    async fn cancel(
        &self,
        request: forms::CancelRequest,
        _context: RequestContext,
    ) -> Result<(), ApiError> {
        self.enter(ShopCall::Cancel(request))
    }
}

const FORM: &str = "application/x-www-form-urlencoded";
const GOOD_FORM: &str =
    "item=Green+tea&count=3&weight=1.25&gift=true&qty=%2012%20&plan=2&note=leave%20at%20the%20door";

fn shop_router(shop: &Shop) -> Router {
    forms::router(shop.clone(), ServerOptions::new())
}

impl Answer {
    /// A forms answer: the envelope's names are `ret`, `msg` and `payload`.
    fn assert_shop(&self, status: StatusCode, ret: &str, msg: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.content_type.as_deref(), Some("application/json"));
        assert_eq!(self.field("ret"), ret, "{}", self.body);
        assert_eq!(self.field("msg"), msg, "{}", self.body);
    }

    fn assert_shop_failure(&self, status: StatusCode, ret: &str, msg: &str) {
        self.assert_shop(status, ret, msg);
        assert_eq!(self.keys(), ["msg", "ret"], "{}", self.body);
    }

    fn assert_receipt(&self) {
        self.assert_shop(StatusCode::OK, "OK", "done");
        assert_eq!(
            self.body,
            json!({"ret": "OK", "msg": "done", "payload": {"order_id": "A-1", "total": 3600}})
        );
    }
}

#[tokio::test]
async fn a_form_request_is_decoded_with_numbers_parsed_from_text() {
    let shop = Shop::default();
    let router = shop_router(&shop);
    send(
        &router,
        post("/s/po", FORM, format!("{GOOD_FORM}&zq=77&nonce=a1b2c3")),
    )
    .await
    .assert_receipt();
    // Without the optional field, and with a charset parameter.
    send(
        &router,
        post(
            "/s/po",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "plan=1&qty=0&gift=false&weight=-2&count=-7&item=%E7%BB%BF%E8%8C%B6",
        ),
    )
    .await
    .assert_receipt();
    let calls = shop.take_calls();
    let [ShopCall::PlaceOrder(full), ShopCall::PlaceOrder(bare)] = &calls[..] else {
        panic!("{calls:?}")
    };
    assert_same(
        full,
        &forms::PlaceOrderRequest {
            item: "Green tea".into(),
            count: 3,
            weight: 1.25,
            gift: true,
            qty: forms::Quantity(12),
            plan: forms::Plan::Premium,
            note: Some("leave at the door".into()),
        },
    );
    assert_same(
        bare,
        &forms::PlaceOrderRequest {
            item: "绿茶".into(),
            count: -7,
            weight: -2.0,
            gift: false,
            qty: forms::Quantity(0),
            plan: forms::Plan::Basic,
            note: None,
        },
    );
}

#[tokio::test]
async fn malformed_form_requests_are_refused_with_400() {
    let shop = Shop {
        panics: true,
        ..Shop::default()
    };
    let router = shop_router(&shop);
    let without = |field: &str| {
        GOOD_FORM
            .split('&')
            .filter(|pair| !pair.starts_with(&format!("{field}=")))
            .collect::<Vec<_>>()
            .join("&")
    };
    let with = |field: &str, value: &str| format!("{}&{field}={value}", without(field));
    let rows = [
        (without("item"), "missing field `item`"),
        (without("plan"), "missing field `plan`"),
        (String::new(), "missing field `item`"),
        (
            with("count", "CORM770627"),
            "invalid value for field `count`",
        ),
        (with("count", "3.5"), "invalid value for field `count`"),
        (with("count", ""), "invalid value for field `count`"),
        (with("weight", "heavy"), "invalid value for field `weight`"),
        (with("gift", "maybe"), "invalid value for field `gift`"),
        (
            with("qty", "a+dozen"),
            "invalid value for field `qty`: expected an integer, or a string holding one",
        ),
        (with("plan", "9"), "invalid value for field `plan`"),
        (
            format!("{GOOD_FORM}&note=Se%F1or"),
            "the form body is not UTF-8 text",
        ),
    ];
    for (body, message) in rows {
        let answer = send(&router, post("/s/po", FORM, body.clone())).await;
        answer.assert_shop_failure(StatusCode::BAD_REQUEST, "E1", message);
        assert!(!answer.field("msg").contains("CORM"), "{body}");
        assert!(!answer.field("msg").contains("dozen"), "{body}");
    }
    assert!(shop.take_calls().is_empty());
}

#[tokio::test]
async fn failures_get_mapped_statuses_and_the_specs_codes() {
    let shop = Shop {
        panics: true,
        ..Shop::default()
    };
    let router = shop_router(&shop);
    // 404: unknown path, and the real name.
    for path in ["/nope", "/v1/shop/place-order", "/v1/shop/order-status"] {
        send(&router, post(path, FORM, GOOD_FORM))
            .await
            .assert_shop_failure(StatusCode::NOT_FOUND, "E4", "not found");
    }
    // 405: not POST, saying which method is allowed, as HTTP asks.
    let response = router
        .clone()
        .oneshot(request(Method::GET, "/s/po", None, Body::empty()))
        .await
        .unwrap();
    assert_eq!(
        response
            .headers()
            .get(header::ALLOW)
            .map(|v| v.to_str().unwrap()),
        Some("POST")
    );
    send(&router, request(Method::GET, "/s/po", None, Body::empty()))
        .await
        .assert_shop_failure(
            StatusCode::METHOD_NOT_ALLOWED,
            "E1",
            "method not allowed: use POST",
        );
    // 415: JSON to the form endpoint, a form to the JSON endpoint.
    send(&router, post_json("/s/po", &json!({"item": "tea"})))
        .await
        .assert_shop_failure(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "E15",
            &format!("unsupported content type: send {FORM}"),
        );
    send(&router, post("/s/os", FORM, "order_id=A-1"))
        .await
        .assert_shop_failure(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "E15",
            "unsupported content type: send application/json",
        );
    // 400: malformed JSON, missing field.
    send(&router, post("/s/os", "application/json", "{"))
        .await
        .assert_shop(
            StatusCode::BAD_REQUEST,
            "E1",
            "malformed JSON: EOF while parsing an object at line 1 column 1",
        );
    send(&router, post_json("/s/os", &json!({})))
        .await
        .assert_shop_failure(StatusCode::BAD_REQUEST, "E1", "missing field `order_id`");
    // 413: over the spec's 256 bytes.
    let long = format!(
        "{GOOD_FORM}&pad={}",
        "x".repeat(256 - GOOD_FORM.len() - 5 + 1)
    );
    assert_eq!(long.len(), 257);
    send(&router, post("/s/po", FORM, long))
        .await
        .assert_shop_failure(
            StatusCode::PAYLOAD_TOO_LARGE,
            "E13",
            "body too large: the limit is 256 bytes",
        );
    assert!(shop.take_calls().is_empty());

    // 500: a panic, and an internal error.
    send(&router, post("/s/po", FORM, GOOD_FORM))
        .await
        .assert_shop_failure(StatusCode::INTERNAL_SERVER_ERROR, "E5", "internal error");
    assert_eq!(shop.take_calls().len(), 1);
    let failing = shop_router(&Shop {
        error: Some(ApiError::internal("stock service down")),
        ..Shop::default()
    });
    send(&failing, post_json("/s/os", &json!({"order_id": "A-1"})))
        .await
        .assert_shop_failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            "E5",
            "stock service down",
        );
}

#[tokio::test]
async fn business_errors_under_mapped_statuses() {
    // 200 unless user code asks for a status.
    let plain = shop_router(&Shop {
        error: Some(ApiError::new("X9", "out of stock")),
        ..Shop::default()
    });
    send(&plain, post_json("/s/cx", &json!({"order_id": "A-1"})))
        .await
        .assert_shop_failure(StatusCode::OK, "X9", "out of stock");
    let with_status = shop_router(&Shop {
        error: Some(ApiError::new("X8", "already shipped").with_status(StatusCode::CONFLICT)),
        ..Shop::default()
    });
    send(
        &with_status,
        post_json("/s/cx", &json!({"order_id": "A-1"})),
    )
    .await
    .assert_shop_failure(StatusCode::CONFLICT, "X8", "already shipped");
}

#[tokio::test]
async fn a_success_without_data_has_no_payload() {
    let shop = Shop::default();
    let answer = send(
        &shop_router(&shop),
        post_json("/s/cx", &json!({"order_id": "A-7"})),
    )
    .await;
    answer.assert_shop(StatusCode::OK, "OK", "done");
    assert_eq!(answer.keys(), ["msg", "ret"]);
    let calls = shop.take_calls();
    assert!(matches!(&calls[..], [ShopCall::Cancel(r)] if r.order_id == "A-7"));
}

#[tokio::test]
async fn decoys_are_ignored_when_the_spec_says_so() {
    let shop = Shop::default();
    let router = shop_router(&shop);
    let bodies = [
        // No decoys at all.
        GOOD_FORM.to_owned(),
        // The right ones.
        format!("{GOOD_FORM}&zq=77&nonce=a1b2c3"),
        // Wrong ones: not verified either.
        format!("zq=1&nonce=not-hex!&{GOOD_FORM}"),
    ];
    for body in &bodies {
        send(&router, post("/s/po", FORM, body.clone()))
            .await
            .assert_receipt();
    }
    for body in [
        json!({"order_id": "A-1"}),
        json!({"order_id": "A-1", "zz": "1"}),
        json!({"order_id": "A-1", "zz": ["?"]}),
    ] {
        send(&router, post_json("/s/os", &body))
            .await
            .assert_receipt();
    }
    let calls = shop.take_calls();
    assert_eq!(calls.len(), 6);
    // User code sees the request's fields only: the same request whatever the decoys were.
    let seen: Vec<Value> = calls
        .iter()
        .map(|call| match call {
            ShopCall::PlaceOrder(r) => serde_json::to_value(r).unwrap(),
            ShopCall::OrderStatus(r) => serde_json::to_value(r).unwrap(),
            ShopCall::Cancel(r) => serde_json::to_value(r).unwrap(),
        })
        .collect();
    assert!(seen[..3].iter().all(|r| *r == seen[0]), "{seen:?}");
    assert!(
        seen[3..].iter().all(|r| *r == json!({"order_id": "A-1"})),
        "{seen:?}"
    );
    for request in &seen {
        for decoy in ["zq", "nonce", "zz"] {
            assert!(request.get(decoy).is_none(), "{request}");
        }
    }
}

#[tokio::test]
async fn the_form_body_limit_admits_a_body_at_the_limit() {
    let shop = Shop::default();
    let router = shop_router(&shop);
    let at_limit = format!("{GOOD_FORM}&pad={}", "x".repeat(256 - GOOD_FORM.len() - 5));
    assert_eq!(at_limit.len(), 256);
    send(&router, post("/s/po", FORM, at_limit))
        .await
        .assert_receipt();
    // The options override the spec's limit.
    let larger = forms::router(shop.clone(), ServerOptions::new().body_limit(1000));
    let long = format!("{GOOD_FORM}&pad={}", "x".repeat(700));
    send(&larger, post("/s/po", FORM, long))
        .await
        .assert_receipt();
    assert_eq!(shop.take_calls().len(), 2);
}
