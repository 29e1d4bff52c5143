//! The top level (codegen/src/check/mod.rs): the API name and the envelope.

use super::support::{BASE, one_error};

// ---------------------------------------------------------------------------------------------
// The top level: API name and envelope.

#[test]
fn empty_api_name() {
    // The `""` of line 3 starts in column 9.
    let spec = BASE.replace("name: demo", "name: \"\"");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:3:9: the API name is empty"
    );
}

#[test]
fn duplicate_envelope_field_names() {
    // `message: status` reuses the name given to `code` on line 5 (value in column 9); the
    // second `status` is in column 12 of line 6.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  code: status
  message: status
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:6:12: envelope field `status` is used twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:5:9: first used here"]);
}

#[test]
fn empty_envelope_field_name() {
    // The `""` of line 5 starts in column 9.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  data: \"\"
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
        "spec/app.yaml:5:9: an envelope field name is empty"
    );
}

#[test]
fn empty_success_list_in_the_envelope() {
    // The `[` of line 5 is in column 12.
    let spec = BASE.replace("success: [\"00\"]", "success: []");
    let error = one_error(&spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:5:12: no success code: every answer would be an error"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("list the codes that mean success, such as `success: [\"00\"]`")
    );
}

#[test]
fn duplicate_success_code() {
    // In `  success: ["00", "00"]`, the first `"00"` starts in column 13, the second in 19.
    let spec = BASE.replace("success: [\"00\"]", "success: [\"00\", \"00\"]");
    let error = one_error(&spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:5:19: success code `00` is listed twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:5:13: first listed here"]);
}

#[test]
fn empty_success_code() {
    let spec = BASE.replace("success: [\"00\"]", "success: [\"00\", \"\"]");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:5:19: a success code is empty"
    );
}
