//! The logs of full demo walks, captured at the most verbose level, hold the endpoints and
//! codes of every request and none of the personal data the walk sends (names, CURP, birth
//! date, email, addresses, employer, phones and account numbers) nor any credential: no login
//! code, no session token, not even their digests.
//!
//! One test in its own binary, with a global subscriber: tracing caches whether a call site is
//! enabled per process, so a subscriber set for one thread only can miss events of others.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use generated_demo::app::{Server, Setup};
use generated_demo::crapido::{BankAccountType, Variant};
use generated_demo::session::{CodeSender, Inbox, secret};
use generated_demo::walk::{self, WalkConfig, WalkCredential, persona};

/// A code sender that delivers to an inbox and remembers every code, for the test to look
/// for in the logs.
#[derive(Clone, Default)]
struct Recording {
    inbox: Inbox,
    codes: Arc<Mutex<Vec<String>>>,
}

impl CodeSender for Recording {
    fn send(&self, mobile: &str, code: &str) {
        self.codes.lock().unwrap().push(code.to_owned());
        self.inbox.send(mobile, code);
    }
}

/// Logs in by hand (so that the test knows the token), through the login routes.
async fn log_in(base_url: &str, sender: &Recording) -> String {
    let client = reqwest::Client::new();
    let post = |path: &str, body: serde_json::Value| {
        client
            .post(format!("{base_url}{path}"))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
    };
    let mobile = persona::DEFAULT_MOBILE;
    post("/session/code", serde_json::json!({ "mobile": mobile }))
        .await
        .unwrap();
    let code = sender.inbox.take(mobile).unwrap();
    let answer = post(
        "/session",
        serde_json::json!({ "mobile": mobile, "code": code }),
    )
    .await
    .unwrap()
    .bytes()
    .await
    .unwrap();
    let envelope: serde_json::Value = serde_json::from_slice(&answer).unwrap();
    envelope["data"]["token"].as_str().unwrap().to_owned()
}

/// A writer into a shared buffer, for the subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether `text` holds `number` as a number of its own: not within a longer run of digits
/// or a decimal fraction (timings).
fn holds_number(text: &str, number: &str) -> bool {
    let part_of_number = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        !part_of_number(before) && !part_of_number(after)
    })
}

#[tokio::test]
async fn full_walks_log_no_personal_data_and_no_credential() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        // No timestamps: their 6-digit fractions could look like a login code.
        .without_time()
        .with_writer(move || writer.clone())
        .init();

    let sender = Recording::default();
    let setup = Setup::new(sender.clone());
    let server = Server::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), setup)
        .await
        .expect("the server starts");
    let running = server.spawn();
    let mut table = Vec::new();
    // Each build walked twice: logging in itself, and with a session logged in by hand.
    let mut tokens = Vec::new();
    for &variant in Variant::ALL {
        let token = log_in(running.base_url(), &sender).await;
        tokens.push(token.clone());
        for (credential, calls) in [
            (WalkCredential::Login(sender.inbox.clone()), 19),
            (WalkCredential::Session(token), 17),
        ] {
            let config = WalkConfig {
                variant,
                check_persistence: true,
                ..WalkConfig::new(running.base_url(), credential)
            };
            let summary = walk::run(&config, &mut table)
                .await
                .expect("the walk completes");
            assert_eq!(summary.calls, calls);
        }
    }
    drop(running);

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // The logs are there: one span per request, named by the real name, with its code.
    assert!(logs.contains("veil.request"), "{logs}");
    assert!(logs.contains("/v3/certify/save-personal-info"), "{logs}");
    assert!(logs.contains("/v3/bind-card/bind-card-new"), "{logs}");
    assert!(logs.matches("answered").count() >= 68, "{logs}");
    assert!(logs.contains("session started"), "{logs}");
    let table = String::from_utf8(table).unwrap();
    let codes = sender.codes.lock().unwrap().clone();
    assert_eq!(codes.len(), 2 * Variant::ALL.len(), "one code per login");
    for code in &codes {
        for text in [&logs, &table] {
            assert!(!holds_number(text, code), "a login code was printed");
            assert!(
                !text.contains(&secret::digest(code)),
                "a code's digest was printed"
            );
        }
    }
    for token in &tokens {
        for text in [&logs, &table] {
            assert!(
                !text.contains(token.as_str()),
                "a session token was printed"
            );
            assert!(
                !text.contains(&secret::digest(token)),
                "a token's digest was printed"
            );
        }
    }
    for secret in [
        persona::DEFAULT_MOBILE,
        persona::NAME,
        persona::CURP,
        persona::BIRTHDAY,
        persona::EMAIL,
        persona::HOME_CITY,
        persona::COMPANY_NAME,
        persona::COMPANY_FULL_ADDRESS,
        persona::COMPANY_PHONE,
        persona::FIRST_CONTACT_NAME,
        persona::FIRST_CONTACT_MOBILE,
        persona::SECOND_CONTACT_NAME,
        persona::SECOND_CONTACT_MOBILE,
        persona::account_number(BankAccountType::DebitCard),
        persona::account_number(BankAccountType::Clabe),
    ] {
        assert!(!logs.contains(secret), "the logs show `{secret}`");
        assert!(!table.contains(secret), "the table shows `{secret}`");
    }
}
