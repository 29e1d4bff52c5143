//! The `session:` blocks (codegen/src/check/session.rs).

use super::support::{BASE, compiles, errors, one_error};

/// BASE with a top-level `session:` block whose lines follow `response: Item` (line 20).
fn with_session(block: &str) -> String {
    format!("{BASE}session:\n{block}")
}

#[test]
fn an_empty_session_header() {
    // `header: ""` is line 22; its value starts at column 11.
    let error = one_error(&with_session("  header: \"\"\n"));
    assert_eq!(
        error.head,
        "spec/app.yaml:22:11: the session header's name is empty"
    );
    assert!(error.help.is_some());
}

#[test]
fn a_session_header_that_is_no_header_name() {
    let error = one_error(&with_session("  header: my token\n"));
    assert_eq!(
        error.head,
        "spec/app.yaml:22:11: `my token` is not an HTTP header name"
    );
}

#[test]
fn a_session_header_http_uses_itself() {
    let error = one_error(&with_session("  header: Content-Type\n"));
    assert_eq!(
        error.head,
        "spec/app.yaml:22:11: `Content-Type` is a header HTTP gives its own meaning to; it cannot carry the session"
    );
}

#[test]
fn a_scheme_that_is_no_scheme() {
    // `scheme:` is line 23, its value at column 11.
    let error = one_error(&with_session(
        "  header: Authorization\n  scheme: Bear er\n",
    ));
    assert_eq!(
        error.head,
        "spec/app.yaml:23:11: `Bear er` is not an authentication scheme"
    );
}

#[test]
fn a_session_header_named_like_a_request_field() {
    // The header `ID` (22:11) is the request field `id`, declared at 18:19.
    let error = one_error(&with_session("  header: ID\n"));
    assert_eq!(
        error.head,
        "spec/app.yaml:22:11: the session header `ID` has the name of a request field of `/v1/shop/get-item`"
    );
    assert_eq!(
        error.notes,
        ["spec/app.yaml:18:19: the field is declared here"]
    );
}

#[test]
fn a_session_header_named_like_a_decoy() {
    let spec = BASE.replace(
        "        path: /x/a\n",
        "        path: /x/a\n        decoys:\n          - { name: tkn, value: \"1\" }\n",
    );
    let spec = format!("{spec}session:\n  header: tkn\n");
    // The decoy lines push `session:` to line 23 and the header to 24:11.
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:24:11: the session header `tkn` has the name of a decoy of `/v1/shop/get-item`"
    );
}

#[test]
fn a_field_named_like_the_header_of_an_open_endpoint_is_fine() {
    // The header only travels to endpoints that need it.
    let api = compiles(&with_session("  header: id\n  open: [/v1/shop/get-item]\n"));
    assert!(!api.services[0].endpoints[0].needs_session);
}

#[test]
fn an_open_endpoint_that_does_not_exist() {
    // `/v1/shop/nothing` is at 23:10 (`  open: [` is 9 characters).
    let error = one_error(&with_session(
        "  header: token\n  open: [/v1/shop/nothing]\n",
    ));
    assert_eq!(
        error.head,
        "spec/app.yaml:23:10: `session.open` names `/v1/shop/nothing`, which is no endpoint's real name"
    );
}

#[test]
fn an_open_endpoint_listed_twice() {
    let errors = errors(&with_session(
        "  header: token\n  open: [/v1/shop/get-item, /v1/shop/get-item]\n",
    ));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].head,
        "spec/app.yaml:23:29: `/v1/shop/get-item` is listed twice in `session.open`"
    );
    assert_eq!(errors[0].notes, ["spec/app.yaml:23:10: first listed here"]);
}

#[test]
fn a_build_session_without_the_apis() {
    // The variant's `session:` value starts at 24:14.
    let spec = format!(
        "{BASE}variants:\n  - name: other\n    auto_disguise: {{ salt: s, prefix: /o }}\n    session: {{ header: token }}\n"
    );
    let error = one_error(&spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:24:14: variant `other` says how it sends the session, but the API declares no `session:`"
    );
}

#[test]
fn a_build_header_is_checked_too() {
    let spec = format!(
        "{BASE}session:\n  header: token\nvariants:\n  - name: other\n    auto_disguise: {{ salt: s, prefix: /o }}\n    session: {{ header: Host }}\n"
    );
    // The variant's header value is at 26:24.
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:26:24: `Host` is a header HTTP gives its own meaning to; it cannot carry the session"
    );
}

#[test]
fn an_unauthorized_code_that_is_a_success_code() {
    let spec =
        format!("{BASE}server:\n  codes:\n    unauthorized: \"00\"\nsession:\n  header: token\n");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:23:19: the unauthorized code `00` is a success code of `/v1/shop/get-item`: clients would read the failure as success"
    );
}

#[test]
fn each_build_sends_the_session_its_own_way() {
    let spec = format!(
        "{BASE}session:\n  header: token\nvariants:\n  - name: other\n    auto_disguise: {{ salt: s, prefix: /o }}\n    session: {{ header: Authorization, scheme: Bearer }}\n  - name: third\n    auto_disguise: {{ salt: t, prefix: /t }}\n"
    );
    let api = compiles(&spec);
    let sessions: Vec<_> = api
        .variants
        .iter()
        .map(|v| {
            let s = v.session.as_ref().expect("every build has a session");
            (v.name.as_str(), s.header.as_str(), s.scheme.as_deref())
        })
        .collect();
    assert_eq!(
        sessions,
        [
            ("demo", "token", None),
            ("other", "Authorization", Some("Bearer")),
            ("third", "token", None),
        ]
    );
    assert!(api.services[0].endpoints[0].needs_session);
    assert_eq!(api.server.codes.unauthorized, "401");
}

#[test]
fn without_a_session_block_nothing_needs_a_session() {
    let api = compiles(BASE);
    assert!(!api.needs_sessions());
    assert!(api.variants.iter().all(|v| v.session.is_none()));
}
