//! Disguises across app builds, resolved before any endpoint of the IR is built: for every
//! build in order (the base first) and every checked endpoint, its public path and decoys,
//! given, listed or derived.
//!
//! - `base.rs`: the base build: each endpoint's own `path` and `decoys`, or derived ones;
//! - `listed.rs`: the other variants: the endpoints they list, or derived ones;
//! - `derive.rs`: the derivation from a salt, fixed by the spec format;
//! - `paths.rs`: the rules every public path obeys across all builds.

mod base;
mod derive;
mod listed;
mod paths;

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::endpoints::CheckedEndpoint;
use super::names::Case;
use super::{Checker, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::{Disguise, RustName, Variant};
use crate::spec::{EndpointSpec, Spec};

/// One endpoint's disguise in one build, with the place its path came from.
pub(super) struct Resolved {
    disguise: Disguise,
    /// Where the path was given, or the salt it was derived from.
    at: Loc,
    derived: bool,
}

/// The builds of the API and every endpoint's disguise in each.
pub(super) struct Builds {
    /// The builds, the base first.
    variants: Vec<Variant>,
    /// For each build, in order, each endpoint's disguise, in endpoint order; `None` where an
    /// error was reported instead.
    by_build: Vec<Vec<Option<Resolved>>>,
}

impl Builds {
    /// The wire names of the decoys of the endpoint at `endpoint` (in checked order) in the
    /// build named `build`; none where its disguise was not resolved.
    pub(super) fn decoys(&self, build: &str, endpoint: usize) -> impl Iterator<Item = &str> {
        self.variants
            .iter()
            .position(|v| v.name == build)
            .and_then(|index| self.by_build.get(index)?.get(endpoint)?.as_ref())
            .into_iter()
            .flat_map(|resolved| resolved.disguise.decoys.iter().map(|d| d.wire.as_str()))
    }

    /// The builds, and each endpoint's disguises, one per build in order, endpoint by
    /// endpoint: `None` for an endpoint that lacks one (an error reported before).
    pub(super) fn into_parts(self) -> (Vec<Variant>, impl Iterator<Item = Option<Vec<Disguise>>>) {
        let mut builds: Vec<_> = self.by_build.into_iter().map(Vec::into_iter).collect();
        let endpoints = builds.first().map_or(0, |b| b.len());
        let disguises = (0..endpoints).map(move |_| {
            builds
                .iter_mut()
                .map(|build| Some(build.next()??.disguise))
                .collect()
        });
        (self.variants, disguises)
    }
}

/// Resolves the disguise of every endpoint in every build, and checks the builds.
pub(super) fn resolve(
    cx: &mut Checker,
    spec: &Spec,
    base: &str,
    endpoints: &[&CheckedEndpoint<'_>],
) -> Builds {
    // Every endpoint of the spec, checked or not, by real name: what variants may list, and
    // what no public path may be.
    let real_names: HashMap<&str, &EndpointSpec> = spec
        .services
        .iter()
        .flat_map(|s| &s.value.endpoints)
        .map(|e| (e.value.real.value.as_str(), &e.value))
        .collect();
    let mut rust_names = HashMap::new();
    let mut variants = Vec::new();
    let mut paths = paths::Paths::new(!spec.variants.is_empty());
    let api = &spec.api.value;
    // A blank `api.name` is reported with the top level; a blank `api.variant` here.
    if let Some(node) = &api.variant
        && node.value.trim().is_empty()
    {
        cx.diags.error(loc(node), "`api.variant` is empty");
    }
    let base_node = api.variant.as_ref().unwrap_or(&api.name);
    if let Some(rust) = variant_rust_name(cx, base_node, &mut rust_names) {
        variants.push(Variant {
            name: base.to_owned(),
            rust,
            description: None,
            session: None,
        });
    }
    let base_build = base::resolve(cx, api, base, endpoints);
    paths.claim_build(cx, base, endpoints, &base_build);
    let mut by_build = vec![base_build];
    for node in &spec.variants {
        let listed = listed::Listed {
            spec: &node.value,
            real_names: &real_names,
        };
        let Some((variant, build)) = listed.resolve(cx, &variants, &mut rust_names, endpoints)
        else {
            continue;
        };
        paths.claim_build(cx, &variant.name, endpoints, &build);
        variants.push(variant);
        by_build.push(build);
    }
    paths.check_real_names(cx, &real_names);
    Builds { variants, by_build }
}

/// A variant's name as a variant of the generated `Variant` enum; two names that become one
/// are an error.
fn variant_rust_name(
    cx: &mut Checker,
    name: &Spanned<String>,
    seen: &mut HashMap<String, Loc>,
) -> Option<RustName> {
    // An empty name is reported where it is declared (`api.name`, a variant's `name`).
    if name.value.trim().is_empty() {
        return None;
    }
    let rust = cx.rust_name(name, None, Case::UpperCamel, false)?;
    if let Some(first) = seen.get(&rust.text) {
        cx.diags.push(
            Diagnostic::new(
                loc(name),
                format!(
                    "variant `{}` becomes the Rust name `{}` of another variant",
                    name.value,
                    rust.source()
                ),
            )
            .note(*first, "the other variant is named here")
            .help("give the variants names that differ by more than case or punctuation"),
        );
        return None;
    }
    seen.insert(rust.text.clone(), loc(name));
    Some(rust)
}
