//! `walk --session` against a backend that is not the demo: a fake that answers every public
//! path of both builds with the seed document's own example response (the repaired examples
//! of tests/seed/responses/), stores nothing and ignores the credential beyond recording
//! where it came. The walk passes against it with only what the seed promises checked; the
//! demo's persistence checks, asked for, fail against it, which is why they are optional.

mod common;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use generated_demo::crapido::{ROUTES, Variant};
use generated_demo::walk::{self, WalkConfig, WalkCredential};
use tokio::net::TcpListener;

/// A token of the right shape: the fake accepts anything.
const TOKEN: &str = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";

/// The seed's example response of each endpoint, by its Rust method name in `ROUTES`.
const EXAMPLES: [(&str, &str); 13] = [
    (
        "credit_info",
        include_str!("../../tests/seed/responses/01-credit-info.json"),
    ),
    (
        "save_credit_info",
        include_str!("../../tests/seed/responses/02-save-credit-info.json"),
    ),
    (
        "basic_person_info",
        include_str!("../../tests/seed/responses/03-basic-person-info.json"),
    ),
    (
        "upload_image",
        include_str!("../../tests/seed/responses/04-upload-image.json"),
    ),
    (
        "save_basic_info",
        include_str!("../../tests/seed/responses/05-save-basic-info.json"),
    ),
    (
        "personal_info",
        include_str!("../../tests/seed/responses/06-personal-info.json"),
    ),
    (
        "save_personal_info",
        include_str!("../../tests/seed/responses/07-save-personal-info.json"),
    ),
    (
        "job_info",
        include_str!("../../tests/seed/responses/08-job-info.json"),
    ),
    (
        "save_job_info",
        include_str!("../../tests/seed/responses/09-save-job-info.json"),
    ),
    (
        "ext_info",
        include_str!("../../tests/seed/responses/10-ext-info.json"),
    ),
    (
        "save_ext_info",
        include_str!("../../tests/seed/responses/11-save-ext-info.json"),
    ),
    (
        "card_init",
        include_str!("../../tests/seed/responses/12-card-init.json"),
    ),
    (
        "bind_card_new",
        include_str!("../../tests/seed/responses/13-bind-card-new.json"),
    ),
];

/// What the fake saw of each request: its path and the credential it carried, if any.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// The fake: every public path of `ROUTES` answers its endpoint's example; the rest `404`.
fn seed_backend(seen: Seen) -> Router {
    let mut router = Router::new();
    for route in ROUTES {
        let example = EXAMPLES
            .iter()
            .find(|(method, _)| *method == route.method)
            .map(|(_, example)| *example)
            .unwrap_or_else(|| panic!("no seed example for `{}`", route.method));
        let seen = Arc::clone(&seen);
        router = router.route(
            route.public_path,
            post(move |headers: HeaderMap| {
                let credential = generated_demo::credential::from_headers(&headers);
                seen.lock()
                    .unwrap()
                    .push((route.public_path.to_owned(), credential.map(str::to_owned)));
                async move { ([("content-type", "application/json")], example) }
            }),
        );
    }
    router.fallback(|| async { StatusCode::NOT_FOUND.into_response() })
}

/// The fake on 127.0.0.1 and a free port: its base URL and what it sees.
async fn start() -> (String, Seen, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Seen::default();
    let task = tokio::spawn(veil::server::serve(
        listener,
        seed_backend(Arc::clone(&seen)),
    ));
    (base_url, seen, task)
}

#[tokio::test]
async fn the_walk_passes_against_the_seeds_example_responses_in_every_build() {
    let (base_url, seen, task) = start().await;
    for &variant in Variant::ALL {
        let config = WalkConfig {
            variant,
            ..WalkConfig::new(&base_url, WalkCredential::Session(TOKEN.to_owned()))
        };
        assert!(!config.check_persistence, "off against an outside server");
        let mut table = Vec::new();
        let summary = walk::run(&config, &mut table)
            .await
            .unwrap_or_else(|err| panic!("{}: {err}", variant.name()));
        // The seed's upload answers is_need_pop 0: no corrected ID data is sent.
        assert_eq!(summary.calls, 16, "{}", String::from_utf8_lossy(&table));
    }
    // Every call reached the fake, at a public path, with the session token.
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 32);
    for (path, credential) in &seen {
        assert!(
            ROUTES.iter().any(|route| route.public_path == path),
            "{path}"
        );
        assert_eq!(credential.as_deref(), Some(TOKEN), "{path}");
    }
    task.abort();
}

#[tokio::test]
async fn the_persistence_checks_fail_against_a_backend_that_keeps_nothing() {
    let (base_url, _, task) = start().await;
    let config = WalkConfig {
        check_persistence: true,
        ..WalkConfig::new(&base_url, WalkCredential::Session(TOKEN.to_owned()))
    };
    let err = walk::run(&config, &mut Vec::new()).await.unwrap_err();
    // The seed's ext-info shows its own example contacts, not the ones just saved.
    assert!(err.to_string().contains("step `contacts check`"), "{err}");
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_walks_the_seed_backend_with_a_session_from_the_command_line() {
    let (base_url, _, task) = start().await;
    let output = tokio::task::spawn_blocking(move || {
        common::binary()
            .args(["walk", "--base-url", &base_url, "--session", TOKEN])
            .args(["--variant", "lanaya"])
            .output()
            .expect("walk runs")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("walk complete: 16 calls"), "{stdout}");
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
    task.abort();
}
