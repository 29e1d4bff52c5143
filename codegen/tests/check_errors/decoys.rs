//! Decoys (codegen/src/check/endpoints/decoys.rs).

use super::support::{heads, one_error};

// ---------------------------------------------------------------------------------------------
// Decoys.

#[test]
fn decoy_colliding_with_a_request_field() {
    // The decoy `id` (13:19) and the field `id` (16:19).
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
        decoys:
          - name: id
            value: \"1\"
        request:
          - name: id
            type: string
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:13:19: decoy `id` collides with the request field of the same name"
    );
    assert_eq!(
        error.notes,
        ["spec/app.yaml:16:19: the field is declared here"]
    );
}

#[test]
fn duplicate_decoy() {
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
        decoys:
          - name: k
            value: \"1\"
          - name: k
            value: \"2\"
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:15:19: decoy `k` is declared twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:13:19: first declared here"]);
}

#[test]
fn decoy_with_both_value_and_generate() {
    // Reported at the value, whose `"1"` starts in column 20 of line 14.
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
        decoys:
          - name: k
            value: \"1\"
            generate: hex
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:14:20: decoy `k` has both `value` and `generate`"
    );
}

#[test]
fn decoy_with_neither_value_nor_generate() {
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
        decoys:
          - name: k
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:13:19: decoy `k` has neither `value` nor `generate`"
    );
}

#[test]
fn length_on_a_fixed_decoy() {
    // The `4` of line 15 is in column 21.
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
        decoys:
          - name: k
            value: \"1\"
            length: 4
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:15:21: `length` applies to generated decoys only"
    );
}

#[test]
fn generated_decoy_length_out_of_range() {
    // 0 (15:21) and 1000 (18:21) are out of range; 1 and 256, the bounds, are fine.
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
        decoys:
          - name: k
            generate: digits
            length: 0
          - name: m
            generate: hex
            length: 1000
          - name: n
            generate: alphanumeric
            length: 1
          - name: o
            generate: alphanumeric
            length: 256
";
    assert_eq!(
        heads(spec),
        [
            "spec/app.yaml:15:21: a generated decoy's length must be 1 to 256, not 0",
            "spec/app.yaml:18:21: a generated decoy's length must be 1 to 256, not 1000",
        ]
    );
}

#[test]
fn empty_decoy_name() {
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
        decoys:
          - name: \"\"
            value: \"1\"
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:13:19: a decoy's wire name is empty"
    );
}
