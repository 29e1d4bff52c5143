//! veil's generator as a plain library: load (with spans) → check → IR → emit.
//!
//! The proc-macro crate is a thin shim over [`generate`]; tests, benchmarks and tools call the
//! same functions directly. Nothing here panics on any input: every problem in a spec is a
//! [`Diagnostic`](diag::Diagnostic) with its place in the YAML file.
#![deny(missing_docs)]

pub mod check;
pub mod diag;
pub mod emit;
pub mod ir;
pub mod load;
pub mod openapi30;
pub mod render;
#[cfg(feature = "schema")]
pub mod schema;
pub mod spec;
pub mod vocab;

pub use diag::{Diagnostic, Diagnostics, Loc};
pub use emit::Part;

/// Loads and checks spec text: the IR, or every error in the spec.
pub fn compile(text: &str) -> Result<ir::Api, Diagnostics> {
    let spec = load::load(text)?;
    check::check(&spec)
}

/// Generates the asked-for parts of the API described by spec text, as Rust source text: what
/// the macro hands to the compiler.
pub fn generate_source(text: &str, parts: &[Part]) -> Result<String, Diagnostics> {
    let api = compile(text)?;
    Ok(emit::emit(&api, parts)?.into_string())
}

/// Generates the asked-for parts of the API described by spec text, as tokens.
pub fn generate(text: &str, parts: &[Part]) -> Result<proc_macro2::TokenStream, Diagnostics> {
    let source = generate_source(text, parts)?;
    source.parse().map_err(|err: proc_macro2::LexError| {
        // The emitters' templates are token trees checked when this crate compiles, and every
        // interpolated value is an identifier, a literal or more such code; this is a bug.
        Diagnostic::new(
            Loc::FILE,
            format!("veil generated code that does not lex ({err}); please report it"),
        )
        .into()
    })
}

/// Generates the asked-for parts as a formatted Rust source file: what the macro expands to,
/// for reading, for diffing, or for a crate that includes the expansion instead of calling the
/// macro.
pub fn generate_file(text: &str, parts: &[Part]) -> Result<String, Diagnostics> {
    let api = compile(text)?;
    expand_file(&api, parts)
}

/// The asked-for parts of a checked API as a formatted Rust source file: [`generate_file`] for
/// an API already compiled, such as one build alone ([`ir::Api::only_variant`]).
pub fn expand_file(api: &ir::Api, parts: &[Part]) -> Result<String, Diagnostics> {
    let source = emit::emit(api, parts)?.into_string();
    match syn::parse_file(&source) {
        Ok(file) => Ok(prettyplease::unparse(&file)),
        // The expansion always parses; should it not, the source is still valid input for
        // rustc, only unformatted.
        Err(_) => Ok(source),
    }
}

/// The OpenAPI 3.1 document of the build called `variant`, the one `openapi(variant)` returns
/// in generated code; `Ok(None)` when the API has no such build. [`openapi30::downgrade`] turns
/// it into OpenAPI 3.0.3.
pub fn openapi_document(
    api: &ir::Api,
    variant: &str,
) -> Result<Option<serde_json::Value>, Diagnostics> {
    let Some(index) = api.variants.iter().position(|v| v.name == variant) else {
        return Ok(None);
    };
    emit::openapi::document(api, index)
        .map(Some)
        .map_err(emit::reported_bug)
}
