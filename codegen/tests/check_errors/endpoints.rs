//! Services and endpoints (codegen/src/check/endpoints/): real names, public paths, methods, encodings, files and responses.

use veil_codegen::ir::Encoding;

use super::support::{BASE, Rendered, compiles, heads, one_error};

// ---------------------------------------------------------------------------------------------
// Services.

#[test]
fn duplicate_service() {
    // `shop` on lines 7 and 12, column 11. One error: the second declaration is not reported
    // again as clashes of its trait, client and router.
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
  - name: shop
    endpoints:
      - real: /v1/shop/put-item
        path: /x/b
        summary: Put an item.
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:12:11: service `shop` is declared twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:7:11: first declared here"]);
}

#[test]
fn service_with_no_endpoints() {
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
  - name: admin
    endpoints: []
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:12:11: service `admin` has no endpoints"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("add endpoints under `endpoints:`, or remove the service")
    );
}

#[test]
fn services_whose_trait_names_collide() {
    // `bind_card` and `bind-card` are both `BindCardApi`. One error, not one per item.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: bind_card
    endpoints:
      - real: /v1/bind/a
        path: /x/a
        summary: A.
  - name: bind-card
    endpoints:
      - real: /v1/bind/b
        path: /x/b
        summary: B.
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:12:11: the server trait of service `bind-card` would generate the Rust item \
         `BindCardApi`, which the server trait of service `bind_card` already generates"
    );
    assert_eq!(
        error.notes,
        ["spec/app.yaml:7:11: the server trait of service `bind_card` is declared here"]
    );
}

#[test]
fn service_item_clashing_with_a_type() {
    // Types are named first, so the service's client is the one reported, at 10:11.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: ShopClient
    lenient: string
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
        "spec/app.yaml:10:11: the client of service `shop` would generate the Rust item \
         `ShopClient`, which type `ShopClient` already generates"
    );
    assert_eq!(
        error.notes,
        ["spec/app.yaml:7:11: type `ShopClient` is declared here"]
    );
}

#[test]
fn service_name_that_cannot_become_an_identifier() {
    // One error for the service name (not one per case), and the endpoints are still checked:
    // the bad public path at 10:15 is reported in the same run.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: \"--\"
    endpoints:
      - real: /v1/shop/get-item
        path: x/a
        summary: Get an item.
";
    assert_eq!(
        heads(spec),
        [
            "spec/app.yaml:7:11: `--` cannot become a Rust identifier",
            "spec/app.yaml:10:15: public path `x/a` does not start with `/`",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Endpoints: real names, public paths, methods.

#[test]
fn duplicate_real_name() {
    // One error: the repeat is not reported again as two endpoints becoming one method.
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
      - real: /v1/shop/get-item
        path: /x/b
        summary: Get it again.
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:12:15: real name `/v1/shop/get-item` is declared twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:9:15: first declared here"]);
}

#[test]
fn two_real_names_become_one_method() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /a/get-x
        path: /x/a
        summary: Get an x.
      - real: /b/get_x
        path: /x/b
        summary: Get another x.
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:12:15: endpoints `/a/get-x` and `/b/get_x` both become the Rust method `get_x`"
    );
    assert_eq!(
        error.notes,
        ["spec/app.yaml:9:15: `/a/get-x` is declared here"]
    );
    // An explicit method name settles it.
    compiles(&spec.replace(
        "        path: /x/b\n",
        "        path: /x/b\n        rust: get_other_x\n",
    ));
}

#[test]
fn real_name_whose_last_segment_cannot_become_a_method() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/-
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:9:15: `-` cannot become a Rust identifier"
    );
}

#[test]
fn explicit_method_name_in_the_wrong_case() {
    // `GetItem` starts in column 15 of line 10.
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
        rust: GetItem
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:10:15: `rust: GetItem` is not snake_case; write `get_item`"
    );
}

#[test]
fn duplicate_public_path() {
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
      - real: /v1/shop/put-item
        path: /x/a
        summary: Put an item.
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:13:15: public path `/x/a` is used by two endpoints"
    );
    assert_eq!(error.notes, ["spec/app.yaml:10:15: first used here"]);
}

#[test]
fn public_path_equal_to_a_real_name() {
    // The first endpoint's public path (10:15) is the second endpoint's real name (12:15),
    // declared after it: the note points at the real name.
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
        path: /v1/shop/put-item
        summary: Get an item.
      - real: /v1/shop/put-item
        path: /x/b
        summary: Put an item.
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:10:15: public path `/v1/shop/put-item` is a real name: it would show the \
         backend's route on the wire"
    );
    assert_eq!(
        error.notes,
        ["spec/app.yaml:12:15: the real name is declared here"]
    );
    assert_eq!(
        error.help.as_deref(),
        Some("choose an obfuscated public path")
    );
}

/// The only error of [`BASE`] with its public path, at 15:15, replaced by `path`.
#[track_caller]
fn public_path_error(path: &str) -> Rendered {
    let spec = BASE.replace("path: /x/a", &format!("path: {path}"));
    let error = one_error(&spec);
    assert_eq!(
        error.help.as_deref(),
        Some(
            "a route is `/` and segments of letters, digits, `-`, `.`, `_` and `~`, such as `/Crapido/mkla-pk`"
        )
    );
    error
}

#[test]
fn path_without_a_leading_slash() {
    assert_eq!(
        public_path_error("x/a").head,
        "spec/app.yaml:15:15: public path `x/a` does not start with `/`"
    );
}

#[test]
fn path_with_a_brace() {
    assert_eq!(
        public_path_error("/x/{id}").head,
        "spec/app.yaml:15:15: public path `/x/{id}` has the character `{`, which is not allowed in a route"
    );
}

#[test]
fn path_with_a_colon() {
    assert_eq!(
        public_path_error("/x/:id").head,
        "spec/app.yaml:15:15: public path `/x/:id` has the character `:`, which is not allowed in a route"
    );
}

#[test]
fn path_with_an_empty_segment() {
    assert_eq!(
        public_path_error("/x//a").head,
        "spec/app.yaml:15:15: public path `/x//a` has an empty segment (`//`)"
    );
}

#[test]
fn path_ending_in_a_slash() {
    assert_eq!(
        public_path_error("/x/a/").head,
        "spec/app.yaml:15:15: public path `/x/a/` ends with `/`"
    );
}

#[test]
fn real_name_with_a_bad_character() {
    // The real name is checked like a public path; its last segment still names the method.
    let spec = BASE.replace("real: /v1/shop/get-item", "real: /v1/shop/*/get-item");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:14:15: real name `/v1/shop/*/get-item` has the character `*`, which is not allowed in a route"
    );
}

#[test]
fn empty_summary() {
    // The `""` of line 16 starts in column 18.
    let spec = BASE.replace("summary: Get an item.", "summary: \"\"");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:16:18: the summary is empty"
    );
}

#[test]
fn empty_success_list_on_an_endpoint() {
    // The `[` of line 12 is in column 18.
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
        success: []
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:12:18: no success code: every answer would be an error"
    );
}

#[test]
fn type_named_like_a_generated_request_type() {
    // The endpoint `/x/credit-info` has the request type `CreditInfoRequest`; types are named
    // first, so the endpoint (real name at 14:15) is the one reported.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: CreditInfoRequest
    fields:
      - name: id
        type: string
services:
  - name: shop
    endpoints:
      - real: /x/credit-info
        path: /x/a
        summary: Credit information.
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:14:15: the request of `/x/credit-info` would generate the Rust item \
         `CreditInfoRequest`, which type `CreditInfoRequest` already generates"
    );
    assert_eq!(
        error.notes,
        ["spec/app.yaml:7:11: type `CreditInfoRequest` is declared here"]
    );
}

// ---------------------------------------------------------------------------------------------
// Encodings, files and responses.

#[test]
fn multipart_endpoint_without_a_file_field() {
    // Reported at `multipart`, 12:19.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/put-item
        path: /x/a
        summary: Put an item.
        encoding: multipart
        request:
          - name: id
            type: string
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:12:19: multipart endpoint `/v1/shop/put-item` has no `file` field"
    );
}

#[test]
fn file_field_in_a_json_request() {
    // `file` starts in column 19 of line 14; the endpoint has no `encoding`, so it is JSON.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/put-photo
        path: /x/a
        summary: Put a photo.
        request:
          - name: photo
            type: file
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:14:19: a `file` field can only be sent in a multipart request"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("set `encoding: multipart` on the endpoint, or send the file's URL as a string")
    );
    // The same request compiles as multipart.
    let api = compiles(&spec.replace(
        "        request:\n",
        "        encoding: multipart\n        request:\n",
    ));
    assert_eq!(api.services[0].endpoints[0].encoding, Encoding::Multipart);
}

#[test]
fn file_field_in_a_form_request() {
    // `file` starts in column 19 of line 15.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/put-photo
        path: /x/a
        summary: Put a photo.
        encoding: form
        request:
          - name: photo
            type: file
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:15:19: a `file` field can only be sent in a multipart request"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("set `encoding: multipart` on the endpoint")
    );
}

#[test]
fn file_field_in_a_named_struct() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Item
    fields:
      - name: photo
        type: file
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
        response: Item
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:10:15: a named type cannot hold a `file`; only a multipart request can"
    );
}

#[test]
fn list_or_struct_field_in_a_form_request() {
    // A form body is flat: `list<string>` (23:19) and the struct `Item` (25:19) cannot be sent;
    // the enum `Color` (27:19) can.
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
  - name: Color
    values:
      - value: red
services:
  - name: shop
    endpoints:
      - real: /v1/shop/put-item
        path: /x/a
        summary: Put an item.
        encoding: form
        request:
          - name: tags
            type: list<string>
          - name: item
            type: Item
          - name: color
            type: Color
";
    assert_eq!(
        heads(spec),
        [
            "spec/app.yaml:23:19: `list<string>` cannot be sent in a form request: a form body is flat `name=value` pairs",
            "spec/app.yaml:25:19: `Item` cannot be sent in a form request: a form body is flat `name=value` pairs",
        ]
    );
}

#[test]
fn file_as_a_response() {
    // `file` starts in column 19 of line 12.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-photo
        path: /x/a
        summary: Get a photo.
        response: file
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:12:19: a response cannot be a `file`; answer with its URL as a string"
    );
}
