//! The binary: the default run, `walk` against `serve` over loopback, a restarted `serve
//! --db FILE` keeping the data, and failures reported with a non-zero exit. Every child
//! process is killed at the end of its test, pass or fail.

mod common;

use std::process::Output;

use common::{ChildGuard, MOBILE, PRODUCT, TempDb, binary, clients, spawn_serve};
use generated_demo::crapido::{ExtInfoRequest, PersonalInfoRequest};
use generated_demo::walk::persona;

/// The rows of a complete walk.
const CALLS: usize = 17;

fn walk(base_url: &str) -> Output {
    binary()
        .args(["walk", "--base-url", base_url])
        .output()
        .expect("walk runs")
}

fn rows(stdout: &str) -> usize {
    stdout
        .lines()
        .filter(|line| line.contains(" /Crapido/"))
        .count()
}

fn assert_no_personal_data(text: &str) {
    for secret in [
        persona::DEFAULT_MOBILE,
        persona::NAME,
        persona::CURP,
        persona::EMAIL,
        persona::FIRST_CONTACT_NAME,
        persona::SECOND_CONTACT_MOBILE,
    ] {
        assert!(!text.contains(secret), "a personal value was printed");
    }
}

#[test]
fn the_default_run_walks_the_whole_flow() {
    let output = binary().output().expect("the demo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(rows(&stdout), CALLS, "{stdout}");
    assert!(stdout.contains("walk complete: 17 calls"), "{stdout}");
    assert_no_personal_data(&stdout);
    assert_no_personal_data(&stderr);
}

#[test]
fn walk_against_serve_over_loopback() {
    let (server, base_url) = spawn_serve(None);
    let output = walk(&base_url);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(rows(&stdout), CALLS, "{stdout}");
    assert!(stdout.contains("/v3/bind-card/bind-card-new"), "{stdout}");
    assert_no_personal_data(&stdout);
    drop(server);
}

#[tokio::test]
async fn a_restarted_server_keeps_the_saved_values() {
    let db = TempDb::new("restart");
    {
        let (_server, base_url) = spawn_serve(Some(&db.0));
        assert!(walk(&base_url).status.success());
    } // killed here
    let (_server, base_url) = spawn_serve(Some(&db.0));
    let (certify, _) = clients(&base_url, Some(MOBILE));
    let contacts = certify
        .ext_info(&ExtInfoRequest {
            mobile: MOBILE.into(),
            product_id: PRODUCT.into(),
        })
        .await
        .expect("ext-info answers");
    assert_eq!(contacts.emergent.lineal_name, persona::FIRST_CONTACT_NAME);
    assert_eq!(
        contacts.emergent.other_mobile,
        persona::SECOND_CONTACT_MOBILE
    );
    let personal = certify
        .personal_info(&PersonalInfoRequest {
            mobile: MOBILE.into(),
            product_id: PRODUCT.into(),
        })
        .await
        .expect("personal-info answers");
    assert!(personal.items.iter().all(|item| item.status == 1));
    // The walk runs again on the same data: a resubmission replaces the values.
    assert!(walk(&base_url).status.success());
}

#[test]
fn a_walk_with_no_server_fails_with_a_clear_message() {
    // A port that was free a moment ago: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let output = walk(&format!("http://127.0.0.1:{port}"));
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("walk failed: step `questionnaire init` (/Crapido/mkla-pk) failed"),
        "{stderr}"
    );
    assert_eq!(rows(&String::from_utf8_lossy(&output.stdout)), 1);
}

#[test]
fn a_walk_refused_by_the_server_stops_at_that_step() {
    let (server, base_url) = spawn_serve(None);
    // A session header that is not a mobile number: the init carries a valid mobile of its
    // own, the submit relies on the session and is refused by the backend (code 1003).
    let output = binary()
        .args([
            "walk",
            "--base-url",
            &base_url,
            "--header",
            "X-Applicant:110",
        ])
        .output()
        .expect("walk runs");
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(rows(&stdout), 2, "{stdout}");
    assert!(
        stderr.contains(
            "step `questionnaire submit` (/Crapido/aksl) failed: the server answered code 1003"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("110"), "{stderr}");
    drop(server);
}

#[test]
fn a_walk_with_an_invalid_mobile_sends_nothing() {
    let (server, base_url) = spawn_serve(None);
    let output = binary()
        .args(["walk", "--base-url", &base_url, "--mobile", "110"])
        .output()
        .expect("walk runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("step `questionnaire init` (/Crapido/mkla-pk) failed: the request breaks the spec's constraints: `mobile`"),
        "{stderr}"
    );
    assert!(!stderr.contains("110"), "{stderr}");
    drop(server);
}

#[test]
fn serve_refuses_a_non_loopback_address() {
    let mut child = ChildGuard(
        binary()
            .args(["serve", "--addr", "0.0.0.0:0"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("serve runs"),
    );
    let status = child.0.wait().expect("serve exits");
    assert!(!status.success());
}

#[test]
fn walk_accepts_headers_and_rejects_malformed_ones() {
    let (server, base_url) = spawn_serve(None);
    let output = binary()
        .args([
            "walk",
            "--base-url",
            &base_url,
            "--header",
            "Authorization: Bearer demo",
            "--header",
            "X-App-Version:1.0",
            "--product-id",
            "7",
        ])
        .output()
        .expect("walk runs");
    assert!(output.status.success());
    let malformed = binary()
        .args(["walk", "--base-url", &base_url, "--header", "no-colon"])
        .output()
        .expect("walk runs");
    assert!(!malformed.status.success());
    drop(server);
}
