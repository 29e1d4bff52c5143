//! Sessions hold on every endpoint of every build: a request without a valid session of its
//! own is refused with the unauthorized envelope before the backend runs (a wrapper counts
//! the backend's calls, and every stored row is compared), one applicant's session reaches
//! none of another's data, guessing login codes stops at the limit, codes and tokens are
//! stored as digests, and no refusal names a personal value.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::calls::{CALLS, Clients, names_a_mobile};
use common::{
    MOBILE, OTHER_MOBILE, TempDb, counting, http_get, log_in_at, session_clients, start_server_in,
};
use generated_demo::backend::codes;
use generated_demo::crapido::{ROUTES, Variant};
use generated_demo::credential::TOKEN_HEADER;
use generated_demo::session::{
    CODE_TTL, CODE_WINDOW, LOCK, MAX_CODES, MAX_FAILURES, SESSION_TTL, secret,
};
use generated_demo::walk::{self, WalkConfig, WalkCredential, persona};
use serde_json::Value;
use veil::client::ClientError;

/// The values of the walk's persona an answer to someone else must never hold.
const PERSONAL: [&str; 8] = [
    persona::DEFAULT_MOBILE,
    persona::NAME,
    persona::CURP,
    persona::EMAIL,
    persona::COMPANY_NAME,
    persona::FIRST_CONTACT_NAME,
    persona::FIRST_CONTACT_MOBILE,
    persona::SECOND_CONTACT_NAME,
];

/// Every row of every table that holds applicants' data, as text: a fingerprint of the
/// stored data, to show that a refused request changed nothing.
fn stored(db: &TempDb) -> Vec<String> {
    let connection = rusqlite::Connection::open(&db.0).expect("the database opens");
    let mut rows = Vec::new();
    for table in ["form_values", "submissions", "photos", "identity"] {
        let mut query = connection
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .expect("a query");
        let columns = query.column_count();
        let mut result = query.query([]).expect("rows");
        while let Some(row) = result.next().expect("a row") {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).expect("a cell")))
                .collect();
            rows.push(format!("{table}: {}", cells.join(", ")));
        }
    }
    rows
}

/// The code and message of an envelope failure.
fn refusal(err: ClientError) -> (String, String) {
    match err {
        ClientError::Api { code, message } => (code, message),
        other => panic!("expected an envelope failure, got {other}"),
    }
}

fn assert_names_nothing_personal(text: &str, context: &str) {
    for value in PERSONAL {
        assert!(!text.contains(value), "{context}: a personal value: {text}");
    }
}

#[test]
fn the_table_covers_every_endpoint() {
    let table: BTreeSet<&str> = CALLS.iter().map(|(method, _)| *method).collect();
    let routes: BTreeSet<&str> = ROUTES.iter().map(|route| route.method).collect();
    assert_eq!(table, routes);
    assert_eq!(table.len(), 13);
}

/// A server whose backend counts its calls, holding the persona's whole flow (walked in a
/// session of their own, whose token is answered): data to protect.
async fn server_with_data(db: &TempDb) -> (counting::CountingServer, String) {
    let server = counting::start(Some(&db.0)).await;
    let owner = log_in_at(&server.base_url, &server.inbox, MOBILE).await;
    let config = WalkConfig {
        check_persistence: true,
        ..WalkConfig::new(&server.base_url, WalkCredential::Session(owner.clone()))
    };
    walk::run(&config, &mut Vec::new()).await.expect("the walk");
    assert_eq!(server.backend.calls(), 17, "the walk reached the backend");
    (server, owner)
}

#[tokio::test]
async fn every_endpoint_of_every_build_refuses_a_bad_credential_before_the_backend() {
    let db = TempDb::new("security-credentials");
    let (server, _) = server_with_data(&db).await;
    // A session that expires: logged in, then the clock moved past its lifetime.
    let expired = log_in_at(&server.base_url, &server.inbox, OTHER_MOBILE).await;
    server.clock.advance(SESSION_TTL + Duration::from_secs(1));
    let credentials = [
        ("malformed", "not-a-session-token".to_owned()),
        ("never issued", "ab".repeat(32)),
        ("expired", expired),
    ];
    let before = stored(&db);
    assert!(!before.is_empty());
    for &variant in Variant::ALL {
        for (what, credential) in &credentials {
            let clients = session_clients(&server.base_url, variant, Some(credential));
            for (method, call) in CALLS {
                let context = format!("{} {method} with a {what} credential", variant.name());
                let err = call(&clients, MOBILE).await.expect_err(&context);
                let (code, message) = refusal(err);
                assert_eq!(code, codes::UNAUTHORIZED, "{context}: {message}");
                assert_names_nothing_personal(&message, &context);
                assert!(!message.contains(credential.as_str()), "{context}");
            }
        }
    }
    assert_eq!(
        server.backend.calls(),
        17,
        "a refused request reached the backend"
    );
    assert_eq!(stored(&db), before, "a refused request changed stored data");
}

/// What `clients` see of `about` through the init endpoints: their answers, as JSON.
async fn views(clients: &Clients, about: &str) -> Vec<Value> {
    let mut seen = Vec::new();
    for (method, call) in CALLS {
        if names_a_mobile(method) {
            seen.push(call(clients, about).await.expect(method));
        }
    }
    seen
}

/// The photo URLs in a basic-person-info answer.
fn photo_urls(documents: &Value) -> Vec<String> {
    ["id_front", "id_back", "liveness"]
        .iter()
        .filter_map(|kind| documents[kind]["url"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn one_applicants_session_reaches_none_of_anothers_data_through_any_endpoint() {
    let db = TempDb::new("security-applicants");
    let server = start_server_in(Some(&db.0)).await;
    // B: the persona, with every form filled, photos uploaded and an account bound.
    let b_token = server.log_in(MOBILE).await;
    let config = WalkConfig {
        check_persistence: true,
        ..WalkConfig::new(server.base_url(), WalkCredential::Session(b_token.clone()))
    };
    walk::run(&config, &mut Vec::new()).await.expect("B's walk");
    let b = session_clients(server.base_url(), Variant::BASE, Some(&b_token));
    let b_before = views(&b, MOBILE).await;
    let b_photos = photo_urls(&b_before[1]);
    assert_eq!(b_photos.len(), 3, "{:?}", b_before[1]);
    let b_rows: Vec<String> = stored(&db)
        .into_iter()
        .filter(|row| row.contains(MOBILE))
        .collect();

    // A, in every build, calls every endpoint about B.
    let a_token = server.log_in(OTHER_MOBILE).await;
    for &variant in Variant::ALL {
        let a = session_clients(server.base_url(), variant, Some(&a_token));
        for (method, call) in CALLS {
            let context = format!("{} {method} by A about B", variant.name());
            let answer = call(&a, MOBILE).await;
            if names_a_mobile(method) {
                let (code, message) = refusal(answer.expect_err(&context));
                assert_eq!(code, codes::NOT_YOURS, "{context}: {message}");
                assert_names_nothing_personal(&message, &context);
            } else {
                // A submission names no mobile: it is A's own, and changes A's data only.
                let text = answer.expect(&context).to_string();
                assert_names_nothing_personal(&text, &context);
            }
        }
        // What A sees of A holds nothing of B's.
        for answer in views(&a, OTHER_MOBILE).await {
            let text = answer.to_string();
            assert_names_nothing_personal(&text, "A's own forms");
            for url in &b_photos {
                assert!(!text.contains(url.as_str()), "B's photo URL in A's answer");
            }
        }
    }
    // B's photos are not served to A's session, in either build's header.
    let bearer = format!("Bearer {a_token}");
    for url in &b_photos {
        for header in [(TOKEN_HEADER, a_token.as_str()), ("Authorization", &bearer)] {
            let answer = http_get(url, &[header]).await;
            assert_eq!(answer.status, 404, "{url}");
            assert_ne!(answer.body, persona::PHOTO);
        }
        assert_eq!(
            http_get(url, &[(TOKEN_HEADER, &b_token)]).await.body,
            persona::PHOTO
        );
    }
    // B's data is as B left it: rows and answers.
    assert_eq!(views(&b, MOBILE).await, b_before, "B's forms changed");
    let b_rows_after: Vec<String> = stored(&db)
        .into_iter()
        .filter(|row| row.contains(MOBILE))
        .collect();
    assert_eq!(b_rows_after, b_rows, "B's stored rows changed");
}

/// The envelope of a login answer.
fn envelope(answer: &common::RawResponse) -> (String, String) {
    let envelope = answer.envelope();
    (
        envelope["code"].as_str().unwrap_or_default().to_owned(),
        envelope["message"].as_str().unwrap_or_default().to_owned(),
    )
}

/// A code that is not `code`.
fn wrong(code: &str, nth: u32) -> String {
    let value: u32 = code.parse().expect("digits");
    format!("{:06}", (value + nth) % 1_000_000)
}

#[tokio::test]
async fn a_mobile_is_sent_at_most_five_codes_in_fifteen_minutes() {
    let server = start_server_in(None).await;
    let body = serde_json::json!({ "mobile": MOBILE });
    let ask = || common::http_post_json(server.base_url(), "/session/code", &body);
    let mut last = None;
    for nth in 1..=MAX_CODES {
        assert_eq!(envelope(&ask().await).0, "00", "code {nth}");
        last = server.inbox.take(MOBILE);
    }
    let (answered, message) = envelope(&ask().await);
    assert_eq!(answered, codes::LOCKED, "{message}");
    assert!(!message.contains(MOBILE), "{message}");
    assert_eq!(server.inbox.take(MOBILE), None, "no sixth SMS");
    // The last code sent still logs in.
    let last = last.expect("the fifth code");
    assert_eq!(envelope(&server.present(MOBILE, &last).await).0, "00");
    // Another mobile is not limited; a new window sends codes again.
    server.log_in(OTHER_MOBILE).await;
    server.clock.advance(CODE_WINDOW);
    server.log_in(MOBILE).await;
}

#[tokio::test]
async fn guessing_login_codes_stops_after_five_wrong_ones() {
    let server = start_server_in(None).await;
    let body = serde_json::json!({ "mobile": MOBILE });
    let ask = || common::http_post_json(server.base_url(), "/session/code", &body);
    assert_eq!(envelope(&ask().await).0, "00");
    let code = server.inbox.take(MOBILE).expect("a code");
    for nth in 1..=MAX_FAILURES {
        let guess = wrong(&code, nth);
        let (answered, message) = envelope(&server.present(MOBILE, &guess).await);
        let expected = if nth < MAX_FAILURES {
            codes::WRONG_CODE
        } else {
            codes::LOCKED
        };
        assert_eq!(answered, expected, "attempt {nth}: {message}");
        assert!(!message.contains(&guess) && !message.contains(MOBILE));
    }
    // Locked: the right code is refused (it is void), and no new code is issued.
    let (answered, message) = envelope(&server.present(MOBILE, &code).await);
    assert_eq!(answered, codes::LOCKED, "{message}");
    assert!(!message.contains(&code), "{message}");
    assert_eq!(envelope(&ask().await).0, codes::LOCKED);
    assert_eq!(server.inbox.take(MOBILE), None, "no code sent while locked");
    // Another mobile is not locked.
    server.log_in(OTHER_MOBILE).await;
    // Once the lock is over, the old code stays void and a new one logs in.
    server.clock.advance(LOCK);
    assert_eq!(
        envelope(&server.present(MOBILE, &code).await).0,
        codes::WRONG_CODE
    );
    server.log_in(MOBILE).await;
}

#[tokio::test]
async fn a_code_expires_and_logs_in_once() {
    let server = start_server_in(None).await;
    let ask = common::http_post_json(
        server.base_url(),
        "/session/code",
        &serde_json::json!({ "mobile": MOBILE }),
    )
    .await;
    assert_eq!(ask.envelope()["data"]["expires_in"], CODE_TTL.as_secs());
    let code = server.inbox.take(MOBILE).expect("a code");
    server.clock.advance(CODE_TTL);
    assert_eq!(
        envelope(&server.present(MOBILE, &code).await).0,
        codes::WRONG_CODE
    );
    // A fresh code logs in once; the session lasts SESSION_TTL.
    let ask = common::http_post_json(
        server.base_url(),
        "/session/code",
        &serde_json::json!({ "mobile": MOBILE }),
    )
    .await;
    assert_eq!(envelope(&ask).0, "00");
    let code = server.inbox.take(MOBILE).expect("a code");
    let answer = server.present(MOBILE, &code).await;
    let data = &answer.envelope()["data"];
    assert_eq!(data["expires_in"], SESSION_TTL.as_secs());
    let token = data["token"].as_str().expect("a token");
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    assert_eq!(
        envelope(&server.present(MOBILE, &code).await).0,
        codes::WRONG_CODE,
        "a used code is void"
    );
}

#[tokio::test]
async fn the_login_routes_refuse_malformed_bodies_without_echoing_them() {
    let server = start_server_in(None).await;
    for (path, body) in [
        ("/session/code", serde_json::json!({ "mobile": "110" })),
        ("/session/code", serde_json::json!({ "phone": MOBILE })),
        ("/session", serde_json::json!({ "mobile": MOBILE })),
        ("/session", serde_json::json!(format!("mobile={MOBILE}"))),
    ] {
        let answer = common::http_post_json(server.base_url(), path, &body).await;
        let (code, message) = envelope(&answer);
        assert_eq!(code, codes::INVALID_INPUT, "{path} {body}: {message}");
        assert!(!answer.text().contains(MOBILE) && !message.contains("110"));
    }
}

#[tokio::test]
async fn the_database_holds_digests_of_codes_and_tokens_never_the_secrets() {
    let db = TempDb::new("security-digests");
    let server = start_server_in(Some(&db.0)).await;
    let body = serde_json::json!({ "mobile": MOBILE });
    common::http_post_json(server.base_url(), "/session/code", &body).await;
    let code = server.inbox.take(MOBILE).expect("a code");
    let connection = rusqlite::Connection::open(&db.0).expect("the database opens");
    let stored_code: String = connection
        .query_row("SELECT code_digest FROM login_codes", [], |row| row.get(0))
        .expect("the code's row");
    assert_eq!(stored_code, secret::digest(&code));
    let token = server.enter_code(MOBILE, &code).await;
    let (stored_token, mobile): (String, String) = connection
        .query_row("SELECT token_digest, mobile FROM sessions", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .expect("the session's row");
    assert_eq!(stored_token, secret::digest(&token));
    assert_eq!(mobile, MOBILE);
    // Once used, the code's digest is gone too.
    let used: Option<String> = connection
        .query_row("SELECT code_digest FROM login_codes", [], |row| row.get(0))
        .expect("the code's row");
    assert_eq!(used, None);
}

#[tokio::test]
async fn every_public_path_without_a_session_answers_the_unauthorized_envelope() {
    let db = TempDb::new("security-anonymous");
    let (server, owner) = server_with_data(&db).await;
    let before = stored(&db);
    let bearer = format!("Bearer {owner}");
    // A body about the persona, and `{}`: the router refuses before reading either, so even
    // a body that could not be decoded gets the unauthorized code, not a decoding error.
    let bodies = [
        serde_json::json!({ "mobile": MOBILE, "product_id": "2" }),
        serde_json::json!({}),
    ];
    for route in ROUTES {
        // No credential; and the other build's form of a valid one, which is not this
        // build's header.
        let wrong_form: [(&str, &str); 1] = if route.variant == Variant::BASE.name() {
            [("Authorization", &bearer)]
        } else {
            [(TOKEN_HEADER, &owner)]
        };
        for headers in [&[][..], &wrong_form[..]] {
            for body in &bodies {
                let answer =
                    common::http_post(&server.base_url, route.public_path, headers, body).await;
                let context = format!("{} {headers:?}", route.public_path);
                assert_eq!(answer.status, 200, "{context}: HTTP 200, as every failure");
                let (code, message) = envelope(&answer);
                assert_eq!(code, codes::UNAUTHORIZED, "{context}: {message}");
                assert!(answer.envelope().get("data").is_none(), "{context}");
                assert_names_nothing_personal(&answer.text(), &context);
            }
        }
    }
    assert_eq!(
        server.backend.calls(),
        17,
        "a refused request reached the backend"
    );
    assert_eq!(stored(&db), before, "a refused request changed stored data");
}
