//! The `server:` block (codegen/src/check/server.rs).

use super::support::{BASE, compiles, one_error};

#[test]
fn a_zero_body_limit() {
    // `body_limit: 0` (22:15) would refuse every request.
    let spec = format!("{BASE}server:\n  body_limit: 0\n");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:22:15: a body limit of 0 bytes refuses every request"
    );
}

#[test]
fn a_failure_code_that_is_a_success_code() {
    // `bad_request: "00"` (23:18) is the success code of the endpoint.
    let spec = format!("{BASE}server:\n  codes:\n    bad_request: \"00\"\n");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:23:18: the bad_request code `00` is a success code of `/v1/shop/get-item`: clients would read the failure as success"
    );
}

#[test]
fn a_default_failure_code_that_is_a_success_code() {
    // The success code "400" is also the default bad_request code; the default has no place in
    // the spec, so the error names the file.
    let spec = BASE.replace("success: [\"00\"]", "success: [\"400\"]");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml: the bad_request code `400` is a success code of `/v1/shop/get-item`: clients would read the failure as success"
    );
}

#[test]
fn an_unknown_key_in_the_server_block() {
    // `decoy` (22:3) is a typo of `decoys`.
    let spec = format!("{BASE}server:\n  decoy: verify\n");
    assert!(
        one_error(&spec)
            .head
            .starts_with("spec/app.yaml:22:3: unknown field `decoy`, expected one of decoys"),
    );
}

#[test]
fn the_server_block_has_defaults_and_takes_every_setting() {
    let defaults = compiles(BASE).server;
    assert_eq!(defaults.decoys, veil_codegen::ir::DecoyPolicy::Ignore);
    assert_eq!(
        defaults.http_status,
        veil_codegen::ir::HttpStatusPolicy::AlwaysOk
    );
    assert_eq!(
        (defaults.body_limit, defaults.upload_limit),
        (65536, 10 * 1024 * 1024)
    );
    assert_eq!(defaults.success_message, "success");
    assert_eq!(
        [
            defaults.codes.bad_request.as_str(),
            &defaults.codes.not_found,
            &defaults.codes.unsupported_media_type,
            &defaults.codes.payload_too_large,
            &defaults.codes.internal,
        ],
        ["400", "404", "415", "413", "500"]
    );
    let spec = format!(
        "{BASE}server:\n  decoys: verify\n  http_status: mapped\n  body_limit: 10\n  upload_limit: 20\n  success_message: ok\n  codes:\n    not_found: E4\n"
    );
    let server = compiles(&spec).server;
    assert_eq!(server.decoys, veil_codegen::ir::DecoyPolicy::Verify);
    assert_eq!(
        server.http_status,
        veil_codegen::ir::HttpStatusPolicy::Mapped
    );
    assert_eq!((server.body_limit, server.upload_limit), (10, 20));
    assert_eq!(server.success_message, "ok");
    assert_eq!(
        (
            server.codes.not_found.as_str(),
            server.codes.bad_request.as_str()
        ),
        ("E4", "400")
    );
}
