//! What the generated clients put on the wire, seen by a plain recording HTTP server (a
//! hand-written axum router with one fallback handler, not the generated server).
//!
//! The expectations in `WIRE` are written by hand from the seed document
//! (/work/shared/seed/000_6a96dc81e0f2bc65.txt and its guide NOTES.md), not read from
//! spec/crapido.yaml: if the spec drifts from the document (a path, a field name, a decoy or its
//! value), these tests fail. The session is not in the document (the app logs in before it);
//! the spec sends it in a `token` header, and the clients here are logged in with the test token.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use veil::__private::axum::Router;
use veil::__private::axum::body::{Body, to_bytes};
use veil::__private::axum::extract::Request;
use veil::__private::axum::http::{StatusCode, header};
use veil::__private::axum::response::Response;

mod crapido {
    veil::generate!("../spec/crapido.yaml", models, client);
}
mod client_support;

use client_support::*;
use crapido::*;

/// How an endpoint's request body is encoded.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Json,
    /// The photo upload: the `attach` file part, then text parts.
    Multipart,
}

/// One endpoint as the seed document writes it.
struct Wire {
    /// The real name, for messages only: a client never sends it.
    real_name: &'static str,
    /// The public path (outside the parentheses in `请求地址`).
    path: &'static str,
    kind: Kind,
    /// The request fields the document lists (every one of them `string`, but the upload's
    /// `attach` file, checked apart), with the values the test's requests hold.
    fields: &'static [(&'static str, &'static str)],
    /// The decoys (`干扰字段(value)`); `None` where the document gives no value.
    decoys: &'static [(&'static str, Option<&'static str>)],
    /// The document's response example, which the recording server answers.
    response: &'static str,
}

/// The 13 endpoints, in the document's order.
const WIRE: [Wire; 13] = [
    Wire {
        real_name: "/v3/certify/credit-info",
        path: "/Crapido/mkla-pk",
        kind: Kind::Json,
        fields: &[("mobile", MOBILE), ("product_id", "2")],
        decoys: &[
            ("KAMD", Some("ksjd")),
            ("FPALS", Some("12315a")),
            ("AJKDS", Some("3")),
        ],
        response: "01-credit-info.json",
    },
    Wire {
        real_name: "/v3/certify/save-credit-info",
        path: "/Crapido/aksl",
        kind: Kind::Json,
        fields: &[
            ("is_borrowed_far", "2"),
            ("is_network_loan", "1"),
            ("is_outstanding", "1"),
            ("is_overdue_maximum", "2"),
            ("is_overdue_year", "1"),
            ("order_no", ORDER_NO),
            ("product_id", "2"),
        ],
        decoys: &[("MKAS", Some("19"))],
        response: "02-save-credit-info.json",
    },
    Wire {
        real_name: "/v3/certify/basic-person-info",
        path: "/Crapido/UserInit",
        kind: Kind::Json,
        fields: &[("mobile", MOBILE), ("product_id", "2")],
        decoys: &[("aksld", Some("236541"))],
        response: "03-basic-person-info.json",
    },
    Wire {
        real_name: "/credit-info/upload-image",
        path: "/Crapido/upimg",
        kind: Kind::Multipart,
        // 11 = 身份证正面, the ID front.
        fields: &[("type", "11")],
        decoys: &[("AKS_lk", Some("1")), ("laks_pl", Some("23"))],
        response: "04-upload-image.json",
    },
    Wire {
        real_name: "/v3/certify/save-basic-info",
        path: "/Crapido/SeBinfo",
        kind: Kind::Json,
        fields: &[
            ("name", CORRECTED_NAME),
            ("type", "11"),
            ("id_number", CORRECTED_CURP),
            ("birthday", BIRTHDAY),
        ],
        decoys: &[("plAKS", Some("sda"))],
        response: "05-save-basic-info.json",
    },
    Wire {
        real_name: "/v3/certify/personal-info",
        path: "/Crapido/Coldja",
        kind: Kind::Json,
        fields: &[("mobile", MOBILE), ("product_id", "2")],
        decoys: &[("gsd_id", Some("215"))],
        response: "06-personal-info.json",
    },
    Wire {
        real_name: "/v3/certify/save-personal-info",
        path: "/Crapido/mksl",
        kind: Kind::Json,
        fields: &[
            ("birthday", BIRTHDAY),
            ("children_num", "2"),
            ("education", "2"),
            ("email", EMAIL),
            ("home_city", HOME_CITY),
            ("idcardnumber", OCR_CURP),
            ("marriage", "3"),
            ("sex", "2"),
            ("order_no", ORDER_NO),
            ("product_id", "2"),
        ],
        // `"alksmdj": string 否 干扰字段`: a required decoy the document gives no value.
        decoys: &[("alksmdj", None), ("pals_skd", Some("598"))],
        response: "07-save-personal-info.json",
    },
    Wire {
        real_name: "/v3/certify/job-info",
        path: "/Crapido/jobMa",
        kind: Kind::Json,
        fields: &[("mobile", MOBILE), ("product_id", "2")],
        decoys: &[("qoaks", Some("236"))],
        response: "08-job-info.json",
    },
    // No decoy.
    Wire {
        real_name: "/v3/certify/save-job-info",
        path: "/Crapido/Sejom",
        kind: Kind::Json,
        fields: &[
            ("company_address", HOME_CITY),
            ("company_full_address", "Calle Hidalgo 12, Centro, Candela"),
            ("company_name", "Abarrotes La Esperanza"),
            ("company_phone", COMPANY_PHONE),
            ("industry", "3"),
            ("job_type", "2"),
            ("monthly_income", "2"),
            ("order_no", ORDER_NO),
            ("product_id", "2"),
            ("salary_day", "15"),
            ("salary_day_1", "30"),
            ("salary_type", "1"),
        ],
        decoys: &[],
        response: "09-save-job-info.json",
    },
    Wire {
        real_name: "/v3/certify/ext-info",
        path: "/Crapido/etInfo",
        kind: Kind::Json,
        fields: &[("mobile", MOBILE), ("product_id", "2")],
        decoys: &[("sjd_od", Some("54qw")), ("pla_od", Some("985"))],
        response: "10-ext-info.json",
    },
    // No order_no here, unlike the other submit endpoints.
    Wire {
        real_name: "/v3/certify/save-ext-info",
        path: "/Crapido/saetInfo",
        kind: Kind::Json,
        fields: &[
            ("first_mobile", MOBILE),
            ("first_name", FIRST_CONTACT),
            ("first_relation", "1"),
            ("product_id", "2"),
            ("second_mobile", SECOND_MOBILE),
            ("second_name", SECOND_CONTACT),
            ("second_relation", "5"),
        ],
        decoys: &[("bhd_id", Some("322a"))],
        response: "11-save-ext-info.json",
    },
    Wire {
        real_name: "/v3/bind-card/card-init",
        path: "/Crapido/CA-LSKD",
        kind: Kind::Json,
        fields: &[("mobile", MOBILE), ("product_id", "2")],
        decoys: &[("alms", Some("yes")), ("laka", Some("10"))],
        response: "12-card-init.json",
    },
    // Every optional field (confirmCardNo, order_no, userName) given; bankType 2 = CLABE.
    Wire {
        real_name: "/v3/bind-card/bind-card-new",
        path: "/Crapido/alksmdn-laskd",
        kind: Kind::Json,
        fields: &[
            ("bankCode", "40002"),
            ("cardNo", CLABE),
            ("confirmCardNo", CLABE),
            ("product_id", "2"),
            ("order_no", ORDER_NO),
            ("userName", HOLDER),
            ("bankType", "2"),
        ],
        decoys: &[("ajshd", Some("20202"))],
        response: "13-bind-card-new.json",
    },
];

fn wire(path: &str) -> &'static Wire {
    WIRE.iter()
        .find(|wire| wire.path == path)
        .unwrap_or_else(|| panic!("no endpoint at {path}"))
}

/// One request as the recording server saw it.
#[derive(Clone, Debug)]
struct Received {
    method: String,
    path: String,
    content_type: Option<String>,
    /// Every value of the `token` header, and of `Authorization`.
    token: Vec<String>,
    authorization: Vec<String>,
    body: Vec<u8>,
}

/// The recording server: every request is recorded, and answered with the document's response
/// example of the endpoint whose public path ends the request's path (404 for any other path).
#[derive(Clone, Default)]
struct Recorder {
    received: Arc<Mutex<Vec<Received>>>,
}

impl Recorder {
    async fn answer(self, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let body = to_bytes(body, usize::MAX).await.expect("a readable body");
        let path = parts.uri.path().to_owned();
        let all = |name: &str| -> Vec<String> {
            parts
                .headers
                .get_all(name)
                .iter()
                .map(|value| value.to_str().unwrap().to_owned())
                .collect()
        };
        let (token, authorization) = (all("token"), all("authorization"));
        self.received.lock().unwrap().push(Received {
            method: parts.method.to_string(),
            path: path.clone(),
            content_type: parts
                .headers
                .get(header::CONTENT_TYPE)
                .map(|value| value.to_str().unwrap().to_owned()),
            token,
            authorization,
            body: body.to_vec(),
        });
        let (status, text) = match WIRE.iter().find(|wire| path.ends_with(wire.path)) {
            Some(wire) => (StatusCode::OK, seed_response_text(wire.response)),
            None => (StatusCode::NOT_FOUND, format!("no endpoint at {path}")),
        };
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(text))
            .unwrap()
    }

    fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.received.lock().unwrap())
    }
}

/// A certify client of `base`, logged in with the test token.
fn certify_client(base: &str) -> CertifyClient {
    let client = CertifyClient::new(base).unwrap();
    client.transport().set_credential(test_credential());
    client
}

/// A bind-card client of `base`, logged in with the test token.
fn bind_card_client(base: &str) -> BindCardClient {
    let client = BindCardClient::new(base).unwrap();
    client.transport().set_credential(test_credential());
    client
}

/// Serves a recorder on a free port of 127.0.0.1; returns its address (`127.0.0.1:port`).
async fn start() -> (String, Recorder) {
    let recorder = Recorder::default();
    let handle = recorder.clone();
    let router = Router::new().fallback(move |request: Request| handle.clone().answer(request));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(veil::server::serve(listener, router));
    (address.to_string(), recorder)
}

/// Calls the 13 endpoints in the document's order, checking that each answer decodes into the
/// data of the document's example as written.
async fn call_all(certify: &CertifyClient, bind_card: &BindCardClient) {
    let form = certify.credit_info(&credit_info()).await.unwrap();
    assert_eq!(form, seed_data::<FormData>("01-credit-info.json"));
    certify.save_credit_info(&save_credit_info()).await.unwrap();
    let documents = certify
        .basic_person_info(&basic_person_info())
        .await
        .unwrap();
    assert_eq!(
        documents,
        seed_data::<PersonDocuments>("03-basic-person-info.json")
    );
    let upload = certify
        .upload_image(&upload_image(ImageKind::IdFront, PHOTO_FILE_NAME))
        .await
        .unwrap();
    assert_eq!(upload, seed_data::<UploadResult>("04-upload-image.json"));
    certify.save_basic_info(&save_basic_info()).await.unwrap();
    let form = certify.personal_info(&personal_info()).await.unwrap();
    assert_eq!(form, seed_data::<FormData>("06-personal-info.json"));
    certify
        .save_personal_info(&save_personal_info())
        .await
        .unwrap();
    let form = certify.job_info(&job_info()).await.unwrap();
    assert_eq!(form, seed_data::<FormData>("08-job-info.json"));
    certify.save_job_info(&save_job_info()).await.unwrap();
    let contacts = certify.ext_info(&ext_info()).await.unwrap();
    assert_eq!(contacts, seed_data::<ContactsData>("10-ext-info.json"));
    certify.save_ext_info(&save_ext_info()).await.unwrap();
    let form = bind_card.card_init(&card_init()).await.unwrap();
    assert_eq!(form, seed_data::<FormData>("12-card-init.json"));
    bind_card.bind_card_new(&bind_card_new()).await.unwrap();
}

/// A JSON body as an object, every value a string (the document declares every field
/// `string`).
fn json_fields(wire: &Wire, body: &[u8]) -> BTreeMap<String, String> {
    let value: Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{}: the body is not JSON: {e}", wire.real_name));
    let Value::Object(object) = value else {
        panic!("{}: the body is not a JSON object", wire.real_name);
    };
    object
        .into_iter()
        .map(|(name, value)| match value {
            Value::String(text) => (name, text),
            other => panic!(
                "{}: `{name}` is sent as {other}, not as a string",
                wire.real_name
            ),
        })
        .collect()
}

/// Checks the fields and decoys of a body read as `name → text`: exactly the document's
/// names, each fixed decoy at its value, a decoy without a value present and non-empty.
fn assert_names_and_values(wire: &Wire, sent: &BTreeMap<String, String>) {
    let mut expected_names: Vec<&str> = wire.fields.iter().map(|(name, _)| *name).collect();
    expected_names.extend(wire.decoys.iter().map(|(name, _)| *name));
    expected_names.sort_unstable();
    let sent_names: Vec<&str> = sent.keys().map(String::as_str).collect();
    assert_eq!(
        sent_names, expected_names,
        "{}: the names sent",
        wire.real_name
    );
    for (name, value) in wire.fields {
        assert_eq!(sent[*name], *value, "{}: field `{name}`", wire.real_name);
    }
    for (name, value) in wire.decoys {
        match value {
            Some(value) => assert_eq!(sent[*name], *value, "{}: decoy `{name}`", wire.real_name),
            None => assert!(
                !sent[*name].is_empty(),
                "{}: decoy `{name}` is empty",
                wire.real_name
            ),
        }
    }
}

/// One part of a multipart body.
#[derive(Debug)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A `key="value"` parameter of a `Content-Disposition` header.
fn disposition_parameter(disposition: &str, key: &str) -> Option<String> {
    disposition.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.trim().split_once('=')?;
        (name == key).then(|| value.trim_matches('"').to_owned())
    })
}

/// Parses a `multipart/form-data` body by hand (RFC 7578), with the boundary of its content
/// type.
fn parse_multipart(content_type: &str, body: &[u8]) -> Vec<Part> {
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not a multipart content type: {content_type}"))
        .trim_matches('"');
    assert!(!boundary.is_empty());
    let delimiter = format!("--{boundary}");
    let next_delimiter = format!("\r\n--{boundary}");
    let mut rest = body
        .strip_prefix(delimiter.as_bytes())
        .expect("the body starts with the boundary");
    let mut parts = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix(b"--") {
            // The close delimiter; only a line break may follow.
            assert!(
                after.is_empty() || after == b"\r\n",
                "data after the closing boundary"
            );
            break;
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .expect("a line break after the boundary");
        let end = find(rest, next_delimiter.as_bytes()).expect("every part ends with a boundary");
        let part = &rest[..end];
        rest = &rest[end + next_delimiter.len()..];

        let headers_end = find(part, b"\r\n\r\n").expect("a blank line after the part's headers");
        let headers = std::str::from_utf8(&part[..headers_end]).expect("ASCII part headers");
        let mut disposition = None;
        let mut part_type = None;
        for line in headers.split("\r\n") {
            let (name, value) = line.split_once(':').expect("a `Name: value` header");
            match name.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => disposition = Some(value.trim().to_owned()),
                "content-type" => part_type = Some(value.trim().to_owned()),
                other => panic!("unexpected part header {other}"),
            }
        }
        let disposition = disposition.expect("a Content-Disposition header");
        assert!(disposition.starts_with("form-data;"), "{disposition}");
        parts.push(Part {
            name: disposition_parameter(&disposition, "name").expect("a part name"),
            file_name: disposition_parameter(&disposition, "filename"),
            content_type: part_type,
            bytes: part[headers_end + 4..].to_vec(),
        });
    }
    parts
}

/// Checks the upload's multipart body: the `attach` file as sent, the `type` text part, the
/// decoys, and nothing else.
fn assert_upload(wire: &Wire, content_type: &str, body: &[u8]) {
    let parts = parse_multipart(content_type, body);
    let mut names: Vec<&str> = parts.iter().map(|part| part.name.as_str()).collect();
    names.sort_unstable();
    let mut expected = vec!["attach"];
    expected.extend(wire.fields.iter().map(|(name, _)| *name));
    expected.extend(wire.decoys.iter().map(|(name, _)| *name));
    expected.sort_unstable();
    assert_eq!(names, expected, "the parts of the upload, each once");

    let attach = parts.iter().find(|part| part.name == "attach").unwrap();
    assert_eq!(attach.file_name.as_deref(), Some(PHOTO_FILE_NAME));
    assert_eq!(attach.content_type.as_deref(), Some(PHOTO_CONTENT_TYPE));
    assert_eq!(attach.bytes, JPEG);

    let text: BTreeMap<String, String> = parts
        .iter()
        .filter(|part| part.name != "attach")
        .map(|part| {
            // A part with a file name is a file to the server.
            assert_eq!(part.file_name, None, "text part `{}`", part.name);
            let text = String::from_utf8(part.bytes.clone()).expect("a UTF-8 text part");
            (part.name.clone(), text)
        })
        .collect();
    assert_eq!(text["type"], "11", "the `type` part: 11 = the ID front");
    assert_names_and_values(wire, &text);
}

#[tokio::test]
async fn every_endpoint_sends_the_documents_path_fields_and_decoys() {
    let (address, recorder) = start().await;
    let base = format!("http://{address}");
    let certify = certify_client(&base);
    let bind_card = bind_card_client(&base);
    call_all(&certify, &bind_card).await;

    let received = recorder.take();
    let paths: Vec<&str> = received.iter().map(|r| r.path.as_str()).collect();
    let expected: Vec<&str> = WIRE.iter().map(|wire| wire.path).collect();
    assert_eq!(
        paths, expected,
        "one request per endpoint, at its public path"
    );

    for (request, wire) in received.iter().zip(&WIRE) {
        assert_eq!(request.method, "POST", "{}", wire.real_name);
        let content_type = request.content_type.as_deref().unwrap_or_default();
        match wire.kind {
            Kind::Json => {
                assert_eq!(content_type, "application/json", "{}", wire.real_name);
                assert_names_and_values(wire, &json_fields(wire, &request.body));
            }
            Kind::Multipart => assert_upload(wire, content_type, &request.body),
        }
        // The backend's routes never travel.
        let body = String::from_utf8_lossy(&request.body);
        assert!(!body.contains("/v3/"), "{}: {body}", wire.real_name);
        // The session: the token alone, once, in the `token` header; never in the body.
        assert_eq!(request.token, [TEST_TOKEN], "{}", wire.real_name);
        assert!(request.authorization.is_empty(), "{}", wire.real_name);
        assert!(!body.contains(TEST_TOKEN), "{}: {body}", wire.real_name);
    }
}

#[tokio::test]
async fn the_decoy_without_a_value_is_drawn_afresh_for_every_request() {
    let (address, recorder) = start().await;
    let certify = certify_client(&format!("http://{address}"));
    let request = save_personal_info();
    certify.save_personal_info(&request).await.unwrap();
    certify.save_personal_info(&request).await.unwrap();

    let received = recorder.take();
    assert_eq!(received.len(), 2);
    let wire = wire("/Crapido/mksl");
    let values: Vec<String> = received
        .iter()
        .map(|request| {
            let sent = json_fields(wire, &request.body);
            assert_names_and_values(wire, &sent);
            sent["alksmdj"].clone()
        })
        .collect();
    assert!(!values[0].is_empty());
    assert_ne!(values[0], values[1], "two requests sent the same `alksmdj`");
}

/// `可选 是`: card-init's `mobile` and bind-card-new's `confirmCardNo`, `order_no` and
/// `userName` may be left out, and then are not sent at all (not as `null`, not empty).
#[tokio::test]
async fn optional_fields_left_out_are_not_sent() {
    let (address, recorder) = start().await;
    let base = format!("http://{address}");
    let bind_card = bind_card_client(&base);
    let form = bind_card
        .card_init(&CardInitRequest {
            mobile: None,
            product_id: PRODUCT_ID.into(),
        })
        .await
        .unwrap();
    assert_eq!(form.items.len(), 5);
    bind_card
        .bind_card_new(&BindCardNewRequest {
            confirm_card_no: None,
            order_no: None,
            user_name: None,
            bank_type: BankAccountType::DebitCard,
            // A debit card is 16 digits passing the Luhn check (the spec's rule on bankType 1).
            card_no: "4111111111111111".into(),
            ..bind_card_new()
        })
        .await
        .unwrap();

    let received = recorder.take();
    assert_eq!(received.len(), 2);
    let card_init = json_fields(wire("/Crapido/CA-LSKD"), &received[0].body);
    let names: Vec<&str> = card_init.keys().map(String::as_str).collect();
    assert_eq!(names, ["alms", "laka", "product_id"]);
    let bind = json_fields(wire("/Crapido/alksmdn-laskd"), &received[1].body);
    let names: Vec<&str> = bind.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["ajshd", "bankCode", "bankType", "cardNo", "product_id"]
    );
    // 1 = debit card.
    assert_eq!(bind["bankType"], "1");
    assert_eq!(bind["ajshd"], "20202");
}

/// A base URL with a path (a gateway prefix) goes before every public path, with or without a
/// trailing slash.
#[tokio::test]
async fn a_base_path_prefixes_the_public_paths() {
    let (address, recorder) = start().await;
    for base in [
        format!("http://{address}/gateway"),
        format!("http://{address}/gateway/"),
    ] {
        let certify = certify_client(&base);
        certify.credit_info(&credit_info()).await.unwrap();
        let bind_card = bind_card_client(&base);
        bind_card.card_init(&card_init()).await.unwrap();
    }
    let paths: Vec<String> = recorder.take().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/gateway/Crapido/mkla-pk",
            "/gateway/Crapido/CA-LSKD",
            "/gateway/Crapido/mkla-pk",
            "/gateway/Crapido/CA-LSKD",
        ]
    );
}
