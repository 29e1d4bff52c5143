//! The `generate!` proc-macro: a thin shim over `veil-codegen`. It parses its arguments, reads
//! the spec file, calls the generator and turns every spec error into a `compile_error!` on the
//! span of the spec-path literal. Use it through the `veil` crate, which re-exports it.

mod args;
mod source;

use proc_macro::TokenStream;
use quote::quote;

/// Generates the API described by a YAML spec.
///
/// ```ignore
/// veil::generate!("../spec/crapido.yaml");          // models, server and client
/// veil::generate!("../spec/crapido.yaml", models);  // only the named parts
/// veil::generate!("../spec/crapido.yaml", models, client, variant = "lanaya"); // one build
/// ```
///
/// The path is relative to the file that invokes the macro, as with `include_str!`. Every
/// error in the spec becomes a compile error reading `path:line:col: message`, followed by
/// the YAML line with a caret under the mistake.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let args = match syn::parse::<args::Args>(input) {
        Ok(args) => args,
        Err(err) => return err.to_compile_error().into(),
    };
    let spec = match source::read(&args.spec) {
        Ok(spec) => spec,
        Err(err) => return err.to_compile_error().into(),
    };
    let path_literal = args.spec.value();
    let api = veil_codegen::compile(&spec.text).map(|api| match &args.variant {
        Some(variant) => api
            .only_variant(&variant.value())
            .map_err(|message| syn::Error::new(variant.span(), message)),
        None => Ok(api),
    });
    let api = match api {
        Ok(Ok(api)) => Ok(api),
        Ok(Err(err)) => return err.to_compile_error().into(),
        Err(diagnostics) => Err(diagnostics),
    };
    match api.and_then(|api| veil_codegen::emit::emit(&api, &args.parts)) {
        Ok(code) => {
            let tracked = spec.absolute_path.to_string_lossy().into_owned();
            let mut expansion: TokenStream = quote! {
                // Makes cargo rebuild this crate whenever the spec changes.
                const _: &[u8] = ::core::include_bytes!(#tracked);
            }
            .into();
            // The expansion is source text, lexed by the compiler in one call: building it
            // token by token crossed the proc-macro bridge ~35,000 times for crapido
            // (docs/benchmarks.md). Its tokens get the call site's span, as `quote!`'s did.
            match code.as_str().parse::<TokenStream>() {
                Ok(code) => expansion.extend(code),
                Err(err) => {
                    let message =
                        format!("veil generated code that does not lex ({err}); please report it");
                    return syn::Error::new(args.spec.span(), message)
                        .to_compile_error()
                        .into();
                }
            }
            expansion
        }
        // Each error's message starts `file:line:col: message` and goes on with the YAML
        // excerpt (the line, a caret under the mistake, the related places), rendered as
        // `veil check` renders it, so that a build log alone shows what is wrong.
        Err(diagnostics) => diagnostics
            .errors
            .iter()
            .map(|diagnostic| {
                veil_codegen::render::message_with_excerpt(diagnostic, &path_literal, &spec.text)
            })
            .map(|message| syn::Error::new(args.spec.span(), message).to_compile_error())
            .collect::<proc_macro2::TokenStream>()
            .into(),
    }
}
