//! What every check_errors module shares: the spec path errors are rendered with, the minimal
//! valid spec the cases vary, and the helpers that compile a spec and split its rendered errors.

use veil_codegen::ir::Api;

/// The spec path errors are rendered with.
pub(crate) const FILE: &str = "spec/app.yaml";

/// A minimal valid spec: one struct, one service, one endpoint. The cases below change one
/// thing in it (or in a shorter form of it); in this one, the public path `/x/a` is at 15:15.
pub(crate) const BASE: &str = "\
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
pub(crate) struct Rendered {
    /// `spec/app.yaml:LINE:COL: message`.
    pub(crate) head: String,
    /// Each note as `spec/app.yaml:LINE:COL: text`, without the `  note: ` prefix.
    pub(crate) notes: Vec<String>,
    /// The help text, without the `  help: ` prefix.
    pub(crate) help: Option<String>,
}

pub(crate) fn parse(rendered: &str) -> Rendered {
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
pub(crate) fn errors(spec: &str) -> Vec<Rendered> {
    match veil_codegen::compile(spec) {
        Ok(_) => panic!("the spec compiled, but errors were expected:\n{spec}"),
        Err(diagnostics) => diagnostics.render(FILE).iter().map(|r| parse(r)).collect(),
    }
}

/// The first lines of every error of a spec that must fail.
#[track_caller]
pub(crate) fn heads(spec: &str) -> Vec<String> {
    errors(spec).into_iter().map(|e| e.head).collect()
}

/// The only error of a spec that must fail with exactly one.
#[track_caller]
pub(crate) fn one_error(spec: &str) -> Rendered {
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
pub(crate) fn compiles(spec: &str) -> Api {
    veil_codegen::compile(spec).unwrap_or_else(|diagnostics| {
        panic!(
            "the spec should compile, but:\n{}",
            diagnostics.render(FILE).join("\n")
        )
    })
}

#[test]
pub(crate) fn the_base_spec_compiles() {
    let api = compiles(BASE);
    assert_eq!(api.name, "demo");
    assert_eq!(api.services.len(), 1);
    assert_eq!(api.services[0].endpoints.len(), 1);
    assert_eq!(api.envelope.success, ["00"]);
}
