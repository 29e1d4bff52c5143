//! The logs of a full demo walk, captured at the most verbose level, hold the endpoints and
//! codes of every request and none of the personal data the walk sends: names, CURP, birth
//! date, email, addresses, employer, phones and account numbers stay out of tracing output.
//!
//! One test in its own binary, with a global subscriber: tracing caches whether a call site is
//! enabled per process, so a subscriber set for one thread only can miss events of others.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use generated_demo::app::Server;
use generated_demo::crapido::{BankAccountType, Variant};
use generated_demo::walk::{self, WalkConfig, persona};

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

#[tokio::test]
async fn a_full_walk_logs_no_personal_data() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let server = Server::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), None)
        .await
        .expect("the server starts");
    let running = server.spawn();
    let mut table = Vec::new();
    for &variant in Variant::ALL {
        let config = WalkConfig {
            variant,
            ..WalkConfig::new(running.base_url())
        };
        let summary = walk::run(&config, &mut table)
            .await
            .expect("the walk completes");
        assert_eq!(summary.calls, 17);
    }
    drop(running);

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // The logs are there: one span per request, named by the real name, with its code.
    assert!(logs.contains("veil.request"), "{logs}");
    assert!(logs.contains("/v3/certify/save-personal-info"), "{logs}");
    assert!(logs.contains("/v3/bind-card/bind-card-new"), "{logs}");
    assert!(logs.matches("answered").count() >= 34, "{logs}");
    let table = String::from_utf8(table).unwrap();
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
