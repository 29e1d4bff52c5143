//! Names veil generates or reserves itself (codegen/src/vocab.rs, check/names.rs).

use super::support::{BASE, compiles, one_error};

// ---- Names veil generates itself, and the `server:` block ----

#[test]
fn a_type_named_like_the_generated_envelope() {
    // The type's name `Envelope` (7:11) is the name of the generated envelope; veil reserves it
    // without a place in the spec, so there is no note.
    let spec = BASE
        .replace("  - name: Item", "  - name: Envelope")
        .replace("response: Item", "response: Envelope");
    let error = one_error(&spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:7:11: type `Envelope` would generate the Rust item `Envelope`, which the API's envelope type already generates"
    );
    assert!(error.notes.is_empty(), "{error:?}");
}

#[test]
fn an_endpoint_method_named_like_a_client_constructor() {
    // The real name `/v1/shop/new` (14:15) gives the method `new`, which every generated client
    // has as its constructor.
    let spec = BASE.replace("/v1/shop/get-item", "/v1/shop/new");
    let error = one_error(&spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:14:15: the Rust method `new` of `/v1/shop/new` clashes with the generated client's own `new`"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("give the endpoint another Rust name with `rust:`")
    );
    let renamed = BASE.replace(
        "      - real: /v1/shop/get-item\n",
        "      - real: /v1/shop/new\n        rust: create\n",
    );
    assert_eq!(
        compiles(&renamed).services[0].endpoints[0].rust.text,
        "create"
    );
}
#[test]
fn explicit_raw_and_digit_names() {
    // `rust: r#type` means the keyword, as `rust: type` does; a real name ending in `2fa` gives
    // the method `_2fa` and the request type `_2faRequest`, both valid identifiers.
    let spec = BASE
        .replace("/v1/shop/get-item", "/v1/shop/2fa")
        .replace(
            "          - name: id\n            type: string\n        response",
            "          - name: kind\n            rust: r#type\n            type: string\n        response",
        );
    let api = compiles(&spec);
    let endpoint = &api.services[0].endpoints[0];
    assert_eq!(endpoint.rust.source(), "_2fa");
    assert_eq!(endpoint.request.rust.source(), "_2faRequest");
    assert_eq!(endpoint.request.fields[0].rust.source(), "r#type");
}
