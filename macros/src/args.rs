//! The macro's arguments: the spec path literal, then optionally the parts to generate.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token};
use veil_codegen::Part;

/// `"path/to/spec.yaml"` or `"path/to/spec.yaml", models, ...`.
pub(crate) struct Args {
    /// The spec path as written.
    pub(crate) spec: LitStr,
    /// The parts asked for; the default parts (models, server, client) when none is named.
    pub(crate) parts: Vec<Part>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input
                .error("expected the spec path, as in `veil::generate!(\"../spec/app.yaml\")`"));
        }
        let spec: LitStr = input.parse()?;
        let mut parts = Vec::new();
        if input.parse::<Option<Token![,]>>()?.is_some() {
            let names = Punctuated::<Ident, Token![,]>::parse_terminated(input)?;
            for name in names {
                match Part::from_name(&name.to_string()) {
                    Some(part) if parts.contains(&part) => {
                        return Err(syn::Error::new(
                            name.span(),
                            format!("`{name}` is named twice"),
                        ));
                    }
                    Some(part) => parts.push(part),
                    None => {
                        let known: Vec<&str> = Part::ALL.iter().map(|p| p.name()).collect();
                        return Err(syn::Error::new(
                            name.span(),
                            format!("unknown part `{name}`; the parts are {}", known.join(", ")),
                        ));
                    }
                }
            }
        }
        if parts.is_empty() {
            parts = Part::DEFAULT.to_vec();
        }
        Ok(Args { spec, parts })
    }
}
