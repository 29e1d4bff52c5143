//! Constraints: option lists, field constraints, rules across fields (codegen/src/check/constraints.rs).

use super::support::{compiles, errors, one_error};

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
