//! Snapshots of the code generated for spec/crapido.yaml, pretty-printed, reviewed with insta
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test -p veil-codegen` then read the diff).

use veil_codegen::Part;

fn expand(part: Part) -> String {
    let text = include_str!("../../spec/crapido.yaml");
    let api = veil_codegen::compile(text)
        .unwrap_or_else(|d| panic!("{}", d.render("spec/crapido.yaml").join("\n")));
    let code = veil_codegen::emit::emit_part(&api, part);
    let file = syn::parse_file(code.as_str()).expect("the expansion parses as a Rust file");
    prettyplease::unparse(&file)
}

#[test]
fn crapido_models() {
    insta::assert_snapshot!(expand(Part::Models));
}

#[test]
fn crapido_server() {
    insta::assert_snapshot!(expand(Part::Server));
}

#[test]
fn crapido_client() {
    insta::assert_snapshot!(expand(Part::Client));
}
