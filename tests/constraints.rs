//! The spec's constraints, enforced on both sides: the generated server refuses a request that
//! breaks them before user code runs, with one envelope naming every field that is wrong and
//! never the value sent; the generated client refuses to send it at all, unless told not to
//! check.

mod common;

use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use veil::__private::axum::body::Body;
use veil::__private::axum::http::Request;
use veil::client::{ClientError, Transport};
use veil::server::ServerOptions;

use common::crapido::*;
use common::*;

/// Sends `body` (a good request of `endpoint` with `changes` applied, logged in) to a server
/// whose user code panics if reached; returns the envelope, after checking user code was not
/// reached.
async fn refused(endpoint: &Endpoint, changes: Value) -> (String, String) {
    let backend = Backend::panicking();
    let hits = backend.clone_counter();
    let router = router(backend, ServerOptions::new());
    let mut body = good_json(endpoint);
    for (name, value) in changes.as_object().expect("changes are an object") {
        body[name] = value.clone();
    }
    let request = Request::post(endpoint.public_path)
        .header("content-type", "application/json")
        .header(TOKEN_HEADER, TEST_TOKEN)
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let envelope: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(hits(), 0, "user code was reached with an invalid request");
    (
        envelope["code"].as_str().unwrap().to_owned(),
        envelope["message"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn an_invalid_curp_is_refused_naming_the_field_not_the_value() {
    // The published invalid CURP: a wrong check digit.
    let curp = "BOXW310820HNERXN08";
    let (code, message) = refused(&SAVE_PERSONAL_INFO, json!({ "idcardnumber": curp })).await;
    assert_eq!(code, "400");
    assert_eq!(
        message,
        "invalid request: `idcardnumber`: has a wrong check digit"
    );
    assert!(!message.contains(curp));
}

#[tokio::test]
async fn a_bad_clabe_is_refused_when_the_account_is_a_clabe() {
    let clabe = "002010077777777779";
    let (code, message) = refused(
        &BIND_CARD_NEW,
        json!({ "bankType": "2", "cardNo": clabe, "confirmCardNo": clabe }),
    )
    .await;
    assert_eq!(code, "400");
    assert_eq!(
        message,
        "invalid request: `cardNo`: has a wrong check digit"
    );
    assert!(!message.contains(clabe));
}

#[tokio::test]
async fn the_account_number_is_checked_by_its_kind() {
    // A valid CLABE is not a debit card: 18 digits, and no Luhn check.
    let (_, message) = refused(
        &BIND_CARD_NEW,
        json!({ "bankType": "1", "cardNo": CLABE, "confirmCardNo": CLABE }),
    )
    .await;
    assert_eq!(
        message,
        "invalid request: `cardNo`: must be 16 characters long; `cardNo`: fails the Luhn check"
    );
    // A valid card number is not a CLABE.
    let card = "4111111111111111";
    let (_, message) = refused(
        &BIND_CARD_NEW,
        json!({ "bankType": "2", "cardNo": card, "confirmCardNo": card }),
    )
    .await;
    assert_eq!(message, "invalid request: `cardNo`: must be 18 digits");
}

#[tokio::test]
async fn the_confirmation_must_repeat_the_number() {
    let (_, message) = refused(
        &BIND_CARD_NEW,
        json!({ "confirmCardNo": "002010777777777770" }),
    )
    .await;
    assert_eq!(
        message,
        "invalid request: `confirmCardNo`: must equal `cardNo`"
    );
    assert!(!message.contains("0020107"));
}

#[tokio::test]
async fn every_violation_is_listed_in_one_envelope() {
    let (_, message) = refused(
        &SAVE_PERSONAL_INFO,
        json!({
            "idcardnumber": "PEGL890909MQQRMS02",
            "email": "maricela@",
            "birthday": "1977-06-27",
            "sex": "3",
            "children_num": "9",
        }),
    )
    .await;
    assert_eq!(
        message,
        "invalid request: `birthday`: must be a date as DD/MM/YYYY; \
         `children_num`: is not one of the options of `children`; \
         `email`: must be an email address like name@example.mx; \
         `idcardnumber`: does not hold a known state code; \
         `sex`: is not one of the options of `sex`"
    );
}

#[tokio::test]
async fn the_documents_own_contact_example_is_not_valid_data() {
    let (code, message) = refused(&SAVE_EXT_INFO, seed("requests/11-save-ext-info.json")).await;
    assert_eq!(code, "400");
    assert_eq!(
        message,
        "invalid request: `second_mobile`: must be a 10-digit Mexican number (first digit 2-9), optionally after +52"
    );
    let (_, message) = refused(&SAVE_JOB_INFO, seed("requests/09-save-job-info.json")).await;
    assert_eq!(
        message,
        "invalid request: `company_phone`: does not have the expected form"
    );
}

#[test]
fn validate_is_available_on_every_request() {
    let mut request: BindCardNewRequest =
        serde_json::from_value(good_json(&BIND_CARD_NEW)).unwrap();
    assert_eq!(request.validate(), Ok(()));
    request.card_no = "4111111111111111".into();
    let violations = request.validate().unwrap_err();
    let fields: Vec<&str> = violations.iter().map(|v| v.field.as_str()).collect();
    assert_eq!(fields, ["confirmCardNo", "cardNo"]);
    // Formatting the violations shows fields and reasons only.
    assert!(!format!("{violations} {violations:?}").contains("4111111111111111"));
}

#[tokio::test]
async fn the_client_refuses_to_send_an_invalid_request() {
    let backend = Backend::recording();
    let hits = backend.clone_counter();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(veil::server::serve(
        listener,
        router(backend, ServerOptions::new()),
    ));

    let mut request: SavePersonalInfoRequest =
        serde_json::from_value(good_json(&SAVE_PERSONAL_INFO)).unwrap();
    request.idcardnumber = "BOXW310820HNERXN08".into();

    // By default the client checks first: nothing is sent.
    let client = CertifyClient::new(&base).unwrap();
    client.transport().set_credential(test_credential());
    let err = client.save_personal_info(&request).await.unwrap_err();
    let ClientError::Invalid(violations) = &err else {
        panic!("not an invalid-request error: {err:?}");
    };
    assert_eq!(
        violations.to_string(),
        "`idcardnumber`: has a wrong check digit"
    );
    assert_eq!(
        err.to_string(),
        "invalid request: `idcardnumber`: has a wrong check digit"
    );
    assert_eq!(hits(), 0);

    // Switched off, the request goes out and the server refuses it with the same reason.
    let unchecked = CertifyClient::from_transport(
        Transport::builder(&base)
            .credential(test_credential())
            .validate_requests(false)
            .build()
            .unwrap(),
    );
    let err = unchecked.save_personal_info(&request).await.unwrap_err();
    let ClientError::Api { code, message } = &err else {
        panic!("not an API error: {err:?}");
    };
    assert_eq!(code, "400");
    assert_eq!(
        message,
        "invalid request: `idcardnumber`: has a wrong check digit"
    );
    assert_eq!(hits(), 0, "the server refused it before user code");
}
