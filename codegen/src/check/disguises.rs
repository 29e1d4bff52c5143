//! Disguises across app builds: the base variant's derived paths, the other variants, and the
//! rules every public path obeys across all of them.
//!
//! One router serves every variant at once, so a public path must be unique across all
//! variants and endpoints (it tells the server which variant a request came in through), and
//! must never be a real name.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::endpoints::{check_route, decoys};
use super::names::Case;
use super::{Checker, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::{Decoy, DecoyValue, Disguise, RustName, Service, Variant};
use crate::spec::{AutoDisguiseSpec, EndpointSpec, Spec};

/// How many decoys a derived disguise has unless the spec says.
const DEFAULT_AUTO_DECOYS: u64 = 2;
/// The most decoys a derived disguise may ask for.
const MAX_AUTO_DECOYS: u64 = 16;

/// Completes the disguises of every endpoint, one per variant in order (the base first), and
/// returns the variants.
pub(super) fn check_disguises(
    cx: &mut Checker,
    spec: &Spec,
    services: &mut [Service],
    base: &str,
) -> Vec<Variant> {
    let endpoints: HashMap<&str, &EndpointSpec> = spec
        .services
        .iter()
        .flat_map(|s| &s.value.endpoints)
        .map(|e| (e.value.real.value.as_str(), &e.value))
        .collect();
    let base_node = spec
        .api
        .value
        .variant
        .as_ref()
        .unwrap_or(&spec.api.value.name);
    let mut rust_names: HashMap<String, Loc> = HashMap::new();
    let mut variants = Vec::new();
    // A blank `api.name` is reported with the top level; a blank `api.variant` here.
    if let Some(node) = &spec.api.value.variant
        && node.value.trim().is_empty()
    {
        cx.diags.error(loc(node), "`api.variant` is empty");
    }
    if let Some(rust) = variant_rust_name(cx, base_node, &mut rust_names) {
        variants.push(Variant {
            name: base.to_owned(),
            rust,
            description: None,
        });
    }
    // Every public path in use, with its place and whose it is.
    let mut paths = Paths {
        seen: HashMap::new(),
        several_variants: !spec.variants.is_empty(),
    };

    // The base variant: explicit paths, or derived ones.
    let base_auto = spec.api.value.auto_disguise.as_ref();
    if let Some(auto) = base_auto {
        check_auto(cx, auto);
    }
    for endpoint in services.iter_mut().flat_map(|s| &mut s.endpoints) {
        let Some(spec_endpoint) = endpoints.get(endpoint.real_name.as_str()) else {
            continue;
        };
        let Some(disguise) = endpoint.disguises.first_mut() else {
            continue;
        };
        match (&spec_endpoint.path, base_auto) {
            (Some(path), _) => claim(
                cx,
                &mut paths,
                &path.value,
                loc(path),
                base,
                &endpoint.real_name,
                false,
            ),
            (None, Some(auto)) => {
                let fields = field_names(spec_endpoint);
                let derived = derive(
                    &auto.value,
                    base,
                    &endpoint.real_name,
                    spec_endpoint.decoys.is_empty(),
                    &fields,
                );
                claim(
                    cx,
                    &mut paths,
                    &derived.public_path,
                    loc(&auto.value.salt),
                    base,
                    &endpoint.real_name,
                    true,
                );
                disguise.public_path = derived.public_path;
                if spec_endpoint.decoys.is_empty() {
                    disguise.decoys = derived.decoys;
                }
            }
            (None, None) => cx.diags.push(
                Diagnostic::new(
                    loc(&spec_endpoint.real),
                    format!("endpoint `{}` has no `path`", endpoint.real_name),
                )
                .help(
                    "give its public path with `path:`, or set `api.auto_disguise` to derive one",
                ),
            ),
        }
    }

    // The other variants.
    for node in &spec.variants {
        let variant = &node.value;
        let name = &variant.name.value;
        if variants.iter().any(|v| &v.name == name) {
            cx.diags.push(
                Diagnostic::new(loc(&variant.name), format!("variant `{name}` is declared twice"))
                    .help("every app build needs its own name (the base one is `api.variant`, or `api.name`)"),
            );
            continue;
        }
        if name.trim().is_empty() {
            cx.diags
                .error(loc(&variant.name), "a variant's name is empty");
            continue;
        }
        if let Some(auto) = &variant.auto_disguise {
            check_auto(cx, auto);
        }
        let Some(rust) = variant_rust_name(cx, &variant.name, &mut rust_names) else {
            continue;
        };
        let mut listed: HashMap<&str, Loc> = HashMap::new();
        for entry in &variant.endpoints {
            let real = &entry.value.real;
            if !endpoints.contains_key(real.value.as_str()) {
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
            } else if let Some(first) = listed.insert(&real.value, loc(real)) {
                cx.diags.push(
                    Diagnostic::new(
                        loc(real),
                        format!("variant `{name}` lists `{}` twice", real.value),
                    )
                    .note(first, "first listed here"),
                );
            }
        }
        for endpoint in services.iter_mut().flat_map(|s| &mut s.endpoints) {
            let entry = variant
                .endpoints
                .iter()
                .find(|e| e.value.real.value == endpoint.real_name);
            let disguise = match (entry, &variant.auto_disguise) {
                (Some(entry), _) => {
                    let entry = &entry.value;
                    check_route(cx, &entry.path, "public path");
                    claim(
                        cx,
                        &mut paths,
                        &entry.path.value,
                        loc(&entry.path),
                        name,
                        &endpoint.real_name,
                        false,
                    );
                    let request = endpoints
                        .get(endpoint.real_name.as_str())
                        .map_or(&[][..], |e| &e.request[..]);
                    Disguise {
                        variant: name.clone(),
                        public_path: entry.path.value.clone(),
                        decoys: {
                            if endpoint.encoding == crate::ir::Encoding::Multipart {
                                for decoy in &entry.decoys {
                                    super::types::check_part_name(cx, &decoy.value.name);
                                }
                            }
                            decoys(cx, &entry.decoys, request)
                        },
                    }
                }
                (None, Some(auto)) => {
                    let fields = endpoints
                        .get(endpoint.real_name.as_str())
                        .map(|e| field_names(e))
                        .unwrap_or_default();
                    let derived = derive(&auto.value, name, &endpoint.real_name, true, &fields);
                    claim(
                        cx,
                        &mut paths,
                        &derived.public_path,
                        loc(&auto.value.salt),
                        name,
                        &endpoint.real_name,
                        true,
                    );
                    derived
                }
                (None, None) => {
                    cx.diags.push(
                        Diagnostic::new(
                            loc(&variant.name),
                            format!("variant `{name}` gives no public path for `{}`", endpoint.real_name),
                        )
                        .help("list it under the variant's `endpoints:`, or set `auto_disguise` to derive it"),
                    );
                    continue;
                }
            };
            endpoint.disguises.push(disguise);
        }
        variants.push(Variant {
            name: name.clone(),
            rust,
            description: variant.description.clone(),
        });
    }

    // No public path may give a real name away.
    for (path, (at, owner, _)) in &paths.seen {
        if let Some(real) = endpoints.get(path.as_str()) {
            let whose = if paths.several_variants {
                format!(" of {owner}")
            } else {
                String::new()
            };
            cx.diags.push(
                Diagnostic::new(*at, format!("public path `{path}`{whose} is a real name: it would show the backend's route on the wire"))
                    .note(loc(&real.real), "the real name is declared here")
                    .help("choose an obfuscated public path"),
            );
        }
    }
    variants
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
    if let Some(first) = seen.insert(rust.text.clone(), loc(name)) {
        cx.diags.push(
            Diagnostic::new(
                loc(name),
                format!(
                    "variant `{}` becomes the Rust name `{}` of another variant",
                    name.value,
                    rust.source()
                ),
            )
            .note(first, "the other variant is named here")
            .help("give the variants names that differ by more than case or punctuation"),
        );
        return None;
    }
    Some(rust)
}

/// The public paths in use, with their places and owners.
struct Paths {
    /// Each path's place, owner, and whether it was derived (its place is then the salt).
    seen: HashMap<String, (Loc, String, bool)>,
    /// With one variant, messages need not say which.
    several_variants: bool,
}

/// Records a public path; two of one path is an error, whoever they belong to.
fn claim(
    cx: &mut Checker,
    paths: &mut Paths,
    path: &str,
    at: Loc,
    variant: &str,
    real: &str,
    derived: bool,
) {
    let owner = format!("`{real}` in variant `{variant}`");
    if let Some((first, first_owner, first_derived)) = paths.seen.get(path) {
        let (message, help) = if paths.several_variants {
            (
                format!(
                    "public path `{path}` of {owner} is already the public path of {first_owner}"
                ),
                "every endpoint needs its own public path in every variant: one router serves them all",
            )
        } else {
            (
                format!("public path `{path}` is used by two endpoints"),
                "every endpoint needs its own public path",
            )
        };
        let note = if *first_derived {
            format!("first derived for {first_owner} from this salt")
        } else {
            "first used here".to_owned()
        };
        cx.diags
            .push(Diagnostic::new(at, message).note(*first, note).help(help));
    } else {
        paths.seen.insert(path.to_owned(), (at, owner, derived));
    }
}

fn check_auto(cx: &mut Checker, auto: &Spanned<AutoDisguiseSpec>) {
    let auto = &auto.value;
    if auto.salt.value.is_empty() {
        cx.diags.error(
            loc(&auto.salt),
            "the salt is empty: every spec would derive the same disguises",
        );
    }
    if let Some(prefix) = &auto.prefix {
        if prefix.value == "/" {
            cx.diags.push(
                Diagnostic::new(
                    loc(prefix),
                    "a prefix of `/` would derive paths starting with `//`",
                )
                .help("leave `prefix` out for paths right under `/`"),
            );
        } else {
            check_route(cx, prefix, "prefix");
        }
    }
    if let Some(count) = &auto.decoys
        && count.value > MAX_AUTO_DECOYS
    {
        cx.diags.error(
            loc(count),
            format!(
                "at most {MAX_AUTO_DECOYS} derived decoys, not {}",
                count.value
            ),
        );
    }
}

/// The disguise derived for `real` in `variant`: a path under the prefix and, when asked,
/// decoys. It depends only on the salt, the variant and the real name, so adding an endpoint
/// changes no other endpoint's disguise. The derivation is part of the spec format: changing
/// it would change every derived disguise, so it is fixed (FNV-1a and splitmix64, below).
pub(crate) fn derive(
    auto: &AutoDisguiseSpec,
    variant: &str,
    real: &str,
    with_decoys: bool,
    fields: &[&str],
) -> Disguise {
    let mut rng = SplitMix(fnv1a(&[
        auto.salt.value.as_bytes(),
        variant.as_bytes(),
        real.as_bytes(),
    ]));
    const LOWER: &[u8] = b"abcdefghijkmnpqrstuvwxyz";
    const MIXED: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    const ALNUM: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    let token = format!("{}-{}", rng.text(LOWER, 4), rng.text(LOWER, 3));
    let prefix = auto.prefix.as_ref().map_or("", |p| p.value.as_str());
    let mut decoys = Vec::new();
    if with_decoys {
        let count = auto
            .decoys
            .as_ref()
            .map_or(DEFAULT_AUTO_DECOYS, |c| c.value.min(MAX_AUTO_DECOYS));
        while (decoys.len() as u64) < count {
            let length = 4 + rng.below(3);
            let wire = rng.text(MIXED, length);
            // Names are drawn until they differ from each other and from the request's
            // fields (the draw goes on from the same generator, so it stays deterministic).
            if decoys.iter().any(|d: &Decoy| d.wire == wire) || fields.contains(&wire.as_str()) {
                continue;
            }
            let value_length = 1 + rng.below(6);
            decoys.push(Decoy {
                wire,
                value: DecoyValue::Fixed(rng.text(ALNUM, value_length)),
            });
        }
    }
    Disguise {
        variant: variant.to_owned(),
        public_path: format!("{prefix}/{token}"),
        decoys,
    }
}

/// The wire names of an endpoint's request fields.
fn field_names(endpoint: &EndpointSpec) -> Vec<&str> {
    endpoint
        .request
        .iter()
        .map(|f| f.value.name.value.as_str())
        .collect()
}

/// FNV-1a over the parts, each followed by a 0 byte so that `ab`+`c` differs from `a`+`bc`.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.iter().chain(&[0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// splitmix64: a small generator with a fixed, documented output for a seed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `bound` (`bound` > 0; the slight modulo bias does not matter here).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn text(&mut self, alphabet: &[u8], length: usize) -> String {
        (0..length)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }
}
