//! Loading (codegen/src/load.rs): YAML syntax and shape, serde-saphyr's own errors.

use super::support::{BASE, one_error};

// ---------------------------------------------------------------------------------------------
// Loading: YAML syntax and shape.

#[test]
fn yaml_syntax_error() {
    // A plain scalar cannot hold `: `; the second colon of line 3 is in column 13.
    let spec = "\
veil: 1
api:
  name: demo: x
envelope:
  success: [\"00\"]
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:3:13: mapping values are not allowed in this context"
    );
}

#[test]
fn empty_spec() {
    let error = one_error("");
    assert_eq!(error.head, "spec/app.yaml: the spec is empty");
    assert!(error.notes.is_empty());
    assert_eq!(
        error.help.as_deref(),
        Some(
            "a spec needs at least `veil: 1`, `api:`, `envelope:` and `services:`; see docs/spec-format.md"
        )
    );
}

#[test]
fn spec_with_no_content_is_empty_too() {
    // Blank lines, comments only, a bare document marker, a null document: nothing to read.
    for spec in [
        "  \n\n",
        "# nothing yet\n",
        "---\n",
        "# header\n---\n# body\n",
        "~\n",
    ] {
        assert_eq!(
            one_error(spec).head,
            "spec/app.yaml: the spec is empty",
            "for {spec:?}"
        );
    }
}

#[test]
fn unknown_top_level_key() {
    // `servces:` is at the start of line 11.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Item
    fields:
      - name: id
        type: string
servces:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:11:1: unknown field `servces`, expected one of veil, api, envelope, types, options, services, server, session, variants"
    );
}

#[test]
fn unknown_endpoint_key() {
    // `reqest:` is on line 12, indented by 8.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
        reqest:
          - name: id
            type: string
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:12:9: unknown field `reqest`, expected one of real, path, rust, summary, \
         title, description, encoding, success, decoys, request, response, rules"
    );
}

#[test]
fn missing_required_key() {
    // The endpoint of lines 9-10 has no `summary`. The YAML reader reports a missing key at the
    // last key it read in the mapping: `path:` on line 10, column 9.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:10:9: missing field `summary`"
    );
}

#[test]
fn wrong_value_type() {
    // `one` starts in column 7 of line 1.
    let spec = BASE.replace("veil: 1", "veil: one");
    assert_eq!(one_error(&spec).head, "spec/app.yaml:1:7: invalid u64");
}

#[test]
fn unknown_enumerated_value() {
    // `float` starts in column 14 of line 8; a lenient scalar is an integer or a string.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Amount
    lenient: float
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:8:14: unknown variant `float`, expected one of integer, string"
    );
}

#[test]
fn unsupported_format_version() {
    let spec = BASE.replace("veil: 1", "veil: 2");
    let error = one_error(&spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:1:7: unsupported spec format version 2; this veil reads version 1"
    );
    assert_eq!(error.help.as_deref(), Some("write `veil: 1`"));
}

#[test]
fn duplicate_yaml_key() {
    // The second `name:` of `api:` is on line 4, indented by 2.
    let spec = "\
veil: 1
api:
  name: demo
  name: other
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:4:3: duplicate mapping key `name` is not allowed here"
    );
}
