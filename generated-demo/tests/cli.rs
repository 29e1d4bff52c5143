//! The binary: the default run, `walk --session` against `serve` over loopback (logged in with
//! the code `serve` prints), a restarted `serve --db FILE` keeping the data and the sessions,
//! and failures reported with a non-zero exit. Every child process is killed at the end of
//! its test, pass or fail.

mod common;

use std::process::Output;

use common::{ChildGuard, MOBILE, PRODUCT, TempDb, binary, clients, spawn_serve};
use generated_demo::crapido::{ExtInfoRequest, PersonalInfoRequest};
use generated_demo::walk::persona;

/// The rows of a complete walk.
const CALLS: usize = 17;

fn walk(base_url: &str, token: &str, more: &[&str]) -> Output {
    binary()
        .args(["walk", "--base-url", base_url, "--session", token])
        .args(more)
        .output()
        .expect("walk runs")
}

/// A token of the right shape that no server issued.
const UNKNOWN_TOKEN: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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
    // Each build logs in first: two rows more.
    assert_eq!(
        stdout.matches("log in: enter the code").count(),
        2,
        "{stdout}"
    );
    assert!(stdout.contains("walk complete: 19 calls"), "{stdout}");
    assert_no_personal_data(&stdout);
    assert_no_personal_data(&stderr);
}

#[test]
fn walk_against_serve_over_loopback() {
    let mut server = spawn_serve(None);
    let token = server.log_in(MOBILE);
    for more in [&[][..], &["--check-persistence"], &["--variant", "lanaya"]] {
        let output = walk(&server.base_url, &token, more);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{more:?}\n{stdout}\n{stderr}");
        assert!(stdout.contains("walk complete: 17 calls"), "{stdout}");
        assert!(stdout.contains("/v3/bind-card/bind-card-new"), "{stdout}");
        assert_no_personal_data(&stdout);
        assert!(!stdout.contains(&token) && !stderr.contains(&token));
    }
}

#[tokio::test]
async fn a_restarted_server_keeps_the_saved_values() {
    let db = TempDb::new("restart");
    let token = {
        let mut server = spawn_serve(Some(&db.0));
        let token = server.log_in(MOBILE);
        assert!(walk(&server.base_url, &token, &[]).status.success());
        token
    }; // killed here
    // The session survives the restart: it is stored (as a digest) with the data.
    let server = spawn_serve(Some(&db.0));
    let base_url = server.base_url.clone();
    let (certify, _) = clients(&base_url, Some(&token));
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
    assert!(
        walk(&base_url, &token, &["--check-persistence"])
            .status
            .success()
    );
}

#[test]
fn a_walk_with_no_server_fails_with_a_clear_message() {
    // A port that was free a moment ago: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let output = walk(&format!("http://127.0.0.1:{port}"), UNKNOWN_TOKEN, &[]);
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
    let mut server = spawn_serve(None);
    // A session of another applicant than the walk's `--mobile`: the init, which names the
    // walk's mobile, is refused (code 1005) without naming either.
    let other = "5500000099";
    let token = server.log_in(other);
    let output = walk(&server.base_url, &token, &[]);
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(rows(&stdout), 1, "{stdout}");
    assert!(
        stderr.contains(
            "step `questionnaire init` (/Crapido/mkla-pk) failed: the server answered code 1005"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains(other) && !stderr.contains(MOBILE),
        "{stderr}"
    );
    // A token no server issued: refused as unauthorized at the first call.
    let output = walk(&server.base_url, UNKNOWN_TOKEN, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("the server answered code 401"), "{stderr}");
    assert!(!stderr.contains(UNKNOWN_TOKEN), "{stderr}");
}

#[test]
fn a_walk_with_an_invalid_mobile_sends_nothing() {
    let server = spawn_serve(None);
    let output = walk(&server.base_url, UNKNOWN_TOKEN, &["--mobile", "110"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("step `questionnaire init` (/Crapido/mkla-pk) failed: the request breaks the spec's constraints: `mobile`"),
        "{stderr}"
    );
    assert!(!stderr.contains("110"), "{stderr}");
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
    let mut server = spawn_serve(None);
    let token = server.log_in(MOBILE);
    let output = walk(
        &server.base_url,
        &token,
        &["--header", "X-App-Version:1.0", "--product-id", "7"],
    );
    assert!(output.status.success());
    let malformed = walk(&server.base_url, &token, &["--header", "no-colon"]);
    assert!(!malformed.status.success());
}

#[test]
fn walk_needs_a_session() {
    let output = binary()
        .args(["walk", "--base-url", "http://127.0.0.1:9"])
        .output()
        .expect("walk runs");
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&output.stderr).contains("--session"));
}
