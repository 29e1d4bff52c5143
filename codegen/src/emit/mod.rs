//! Emitters: IR in, Rust tokens out. Each part of the generated API has its own module and sees
//! only the IR; generated code reaches runtime items only through `::veil::__private`.

pub(crate) mod client;
mod docs;
mod models;
pub(crate) mod openapi;
mod server;
mod validate;

use std::cell::Cell;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};

use crate::ir::{Api, RustName, TypeRef};

/// The parts of the API a macro invocation may ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// Request, response and shared types, and the envelope.
    Models,
    /// One trait per service and `router`, an axum router over the public paths.
    Server,
    /// One client per service, with a method per endpoint.
    Client,
    /// `openapi(variant)`: the OpenAPI 3.1 document of each build's public API. Only when
    /// asked for: it adds the documents' text to the binary.
    OpenApi,
}

impl Part {
    /// Every part, in expansion order.
    pub const ALL: &'static [Part] = &[Part::Models, Part::Server, Part::Client, Part::OpenApi];

    /// The parts generated when the macro names none.
    pub const DEFAULT: &'static [Part] = &[Part::Models, Part::Server, Part::Client];

    /// The part's name as written in the macro's arguments.
    pub fn name(self) -> &'static str {
        match self {
            Part::Models => "models",
            Part::Server => "server",
            Part::Client => "client",
            Part::OpenApi => "openapi",
        }
    }

    /// The part called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.iter().copied().find(|p| p.name() == name)
    }
}

/// Expands the asked-for parts of `api`. Parts depend on the models, which are always emitted.
pub fn emit(api: &Api, parts: &[Part]) -> TokenStream {
    let mut out = emit_part(api, Part::Models);
    for part in parts.iter().filter(|part| **part != Part::Models) {
        out.extend(emit_part(api, *part));
    }
    out
}

/// Expands one part alone (for snapshots and tools; a crate needs the models with any part).
pub fn emit_part(api: &Api, part: Part) -> TokenStream {
    match part {
        Part::Models => models::emit(api),
        Part::Server => server::emit(api),
        Part::Client => client::emit(api),
        Part::OpenApi => openapi::emit(api),
    }
}

/// A token stream that `quote!` moves into its output instead of copying it.
///
/// `quote!` interpolates by reference, so a nested `TokenStream` is cloned token by token
/// (outside a compiler, each identifier and literal a fresh allocation) at every level of
/// nesting: a field's check inside its binding inside a `validate()` inside the models was
/// copied four times over. The models and `validate()`, the deepest nesting, splice: 7 % fewer
/// instructions for the emitters (docs/benchmarks.md). A `Splice` hands its tokens over on
/// first use, so each one is made for the single `quote!` that interpolates it; a second use
/// would splice nothing, which the snapshot tests would show as missing code.
pub(crate) struct Splice(Cell<TokenStream>);

/// `tokens`, to be moved by the one `quote!` that interpolates them.
pub(crate) fn splice(tokens: TokenStream) -> Splice {
    Splice(Cell::new(tokens))
}

impl ToTokens for Splice {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.0.take());
    }
}

/// An encoding as the runtime's `meta::Encoding`.
pub(crate) fn encoding_variant(encoding: crate::spec::Encoding) -> TokenStream {
    match encoding {
        crate::spec::Encoding::Json => quote!(::veil::__private::meta::Encoding::Json),
        crate::spec::Encoding::Form => quote!(::veil::__private::meta::Encoding::Form),
        crate::spec::Encoding::Multipart => quote!(::veil::__private::meta::Encoding::Multipart),
    }
}

/// The identifier of a checked name.
pub(crate) fn ident(name: &RustName) -> Ident {
    // invariant: `check` only builds names that `syn` parsed as identifiers.
    if name.raw {
        Ident::new_raw(&name.text, Span::call_site())
    } else {
        Ident::new(&name.text, Span::call_site())
    }
}

/// The Rust type of a type reference, with absolute paths.
pub(crate) fn rust_type(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::File => quote!(::veil::FilePart),
        TypeRef::List(inner) => {
            let inner = rust_type(api, inner);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Named(index) => match api.types.get(*index) {
            Some(def) => {
                let name = ident(&def.rust);
                quote!(#name)
            }
            // invariant: `check` resolved every index; an unknown one cannot reach here.
            None => quote!(()),
        },
    }
}
