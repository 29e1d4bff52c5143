//! Emitters: IR in, Rust tokens out. Each part of the generated API has its own module and sees
//! only the IR; generated code reaches runtime items only through `::veil::__private`.

pub(crate) mod client;
pub mod code;
mod docs;
mod models;
pub(crate) mod openapi;
mod server;
mod validate;

use self::code::{Code, code};

use crate::ir::{Api, Encoding, TypeRef};

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
pub fn emit(api: &Api, parts: &[Part]) -> Code {
    let mut out = emit_part(api, Part::Models);
    for part in parts.iter().filter(|part| **part != Part::Models) {
        out.push_code(&emit_part(api, *part));
    }
    out
}

/// Expands one part alone (for snapshots and tools; a crate needs the models with any part).
pub fn emit_part(api: &Api, part: Part) -> Code {
    match part {
        Part::Models => models::emit(api),
        Part::Server => server::emit(api),
        Part::Client => client::emit(api),
        Part::OpenApi => openapi::emit(api),
    }
}

/// An encoding as the runtime's `meta::Encoding`.
pub(crate) fn encoding_variant(encoding: Encoding) -> Code {
    match encoding {
        Encoding::Json => code!(::veil::__private::meta::Encoding::Json),
        Encoding::Form => code!(::veil::__private::meta::Encoding::Form),
        Encoding::Multipart => code!(::veil::__private::meta::Encoding::Multipart),
    }
}

/// The Rust type of a type reference, with absolute paths.
pub(crate) fn rust_type(api: &Api, ty: &TypeRef) -> Code {
    match ty {
        TypeRef::String => code!(::std::string::String),
        TypeRef::Integer => code!(i64),
        TypeRef::Number => code!(f64),
        TypeRef::Boolean => code!(bool),
        TypeRef::File => code!(::veil::FilePart),
        TypeRef::List(inner) => {
            let inner = rust_type(api, inner);
            code!(::std::vec::Vec<#inner>)
        }
        TypeRef::Named(index) => match api.types.get(*index) {
            Some(def) => {
                let name = Code::ident(&def.rust);
                code!(#name)
            }
            // invariant: `check` resolved every index; an unknown one cannot reach here.
            None => code!(()),
        },
    }
}
