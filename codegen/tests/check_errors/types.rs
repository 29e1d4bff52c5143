//! Named types and fields (codegen/src/check/types.rs, names.rs).

use veil_codegen::ir::{TypeKind, TypeRef};

use super::support::{BASE, compiles, heads, one_error};

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
