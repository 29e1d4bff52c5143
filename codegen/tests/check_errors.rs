//! Every class of spec mistake, one test each: the spec is a variation of a minimal valid spec,
//! and the test asserts the full first line of the rendered error, `spec/app.yaml:LINE:COL:
//! message`, and the place of its note when it has one.
//!
//! The specs are written flush left, starting right after `"\`, so that line 1 of the YAML is
//! the first line of the literal and columns are what they look like (1-based, in characters).
//! Each test says in a comment which line and column its error points at, and why.

use std::collections::HashSet;

use veil_codegen::ir::{Api, DecoyValue, TypeKind, TypeRef};
use veil_codegen::ir::{DecoyCharset, Encoding};

/// The spec path errors are rendered with.
const FILE: &str = "spec/app.yaml";

/// A minimal valid spec: one struct, one service, one endpoint. The cases below change one
/// thing in it (or in a shorter form of it); in this one, the public path `/x/a` is at 15:15.
const BASE: &str = "\
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
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
        request:
          - name: id
            type: string
        response: Item
";

/// One rendered error, split into its lines.
#[derive(Debug)]
struct Rendered {
    /// `spec/app.yaml:LINE:COL: message`.
    head: String,
    /// Each note as `spec/app.yaml:LINE:COL: text`, without the `  note: ` prefix.
    notes: Vec<String>,
    /// The help text, without the `  help: ` prefix.
    help: Option<String>,
}

fn parse(rendered: &str) -> Rendered {
    let mut lines = rendered.lines();
    let head = lines
        .next()
        .expect("a rendered error has a first line")
        .to_owned();
    let mut notes = Vec::new();
    let mut help = None;
    for line in lines {
        if let Some(note) = line.strip_prefix("  note: ") {
            notes.push(note.to_owned());
        } else if let Some(text) = line.strip_prefix("  help: ") {
            assert!(help.is_none(), "two help lines in {rendered:?}");
            help = Some(text.to_owned());
        } else {
            panic!("unexpected line {line:?} in {rendered:?}");
        }
    }
    Rendered { head, notes, help }
}

/// Every error of a spec that must fail, in the order they are reported.
#[track_caller]
fn errors(spec: &str) -> Vec<Rendered> {
    match veil_codegen::compile(spec) {
        Ok(_) => panic!("the spec compiled, but errors were expected:\n{spec}"),
        Err(diagnostics) => diagnostics.render(FILE).iter().map(|r| parse(r)).collect(),
    }
}

/// The first lines of every error of a spec that must fail.
#[track_caller]
fn heads(spec: &str) -> Vec<String> {
    errors(spec).into_iter().map(|e| e.head).collect()
}

/// The only error of a spec that must fail with exactly one.
#[track_caller]
fn one_error(spec: &str) -> Rendered {
    let mut errors = errors(spec);
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one error, got {errors:#?}"
    );
    errors.remove(0)
}

/// The IR of a spec that must compile.
#[track_caller]
fn compiles(spec: &str) -> Api {
    veil_codegen::compile(spec).unwrap_or_else(|diagnostics| {
        panic!(
            "the spec should compile, but:\n{}",
            diagnostics.render(FILE).join("\n")
        )
    })
}

#[test]
fn the_base_spec_compiles() {
    let api = compiles(BASE);
    assert_eq!(api.name, "demo");
    assert_eq!(api.services.len(), 1);
    assert_eq!(api.services[0].endpoints.len(), 1);
    assert_eq!(api.envelope.success, ["00"]);
}

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
        "spec/app.yaml:11:1: unknown field `servces`, expected one of veil, api, envelope, types, options, services, server, variants"
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

// ---------------------------------------------------------------------------------------------
// Named types.

#[test]
fn duplicate_type_name() {
    // `Item` is declared on line 7 and again on line 11, both in column 11. One error only: the
    // second declaration is not reported again as a clash of Rust items.
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
  - name: Item
    lenient: string
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
        response: Item
";
    let error = one_error(spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:11:11: type `Item` is declared twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:7:11: first declared here"]);
}

#[test]
fn type_with_two_kinds() {
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
    values:
      - value: a
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
        "spec/app.yaml:7:11: type `Item` must have exactly one of `fields`, `values`, `codes` and `lenient`"
    );
    assert!(
        error
            .help
            .is_some_and(|h| h.contains("`fields` makes a struct"))
    );
}

#[test]
fn type_with_no_kind() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Item
    description: Nothing but a name.
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:7:11: type `Item` must have exactly one of `fields`, `values`, `codes` and `lenient`"
    );
}

#[test]
fn write_on_a_type_that_is_not_coded() {
    // `string` starts in column 12 of line 9.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Amount
    lenient: integer
    write: string
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:9:12: `write` applies to `codes` types only"
    );
}

#[test]
fn unknown_type_reference() {
    // `Itme` starts in column 15 of line 10; the help lists what is declared.
    let spec = BASE.replace(
        "        type: string\nservices",
        "        type: Itme\nservices",
    );
    let error = one_error(&spec);
    assert_eq!(error.head, "spec/app.yaml:10:15: unknown type `Itme`");
    assert_eq!(
        error.help.as_deref(),
        Some(
            "the built-in types are string, integer, number, boolean, file and list<T>; the declared types are Item"
        )
    );
}

#[test]
fn unknown_type_reference_in_a_response() {
    // `Itme` starts in column 19 of line 20.
    let spec = BASE.replace("response: Item", "response: Itme");
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:20:19: unknown type `Itme`"
    );
}

#[test]
fn empty_type_reference() {
    // Both type values start in column 15, on lines 10 and 12.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Item
    fields:
      - name: a
        type: \"\"
      - name: b
        type: list<>
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        heads(spec),
        [
            "spec/app.yaml:10:15: the type is empty",
            "spec/app.yaml:12:15: `list<>` has no element type",
        ]
    );
}

#[test]
fn list_of_files() {
    // `list<file>` starts in column 15 of line 10.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Album
    fields:
      - name: photos
        type: list<file>
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-album
        path: /x/a
        summary: Get an album.
        response: Album
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:10:15: a list of files is not supported; declare one `file` field per part"
    );
}

#[test]
fn recursive_struct() {
    // `Node` holds a `Node`, through the field `next` whose type is at 10:15.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Node
    fields:
      - name: next
        type: Node
        optional: true
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
        "spec/app.yaml:10:15: type `Node` contains itself through its field `next`; a struct cannot contain itself"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("make the field a `list<...>` of the type, which is allowed to recurse")
    );
}

#[test]
fn recursive_struct_through_another_type() {
    // Person -> Job -> Person: reported on the field that closes the cycle, `boss` of `Job`,
    // whose type is at 14:15.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Person
    fields:
      - name: job
        type: Job
  - name: Job
    fields:
      - name: boss
        type: Person
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:14:15: type `Person` contains itself: field `boss` of `Job` holds a `Person`"
    );
}

#[test]
fn recursion_through_a_list_is_accepted() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Tree
    fields:
      - name: children
        type: list<Tree>
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-tree
        path: /x/a
        summary: Get a tree.
        response: Tree
";
    let api = compiles(spec);
    let TypeKind::Struct(fields) = &api.types[0].kind else {
        panic!("Tree is a struct: {:?}", api.types[0].kind);
    };
    assert_eq!(fields[0].ty, TypeRef::List(Box::new(TypeRef::Named(0))));
}

#[test]
fn empty_enum() {
    // The `[` of line 8 is in column 13.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Color
    values: []
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:8:13: enum `Color` has no values"
    );
}

#[test]
fn duplicate_enum_value() {
    // `red` on lines 9 and 10, column 16. One error: the repeat is not reported again as two
    // values becoming one Rust variant.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Color
    values:
      - value: red
      - value: red
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
        "spec/app.yaml:10:16: `red` already reads as the value `red` of enum `Color`"
    );
    assert_eq!(error.notes, ["spec/app.yaml:9:16: first spelled here"]);
}

#[test]
fn alias_equal_to_another_value() {
    // The alias `red` of line 11 starts in column 19; the value `red` in column 16 of line 9.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Color
    values:
      - value: red
      - value: rose
        aliases: [red]
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
        "spec/app.yaml:11:19: `red` already reads as the value `red` of enum `Color`"
    );
    assert_eq!(error.notes, ["spec/app.yaml:9:16: first spelled here"]);
}

#[test]
fn two_enum_values_become_one_variant() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Kind
    values:
      - value: a-b
      - value: a_b
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
        "spec/app.yaml:10:16: two values of enum `Kind` become the Rust variant `AB`"
    );
    assert_eq!(error.notes, ["spec/app.yaml:9:16: the other value is here"]);
    // An explicit Rust name settles it.
    compiles(&spec.replace(
        "      - value: a_b\n",
        "      - value: a_b\n        rust: AUnderscoreB\n",
    ));
}

#[test]
fn enum_value_that_cannot_become_a_variant() {
    // The `"+"` of line 9 starts in column 16.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Sign
    values:
      - value: \"+\"
      - value: \"-\"
        rust: Minus
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:9:16: `+` cannot become a Rust identifier"
    );
}

#[test]
fn empty_coded_type() {
    // The `[` of line 8 is in column 12.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Level
    codes: []
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:8:12: coded type `Level` has no codes"
    );
}

#[test]
fn duplicate_code() {
    // The code `1` is on lines 9 and 11, column 15.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Level
    codes:
      - code: 1
        name: low
      - code: 1
        name: high
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
        "spec/app.yaml:11:15: code 1 of `Level` is listed twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:9:15: first listed here"]);
}

#[test]
fn two_codes_become_one_variant() {
    // The names are on lines 10 and 12, column 15.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Level
    codes:
      - code: 1
        name: low_level
      - code: 2
        name: LowLevel
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
        "spec/app.yaml:12:15: two codes of `Level` become the Rust variant `LowLevel`"
    );
    assert_eq!(error.notes, ["spec/app.yaml:10:15: the other code is here"]);
}

#[test]
fn explicit_rust_name_of_a_type_in_the_wrong_case() {
    // `item_kind` starts in column 11 of line 8.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: item-kind
    rust: item_kind
    lenient: string
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:8:11: `rust: item_kind` is not UpperCamelCase; write `ItemKind`"
    );
}

// ---------------------------------------------------------------------------------------------
// Fields.

#[test]
fn duplicate_field_wire_name() {
    // `id` on lines 9 and 11, column 15.
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
      - name: id
        type: integer
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
        "spec/app.yaml:11:15: field `id` is declared twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:9:15: first declared here"]);
}

#[test]
fn two_wire_names_become_one_rust_field() {
    // `bank_code` and `bankCode` are both `bank_code` in Rust.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Account
    fields:
      - name: bank_code
        type: string
      - name: bankCode
        type: string
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
        "spec/app.yaml:11:15: fields `bank_code` and `bankCode` both become the Rust field `bank_code`"
    );
    assert_eq!(
        error.notes,
        ["spec/app.yaml:9:15: `bank_code` is declared here"]
    );
    assert_eq!(
        error.help.as_deref(),
        Some("give one of them another Rust name with `rust:`")
    );
}

#[test]
fn field_name_that_cannot_become_an_identifier() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Price
    fields:
      - name: $$
        type: number
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:9:15: `$$` cannot become a Rust identifier"
    );
    // With a Rust name, the wire name stays as it is.
    let api = compiles(&spec.replace("type: number", "rust: dollars\n        type: number"));
    let TypeKind::Struct(fields) = &api.types[0].kind else {
        panic!("Price is a struct");
    };
    assert_eq!(fields[0].wire, "$$");
    assert_eq!(fields[0].rust.source(), "dollars");
}

#[test]
fn empty_field_wire_name() {
    // One error: an empty name is not also reported as a name with no Rust form.
    let spec = BASE.replace(
        "      - name: id\n        type: string\nservices",
        "      - name: \"\"\n        type: string\nservices",
    );
    assert_eq!(
        one_error(&spec).head,
        "spec/app.yaml:9:15: a field's wire name is empty"
    );
}

#[test]
fn explicit_rust_name_in_the_wrong_case() {
    // `cardNo` of `rust:` starts in column 15 of line 10.
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Card
    fields:
      - name: cardNo
        rust: cardNo
        type: string
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:10:15: `rust: cardNo` is not snake_case; write `card_no`"
    );
}

#[test]
fn explicit_rust_name_that_is_not_an_identifier() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Card
    fields:
      - name: 1abc
        rust: \"1abc\"
        type: string
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
";
    assert_eq!(
        one_error(spec).head,
        "spec/app.yaml:10:15: `rust: 1abc` is not a Rust identifier"
    );
}

#[test]
fn keyword_and_digit_names_are_made_usable() {
    let spec = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
types:
  - name: Thing
    fields:
      - name: type
        type: string
      - name: self
        type: string
      - name: 9lives
        type: integer
services:
  - name: shop
    endpoints:
      - real: /v1/shop/match
        path: /x/a
        summary: Match a thing.
        request:
          - name: async
            type: boolean
        response: Thing
";
    let api = compiles(spec);
    let TypeKind::Struct(fields) = &api.types[0].kind else {
        panic!("Thing is a struct");
    };
    let names: Vec<(&str, String)> = fields
        .iter()
        .map(|f| (f.wire.as_str(), f.rust.source()))
        .collect();
    assert_eq!(
        names,
        [
            ("type", "r#type".to_owned()),
            ("self", "self_".to_owned()),
            ("9lives", "_9lives".to_owned()),
        ]
    );
    let endpoint = &api.services[0].endpoints[0];
    assert_eq!(endpoint.rust.source(), "r#match");
    assert_eq!(endpoint.request.rust.source(), "MatchRequest");
    assert_eq!(endpoint.request.fields[0].rust.source(), "r#async");
}

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

// ---- Constraints: option lists, field constraints, rules ----

/// BASE with a request field `code` of type `type_` and extra keys (indented for the field), an
/// option list `colors`, and optional endpoint rules. The request field `code` is at line 25.
fn constrained(type_: &str, field_keys: &str, rules: &str) -> String {
    format!(
        "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
options:
  - name: colors
    options:
      - {{ code: 1, name: red }}
      - {{ code: 2, name: blue }}
types:
  - name: Item
    fields:
      - name: id
        type: string
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
        request:
          - name: id
            type: string
          - name: code
            type: {type_}
{field_keys}{rules}        response: Item
"
    )
}

#[test]
fn constraints_on_the_right_types_compile_into_the_ir() {
    let spec = constrained(
        "string",
        "            length: { min: 2, max: 4 }\n            pattern: \"[a-z]+\"\n            format: email\n            choice: colors\n",
        "",
    );
    let api = compiles(&spec);
    let field = &api.services[0].endpoints[0].request.fields[1];
    assert_eq!(
        field.constraints.length.map(|b| (b.min, b.max)),
        Some((Some(2), Some(4)))
    );
    assert_eq!(field.constraints.pattern.as_deref(), Some("^(?:[a-z]+)$"));
    assert_eq!(
        field.constraints.format,
        Some(veil_codegen::ir::Format::Email)
    );
    assert_eq!(field.constraints.choice, Some(0));
    assert_eq!(
        api.option_lists[0].options,
        [(1, Some("red".into())), (2, Some("blue".into()))]
    );
    let ranged = compiles(&constrained(
        "integer",
        "            range: { min: 1, max: 9 }\n",
        "",
    ));
    let range = ranged.services[0].endpoints[0].request.fields[1]
        .constraints
        .range;
    assert_eq!(range.map(|b| (b.min, b.max)), Some((Some(1.0), Some(9.0))));
}

#[test]
fn a_constraint_on_the_wrong_type() {
    // `format: curp` (27:21) on an integer; `range` (27:20) on a string.
    assert_eq!(
        one_error(&constrained("integer", "            format: curp\n", "")).head,
        "spec/app.yaml:27:21: `format` applies to text; field `code` is an integer"
    );
    assert_eq!(
        one_error(&constrained(
            "string",
            "            range: { min: 1 }\n",
            ""
        ))
        .head,
        "spec/app.yaml:27:20: `range` applies to integers and numbers; field `code` is text"
    );
    assert_eq!(
        one_error(&constrained("boolean", "            choice: colors\n", "")).head,
        "spec/app.yaml:27:21: `choice` applies to text and integers; field `code` is a boolean"
    );
}

#[test]
fn an_invalid_pattern() {
    // The pattern (27:22) has an unclosed class; the message says so without the regex drawing.
    assert_eq!(
        one_error(&constrained("string", "            pattern: \"[a\"\n", "")).head,
        "spec/app.yaml:27:22: invalid pattern: unclosed character class"
    );
}

#[test]
fn an_unknown_format() {
    // `format: rfc` (27:21) is not a format veil knows.
    assert!(
        one_error(&constrained("string", "            format: rfc\n", ""))
            .head
            .starts_with("spec/app.yaml:27:21: unknown variant `rfc`, expected one of curp, clabe, luhn, mx_mobile, email, date")
    );
}

#[test]
fn a_range_bound_that_is_not_a_finite_number() {
    // YAML's `.inf` (27:27) and `.nan` (27:38) are floats, but no bound a value can be checked
    // against; each is named at its place.
    let errors = errors(&constrained(
        "integer",
        "            range: { min: .inf, max: .nan }\n",
        "",
    ));
    let heads: Vec<&str> = errors.iter().map(|e| e.head.as_str()).collect();
    assert_eq!(
        heads,
        [
            "spec/app.yaml:27:27: a range bound is a finite number, not inf",
            "spec/app.yaml:27:38: a range bound is a finite number, not NaN",
        ]
    );
}

#[test]
fn bad_bounds() {
    // min > max (27:21); a fractional length (27:28); no bound at all (27:21).
    assert_eq!(
        one_error(&constrained(
            "string",
            "            length: { min: 5, max: 2 }\n",
            ""
        ))
        .head,
        "spec/app.yaml:27:21: `min` (5) is greater than `max` (2)"
    );
    assert_eq!(
        one_error(&constrained(
            "string",
            "            length: { min: 1.5 }\n",
            ""
        ))
        .head,
        "spec/app.yaml:27:28: a length bound is a whole number of characters, not 1.5"
    );
    assert_eq!(
        one_error(&constrained("integer", "            range: {}\n", "")).head,
        "spec/app.yaml:27:20: bounds need `min`, `max` or both"
    );
}

#[test]
fn an_unknown_option_list() {
    // `choice: sizes` (27:21) names no option list; the help lists the ones there are.
    let error = one_error(&constrained("string", "            choice: sizes\n", ""));
    assert_eq!(
        error.head,
        "spec/app.yaml:27:21: unknown option list `sizes`"
    );
    assert_eq!(error.help.as_deref(), Some("the option lists are colors"));
}

#[test]
fn a_duplicate_option_code() {
    // The second option (10:17) repeats code 1 of the first (9:17).
    let spec = constrained("string", "", "").replace("code: 2, name: blue", "code: 1, name: blue");
    let error = one_error(&spec);
    assert_eq!(
        error.head,
        "spec/app.yaml:10:17: code 1 of option list `colors` is listed twice"
    );
    assert_eq!(error.notes, ["spec/app.yaml:9:17: first listed here"]);
}

#[test]
fn rules_across_fields() {
    let equal = "        rules:\n          - equal: [code, id]\n";
    let when = "        rules:\n          - when: { field: code, is: \"1\" }\n            then: { field: id, format: clabe }\n";
    let api = compiles(&constrained("string", "", equal));
    assert_eq!(
        api.services[0].endpoints[0].request.rules,
        [veil_codegen::ir::Rule::Equal {
            first: 1,
            second: 0
        }]
    );
    let api = compiles(&constrained("string", "", when));
    assert!(matches!(
        &api.services[0].endpoints[0].request.rules[..],
        [veil_codegen::ir::Rule::When { field: 1, target: 0, is, .. }] if is == "1"
    ));
}

#[test]
fn a_rule_naming_an_unknown_field() {
    // `cardNo` (28:27) is not a field of the request.
    let rules = "        rules:\n          - equal: [code, cardNo]\n";
    let error = one_error(&constrained("string", "", rules));
    assert_eq!(
        error.head,
        "spec/app.yaml:28:27: the rule names `cardNo`, which is not a field here"
    );
    assert_eq!(error.help.as_deref(), Some("the fields are id, code"));
}

#[test]
fn malformed_rules() {
    // A rule with neither form (28:13); `then` that constrains nothing (29:19); `equal` of
    // fields of different kinds (28:20).
    assert_eq!(
        one_error(&constrained(
            "string",
            "",
            "        rules:\n          - description: nothing\n"
        ))
        .head,
        "spec/app.yaml:28:13: a rule is either `equal: [a, b]`, or `when:` with `then:`"
    );
    assert_eq!(
        one_error(&constrained(
            "string",
            "",
            "        rules:\n          - when: { field: code, is: \"1\" }\n            then: { field: id }\n"
        ))
        .head,
        "spec/app.yaml:29:19: `then` constrains nothing"
    );
    assert_eq!(
        one_error(&constrained(
            "integer",
            "",
            "        rules:\n          - equal: [code, id]\n"
        ))
        .head,
        "spec/app.yaml:28:20: `code` and `id` cannot be compared: an integer and text"
    );
}

#[test]
fn crapido_constraints_compile() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/crapido.yaml"))
            .unwrap();
    let api = compiles(&text);
    assert!(api.option_lists.iter().all(|list| !list.options.is_empty()));
}

#[test]
fn crapido_has_a_second_build_with_listed_and_derived_disguises() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/crapido.yaml");
    let api = compiles(&std::fs::read_to_string(path).unwrap());
    let names: Vec<&str> = api.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["crapido", "lanaya"]);
    let endpoints: Vec<_> = api.services.iter().flat_map(|s| &s.endpoints).collect();
    let lanaya: Vec<(&str, &str)> = endpoints
        .iter()
        .map(|e| {
            assert_eq!(e.disguises.len(), 2, "{}", e.real_name);
            assert_eq!(e.disguises[1].variant, "lanaya");
            (e.real_name.as_str(), e.disguises[1].public_path.as_str())
        })
        .collect();
    // Every public path of both builds is distinct, and every LanaYa path is under its prefix.
    let all: HashSet<&str> = endpoints
        .iter()
        .flat_map(|e| &e.disguises)
        .map(|d| d.public_path.as_str())
        .collect();
    assert_eq!(all.len(), 26);
    assert!(lanaya.iter().all(|(_, path)| path.starts_with("/LanaYa/")));
    // The listed disguises are as written; the derived ones have the derived shape and two
    // decoys each.
    assert!(lanaya.contains(&("/v3/certify/credit-info", "/LanaYa/qst-init")));
    assert!(lanaya.contains(&("/credit-info/upload-image", "/LanaYa/foto-up")));
    for endpoint in &endpoints {
        let disguise = &endpoint.disguises[1];
        let listed = [
            "/v3/certify/credit-info",
            "/credit-info/upload-image",
            "/v3/bind-card/bind-card-new",
        ];
        if !listed.contains(&endpoint.real_name.as_str()) {
            let token = disguise.public_path.trim_start_matches("/LanaYa/");
            assert_eq!(token.len(), 8, "{token}");
            assert_eq!(token.as_bytes()[4], b'-', "{token}");
            assert_eq!(disguise.decoys.len(), 2, "{}", endpoint.real_name);
        }
    }
}

#[test]
fn derived_disguises_are_stable_and_independent() {
    // The same salt derives the same disguise; adding an endpoint changes no other's.
    let spec = |extra: &str| {
        format!(
            "\
veil: 1
api:
  name: demo
  auto_disguise: {{ salt: s1, prefix: /App }}
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        summary: Get an item.
{extra}"
        )
    };
    let one = compiles(&spec(""));
    let two = compiles(&spec(
        "      - real: /v1/shop/put-item\n        summary: Put an item.\n",
    ));
    let first = &one.services[0].endpoints[0].disguises[0];
    assert_eq!(first, &two.services[0].endpoints[0].disguises[0]);
    assert_eq!(first.decoys.len(), 2);
    assert!(first.public_path.starts_with("/App/"));
    assert_ne!(
        first.public_path,
        two.services[0].endpoints[1].disguises[0].public_path
    );
    // Pinned: the derivation is part of the format, so a change to it shows here.
    assert_eq!(
        compiles(&spec("")).services[0].endpoints[0].disguises[0],
        first.clone()
    );
}

#[test]
fn variant_mistakes() {
    let base = "\
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
        path: /x/b
        summary: Put an item.
variants:
  - name: other
    endpoints:
";
    // One public path for two endpoints in a variant (19:42, first at 18:42).
    let same_path = format!(
        "{base}      - {{ real: /v1/shop/get-item, path: /y/a }}\n      - {{ real: /v1/shop/put-item, path: /y/a }}\n"
    );
    let error = one_error(&same_path);
    assert_eq!(
        error.head,
        "spec/app.yaml:19:42: public path `/y/a` of `/v1/shop/put-item` in variant `other` is already the public path of `/v1/shop/get-item` in variant `other`"
    );
    assert_eq!(error.notes, ["spec/app.yaml:18:42: first used here"]);
    // A variant naming an unknown endpoint (18:17), and one that leaves an endpoint without a
    // disguise (16:11).
    let unknown = format!("{base}      - {{ real: /v1/shop/drop-item, path: /y/a }}\n");
    assert_eq!(
        heads(&unknown),
        [
            "spec/app.yaml:16:11: variant `other` gives no public path for `/v1/shop/get-item`",
            "spec/app.yaml:16:11: variant `other` gives no public path for `/v1/shop/put-item`",
            "spec/app.yaml:18:17: variant `other` names `/v1/shop/drop-item`, which is no endpoint's real name",
        ]
    );
    // A path another build already uses (18:42, first at 13:15).
    let reused = format!(
        "{base}      - {{ real: /v1/shop/get-item, path: /x/b }}\n      - {{ real: /v1/shop/put-item, path: /y/b }}\n"
    );
    let error = one_error(&reused);
    assert_eq!(
        error.head,
        "spec/app.yaml:18:42: public path `/x/b` of `/v1/shop/get-item` in variant `other` is already the public path of `/v1/shop/put-item` in variant `demo`"
    );
}

#[test]
fn dot_segments_multipart_names_and_blank_builds() {
    // A `..` segment (15:15), which URLs resolve away.
    assert_eq!(
        one_error(&BASE.replace("path: /x/a", "path: /x/../a")).head,
        "spec/app.yaml:15:15: public path `/x/../a` has a `.` or `..` segment, which URLs resolve away"
    );
    // A multipart part named `ñandú` (19:19).
    let multipart = BASE
        .replace(
            "        summary: Get an item.\n",
            "        summary: Get an item.\n        encoding: multipart\n",
        )
        .replace(
            "          - name: id\n            type: string\n        response",
            "          - name: ñandú\n            type: file\n        response",
        );
    assert_eq!(
        one_error(&multipart).head,
        "spec/app.yaml:19:19: `ñandú` cannot name a multipart part: it has the character `ñ`"
    );
    // `api.variant` left blank (4:12).
    assert_eq!(
        one_error(&BASE.replace("  name: demo\n", "  name: demo\n  variant: \" \"\n")).head,
        "spec/app.yaml:4:12: `api.variant` is empty"
    );
    // A prefix of `/` (4:40).
    let prefixed = BASE
        .replace(
            "  name: demo\n",
            "  name: demo\n  auto_disguise: { salt: s, prefix: / }\n",
        )
        .replace("        path: /x/a\n", "");
    assert_eq!(
        one_error(&prefixed).head,
        "spec/app.yaml:4:37: a prefix of `/` would derive paths starting with `//`"
    );
    // A service named `self` gives `SelfApi` and `SelfClient`, not `Self_Api`.
    let api = compiles(&BASE.replace("  - name: shop", "  - name: self"));
    assert_eq!(api.services[0].api_trait.text, "SelfApi");
    assert_eq!(api.services[0].client.text, "SelfClient");
}
