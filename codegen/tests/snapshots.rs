//! Snapshots of the code generated for spec/crapido.yaml, pretty-printed, reviewed with insta
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test -p veil-codegen` then read the diff).

use veil_codegen::Part;

fn expand(part: Part) -> String {
    let text = include_str!("../../spec/crapido.yaml");
    let api = veil_codegen::compile(text)
        .unwrap_or_else(|d| panic!("{}", d.render("spec/crapido.yaml").join("\n")));
    let code = veil_codegen::emit::emit_part(&api, part)
        .unwrap_or_else(|d| panic!("{}", d.render("spec/crapido.yaml").join("\n")));
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

/// The OpenAPI part is one `match` of string literals; the snapshot holds the function as
/// written, its documents shortened, and then each document as the JSON text it is, so that
/// a change reads as a change of the document.
#[test]
fn crapido_openapi() {
    let expansion = expand(Part::OpenApi);
    let file = syn::parse_file(&expansion).expect("the expansion parses");
    let [syn::Item::Fn(function)] = &file.items[..] else {
        panic!("the OpenAPI part is one function: {expansion}");
    };
    let [syn::Stmt::Expr(syn::Expr::Match(arms), None)] = &function.block.stmts[..] else {
        panic!("`openapi` is one match: {expansion}");
    };
    let mut documents = String::new();
    for arm in &arms.arms {
        // prettyplease writes a long arm as a block.
        let body = match &*arm.body {
            syn::Expr::Block(block) => match &block.block.stmts[..] {
                [syn::Stmt::Expr(expr, None)] => expr,
                _ => panic!("each arm is a document's text"),
            },
            expr => expr,
        };
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) = body
        else {
            panic!("each arm is a document's text");
        };
        let pattern = &arm.pat;
        let document: serde_json::Value =
            serde_json::from_str(&text.value()).expect("each document is JSON");
        documents.push_str(&format!("\n// {}\n{document:#}\n", quote::quote!(#pattern)));
    }
    let signature = &function.sig;
    insta::assert_snapshot!(format!("{}\n{documents}", quote::quote!(#signature)));
}
