//! Emitters: IR in, Rust source text out. Each part of the generated API has its own module
//! and sees only the IR (`crate::ir`, and the names of `crate::vocab`); generated code reaches
//! runtime items only through `::veil::__private`. Templates are written with `code!`
//! (`code.rs`); spec text becomes doc attributes through `docs.rs`. An IR that breaks one of
//! `check`'s guarantees is an [`ir::Bug`](crate::ir::Bug), reported, never written around.

pub(crate) mod client;
pub mod code;
mod docs;
mod models;
pub(crate) mod openapi;
mod serde_use;
mod server;
mod validate;

use self::code::{Code, code};

use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::ir::{Api, Bug, Encoding, TypeRef};

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

/// What an emitter returns: code, or the broken invariant that kept it from writing any.
pub(crate) type Emitted = Result<Code, Bug>;

/// Expands the asked-for parts of `api`. Parts depend on the models, which are always emitted.
/// The models derive only the serde traits the other asked-for parts call (`serde_use.rs`).
pub fn emit(api: &Api, parts: &[Part]) -> Result<Code, Diagnostics> {
    let mut out = models::emit(api, parts).map_err(reported_bug)?;
    for part in parts.iter().filter(|part| **part != Part::Models) {
        out.push_code(&emit_part(api, *part)?);
    }
    Ok(out)
}

/// Expands one part alone (for snapshots and tools; a crate needs the models with any part).
/// The models alone derive both serde traits on every type.
pub fn emit_part(api: &Api, part: Part) -> Result<Code, Diagnostics> {
    let emitted = match part {
        Part::Models => models::emit(api, &[Part::Models]),
        Part::Server => server::emit(api),
        Part::Client => client::emit(api),
        Part::OpenApi => openapi::emit(api),
    };
    emitted.map_err(reported_bug)
}

/// An IR that breaks check's guarantees, as the diagnostic a user can report.
pub(crate) fn reported_bug(bug: Bug) -> Diagnostics {
    Diagnostic::new(
        Loc::FILE,
        format!("internal error in veil's emitter: {bug}; please report it"),
    )
    .into()
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
pub(crate) fn rust_type(api: &Api, ty: &TypeRef) -> Emitted {
    Ok(match ty {
        TypeRef::String => code!(::std::string::String),
        TypeRef::Integer => code!(i64),
        TypeRef::Number => code!(f64),
        TypeRef::Boolean => code!(bool),
        TypeRef::File => code!(::veil::FilePart),
        TypeRef::List(inner) => {
            let inner = rust_type(api, inner)?;
            code!(::std::vec::Vec<#inner>)
        }
        TypeRef::Named(index) => Code::ident(&api.type_def(*index)?.rust),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crapido() -> Api {
        crate::compile(include_str!("../../../spec/crapido.yaml")).expect("crapido compiles")
    }

    /// The one error of an emission that must fail.
    fn internal_error(api: &Api, part: Part) -> String {
        match emit_part(api, part) {
            Ok(_) => panic!("{part:?} emitted code from a broken IR"),
            Err(diags) => {
                assert_eq!(diags.errors.len(), 1);
                diags.errors[0].message.clone()
            }
        }
    }

    #[test]
    fn a_broken_ir_is_a_reported_bug_never_wrong_code() {
        let mut api = crapido();
        api.services[0].endpoints[0].disguises.pop();
        // The models document the base build only; the last build is the one missing.
        for part in [Part::Client, Part::OpenApi] {
            let message = internal_error(&api, part);
            assert!(
                message.contains("disguises, not one per build"),
                "{message}"
            );
            assert!(message.ends_with("please report it"), "{message}");
        }
        let lanaya = api.clone().only_variant("lanaya").map(|_| ());
        assert!(lanaya.is_err_and(|message| message.contains("not one per build")));

        let mut api = crapido();
        let dangling = TypeRef::Named(api.types.len());
        api.services[0].endpoints[0].response = Some(dangling);
        for part in [Part::Server, Part::Client, Part::OpenApi] {
            let message = internal_error(&api, part);
            assert!(message.contains("a type reference to type"), "{message}");
        }

        let mut api = crapido();
        api.services[0].endpoints[0].success.clear();
        let message = internal_error(&api, Part::Server);
        assert!(message.contains("without success codes"), "{message}");

        let mut api = crapido();
        let constrained = api
            .services
            .iter_mut()
            .flat_map(|s| &mut s.endpoints)
            .flat_map(|e| &mut e.request.fields)
            .find(|f| f.constraints.choice.is_some())
            .expect("crapido has a field with a choice");
        constrained.constraints.choice = Some(usize::MAX);
        for part in [Part::Models, Part::OpenApi] {
            let message = internal_error(&api, part);
            assert!(message.contains("option list"), "{message}");
        }
    }
}
