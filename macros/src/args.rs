//! The macro's arguments: the spec path literal, then optionally the parts to generate and
//! `variant = "name"`.

use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};
use veil_codegen::Part;

/// `"path/to/spec.yaml"`, then any of `models`, `server`, `client`, `openapi`, and
/// `variant = "name"`, comma-separated.
pub(crate) struct Args {
    /// The spec path as written.
    pub(crate) spec: LitStr,
    /// The parts asked for; the default parts (models, server, client) when none is named.
    pub(crate) parts: Vec<Part>,
    /// The one app build to generate, when the crate must carry no other build's disguise.
    pub(crate) variant: Option<LitStr>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input
                .error("expected the spec path, as in `veil::generate!(\"../spec/app.yaml\")`"));
        }
        let spec: LitStr = input.parse()?;
        let mut parts = Vec::new();
        let mut variant: Option<LitStr> = None;
        while input.parse::<Option<Token![,]>>()?.is_some() {
            if input.is_empty() {
                break;
            }
            let name: Ident = input.parse()?;
            if name == "variant" {
                input.parse::<Token![=]>()?;
                let value: LitStr = input.parse()?;
                if variant.replace(value).is_some() {
                    return Err(syn::Error::new(name.span(), "`variant` is given twice"));
                }
                continue;
            }
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
                        format!(
                            "unknown part `{name}`; the parts are {}, and `variant = \"name\"` picks one build",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        if !input.is_empty() {
            return Err(input.error("expected `,` between the macro's arguments"));
        }
        if parts.is_empty() {
            parts = Part::DEFAULT.to_vec();
        }
        Ok(Args {
            spec,
            parts,
            variant,
        })
    }
}
