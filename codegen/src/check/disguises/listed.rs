//! The other variants: each a build with its own name, the endpoints it lists, and, with its
//! own `auto_disguise`, derived disguises for the rest.

use std::collections::HashMap;

use super::derive::{check_auto, derive};
use super::{Resolved, variant_rust_name};
use crate::check::endpoints::{CheckedEndpoint, check_route, decoys};
use crate::check::first_seen::FirstSeen;
use crate::check::{Checker, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::{Disguise, Variant};
use crate::spec::{EndpointSpec, VariantEndpointSpec, VariantSpec};

/// A variant of the spec, with what it is checked against.
pub(super) struct Listed<'a> {
    pub(super) spec: &'a VariantSpec,
    /// Every endpoint of the spec by real name: what the variant may list.
    pub(super) real_names: &'a HashMap<&'a str, &'a EndpointSpec>,
}

impl Listed<'_> {
    /// The variant and each endpoint's disguise in it, or `None` when the variant itself is
    /// in error (reported): a repeated or empty name, or one that is no Rust name.
    pub(super) fn resolve(
        &self,
        cx: &mut Checker,
        builds: &[Variant],
        rust_names: &mut HashMap<String, Loc>,
        endpoints: &[&CheckedEndpoint<'_>],
    ) -> Option<(Variant, Vec<Option<Resolved>>)> {
        let variant = self.spec;
        let name = &variant.name.value;
        if builds.iter().any(|v| &v.name == name) {
            cx.diags.push(
                Diagnostic::new(loc(&variant.name), format!("variant `{name}` is declared twice"))
                    .help("every app build needs its own name (the base one is `api.variant`, or `api.name`)"),
            );
            return None;
        }
        if name.trim().is_empty() {
            cx.diags
                .error(loc(&variant.name), "a variant's name is empty");
            return None;
        }
        if let Some(auto) = &variant.auto_disguise {
            check_auto(cx, auto);
        }
        let rust = variant_rust_name(cx, &variant.name, rust_names)?;
        let listing = self.listing(cx);
        let resolved = endpoints
            .iter()
            .map(|endpoint| self.disguise(cx, endpoint, listing.get(endpoint.real_name())))
            .collect();
        let variant = Variant {
            name: name.clone(),
            rust,
            description: variant.description.clone(),
            // Filled in once sessions are resolved (`check::session`).
            session: None,
        };
        Some((variant, resolved))
    }

    /// The endpoints the variant lists, by real name: each must be an endpoint's, once.
    fn listing(&self, cx: &mut Checker) -> HashMap<&str, &VariantEndpointSpec> {
        let name = &self.spec.name.value;
        let mut listed = FirstSeen::new("listed");
        let mut listing = HashMap::new();
        for entry in &self.spec.endpoints {
            let real = &entry.value.real;
            if !self.real_names.contains_key(real.value.as_str()) {
                cx.diags.push(
                    Diagnostic::new(
                        loc(real),
                        format!(
                            "variant `{name}` names `{}`, which is no endpoint's real name",
                            real.value
                        ),
                    )
                    .help("list endpoints by their `real:` name"),
                );
            } else if listed.claim(&mut cx.diags, real.value.as_str(), loc(real), || {
                format!("variant `{name}` lists `{}` twice", real.value)
            }) {
                listing.insert(real.value.as_str(), &entry.value);
            }
        }
        listing
    }

    /// One endpoint's disguise in this variant: as listed, or derived.
    fn disguise(
        &self,
        cx: &mut Checker,
        endpoint: &CheckedEndpoint<'_>,
        entry: Option<&&VariantEndpointSpec>,
    ) -> Option<Resolved> {
        let name = &self.spec.name.value;
        match (entry, &self.spec.auto_disguise) {
            (Some(entry), _) => {
                check_route(cx, &entry.path, "public path");
                let request = &endpoint.spec.request;
                let disguise = Disguise {
                    variant: name.clone(),
                    public_path: entry.path.value.clone(),
                    decoys: decoys(cx, &entry.decoys, request, endpoint.encoding),
                };
                Some(Resolved {
                    disguise,
                    at: loc(&entry.path),
                    derived: false,
                })
            }
            (None, Some(auto)) => {
                let fields = endpoint.field_names();
                Some(Resolved {
                    disguise: derive(&auto.value, name, endpoint.real_name(), true, &fields),
                    at: loc(&auto.value.salt),
                    derived: true,
                })
            }
            (None, None) => {
                cx.diags.push(
                    Diagnostic::new(
                        loc(&self.spec.name),
                        format!("variant `{name}` gives no public path for `{}`", endpoint.real_name()),
                    )
                    .help("list it under the variant's `endpoints:`, or set `auto_disguise` to derive it"),
                );
                None
            }
        }
    }
}
