//! Snapshots of the code generated for spec/crapido.yaml, pretty-printed, reviewed with insta
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test -p veil-codegen` then read the diff).

use veil_codegen::Part;

fn expand(parts: &[Part]) -> String {
    let text = include_str!("../../spec/crapido.yaml");
    let tokens = veil_codegen::generate(text, parts)
        .unwrap_or_else(|d| panic!("{}", d.render("spec/crapido.yaml").join("\n")));
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as a Rust file");
    prettyplease::unparse(&file)
}

#[test]
fn crapido_models() {
    insta::assert_snapshot!(expand(&[Part::Models]));
}
