//! Places and collection of errors, and the real spec compiling (codegen/src/check/mod.rs, diag.rs).

use std::collections::HashSet;

use veil_codegen::ir::{DecoyCharset, DecoyValue, Encoding};

use super::support::{compiles, errors, one_error};

// ---------------------------------------------------------------------------------------------
// Places and collection.

#[test]
fn columns_count_characters_not_bytes() {
    // Line 9 holds four three-byte characters before the real name: its `"` is the 30th
    // character of the line (the 38th byte).
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - { title: 认证认证, real: \"/v1/{x}\", path: /x/a, summary: S }
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:9:30: real name `/v1/{x}` has the character `{`, which is not allowed in a route"
    );
}

#[test]
fn every_mistake_is_reported_in_one_run_sorted_by_place() {
    // Seven independent mistakes. `services:` comes before `types:` in this file while types
    // are checked first, and public paths are compared to real names only once all endpoints
    // are read: the errors are found out of order and reported in file order.
    let spec = "\
veil: 2
api:
  name: demo
envelope:
  success: [\"00\", \"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /v1/shop/put-item
        summary: Get an item.
        response: Itme
      - real: /v1/shop/put-item
        path: x/b
        summary: Put an item.
types:
  - name: Item
    fields:
      - name: id
        type: string
      - name: id
        type: string
  - name: Color
    values: []
";
    let errors = errors(spec);
    let heads: Vec<&str> = errors.iter().map(|e| e.head.as_str()).collect();
    assert_eq!(
        heads,
        [
            "spec/app.yaml:1:7: unsupported spec format version 2; this veil reads version 1",
            "spec/app.yaml:5:19: success code `00` is listed twice",
            "spec/app.yaml:10:15: public path `/v1/shop/put-item` is a real name: it would show \
             the backend's route on the wire",
            "spec/app.yaml:12:19: unknown type `Itme`",
            "spec/app.yaml:14:15: public path `x/b` does not start with `/`",
            "spec/app.yaml:21:15: field `id` is declared twice",
            "spec/app.yaml:24:13: enum `Color` has no values",
        ]
    );
    let notes: Vec<&[String]> = errors.iter().map(|e| e.notes.as_slice()).collect();
    assert_eq!(notes[1], ["spec/app.yaml:5:13: first listed here"]);
    assert_eq!(
        notes[2],
        ["spec/app.yaml:13:15: the real name is declared here"]
    );
    assert_eq!(notes[5], ["spec/app.yaml:19:15: first declared here"]);
    assert_eq!(
        errors[3].help.as_deref(),
        Some(
            "the built-in types are string, integer, number, boolean, file and list<T>; the declared types are Color, Item"
        )
    );
}

// ---------------------------------------------------------------------------------------------
// The real spec.

#[test]
fn crapido_spec_compiles() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/crapido.yaml");
    let text = std::fs::read_to_string(path).expect("spec/crapido.yaml is readable");
    let api = compiles(&text);
    assert_eq!(api.name, "crapido");
    assert_eq!(api.services.len(), 2);
    let endpoints: Vec<_> = api.services.iter().flat_map(|s| &s.endpoints).collect();
    assert_eq!(endpoints.len(), 13);

    // The base build, as the seed document describes it.
    let paths: HashSet<&str> = endpoints
        .iter()
        .map(|e| e.disguises[0].public_path.as_str())
        .collect();
    assert_eq!(paths.len(), 13);
    let real_names: HashSet<&str> = endpoints.iter().map(|e| e.real_name.as_str()).collect();
    assert_eq!(real_names.len(), 13);
    assert!(paths.is_disjoint(&real_names));

    let decoys: Vec<_> = endpoints
        .iter()
        .flat_map(|e| &e.disguises[0].decoys)
        .collect();
    assert_eq!(decoys.len(), 18);
    let generated: Vec<_> = decoys
        .iter()
        .filter(|d| matches!(d.value, DecoyValue::Generated { .. }))
        .collect();
    assert_eq!(generated.len(), 1);
    assert_eq!(generated[0].wire, "alksmdj");
    assert_eq!(
        generated[0].value,
        DecoyValue::Generated {
            charset: DecoyCharset::Alphanumeric,
            length: 8,
        }
    );

    let answer_zero = [
        "/v3/certify/basic-person-info",
        "/credit-info/upload-image",
        "/v3/certify/save-basic-info",
    ];
    for endpoint in &endpoints {
        let expected = if answer_zero.contains(&endpoint.real_name.as_str()) {
            ["0"]
        } else {
            ["00"]
        };
        assert_eq!(
            endpoint.success, expected,
            "success codes of {}",
            endpoint.real_name
        );
    }
    let multipart: Vec<&str> = endpoints
        .iter()
        .filter(|e| e.encoding == Encoding::Multipart)
        .map(|e| e.real_name.as_str())
        .collect();
    assert_eq!(multipart, ["/credit-info/upload-image"]);
}
