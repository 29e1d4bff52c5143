//! Checking: every semantic rule of the spec format, all errors collected in one pass; the IR is
//! built once at the end, and only when no error was found. A spec that passes here expands to
//! code that compiles.
//!
//! The rules live beside the part of the spec they govern:
//! - `types`: named types, fields, type references, and the value kind of every field;
//! - `constraints`: option lists, field constraints and rules across fields;
//! - `endpoints`: services, each endpoint's own rules (`endpoint`, the place for a new
//!   per-endpoint rule), its route and its decoys, and the building of `ir::Endpoint`s;
//! - `disguises`: every build's disguise of every endpoint (the base build, listed variants,
//!   derived disguises, and the claims of public paths across all builds), resolved before any
//!   endpoint is built;
//! - `server`: the `server:` block; `session`: the `session:` blocks, top level and per build;
//! - `names`: how spec names become Rust names; `enums`: the spec's enums mapped to the IR's;
//!   `first_seen`: the "declared twice / first declared here" bookkeeping every namespace uses.
//!
//! This module checks the top level and the global item namespace, against the names veil
//! generates or reserves (`crate::vocab`).

pub(crate) mod constraints;
pub(crate) mod disguises;
mod endpoints;
mod enums;
mod first_seen;
pub(crate) mod names;
mod server;
mod session;
mod types;

use std::collections::{HashMap, HashSet};

use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::ir::{Api, Envelope, RustName, ValueKind};
use crate::spec::Spec;
use crate::vocab;
use first_seen::FirstSeen;

/// The only spec format version this veil reads.
pub const FORMAT_VERSION: u64 = 1;

/// The place of a spanned node: where its value starts.
pub(crate) fn loc<T>(node: &Spanned<T>) -> Loc {
    Loc::from_saphyr(&node.referenced)
}

/// Checks a loaded spec and builds its IR, or returns every error found.
pub fn check(spec: &Spec) -> Result<Api, Diagnostics> {
    let mut cx = Checker::default();
    if spec.veil.value != FORMAT_VERSION {
        cx.diags.push(
            Diagnostic::new(
                loc(&spec.veil),
                format!(
                    "unsupported spec format version {}; this veil reads version {FORMAT_VERSION}",
                    spec.veil.value
                ),
            )
            .help(format!("write `veil: {FORMAT_VERSION}`")),
        );
    }
    let api = &spec.api.value;
    if api.name.value.trim().is_empty() {
        cx.diags.error(loc(&api.name), "the API name is empty");
    }
    let envelope = cx.envelope(&spec.envelope);
    // Items veil generates once per API, whatever the spec declares.
    for (name, what) in vocab::API_ITEMS {
        cx.reserve(name, what);
    }
    let option_lists = constraints::option_lists(&mut cx, &spec.options);
    let types = types::check_types(&mut cx, &spec.types);
    let base = api
        .variant
        .as_ref()
        .map_or_else(|| api.name.value.clone(), |v| v.value.clone());
    // Resolve, then build: every endpoint's own rules, then its disguise in every build, and
    // only then, with no error anywhere, each IR value, once and complete.
    let services = endpoints::check_services(&mut cx, &spec.services, &envelope);
    let checked: Vec<_> = services.iter().flat_map(|s| &s.endpoints).collect();
    let builds = disguises::resolve(&mut cx, spec, &base, &checked);
    let sessions = session::resolve(&mut cx, spec, &base, &builds, &checked);
    let server = server::check_server(&mut cx, spec.server.as_ref(), &checked);
    let diags = cx.diags.finish();
    if !diags.is_empty() {
        return Err(diags);
    }
    let (variants, mut disguises) = builds.into_parts();
    let variants = variants.into_iter().map(|v| sessions.attach(v)).collect();
    let services = endpoints::build(services, &mut disguises, &sessions);
    let (Some(types), Some(services)) = (types, services) else {
        return Err(internal(Loc::FILE, "a checked spec left a gap in its IR").into());
    };
    Ok(Api {
        name: api.name.value.clone(),
        title: api.title.clone(),
        description: api.description.clone(),
        envelope,
        types,
        option_lists,
        services,
        variants,
        server,
    })
}

/// A state the checker's own logic rules out, reported as the bug in veil it would be rather
/// than turned into wrong output.
pub(crate) fn internal(at: Loc, what: &str) -> Diagnostic {
    Diagnostic::new(
        at,
        format!("internal error in veil's checker: {what}; please report it"),
    )
}

/// State shared by the rules while one spec is checked.
#[derive(Default)]
pub(crate) struct Checker {
    /// Every error found so far.
    pub(crate) diags: Diagnostics,
    /// Item names generated at the top level of the invoking module, with the place that asked
    /// for each: named types, request types, traits, clients, routers. Two of a name is an error.
    items: HashMap<String, (Loc, String)>,
    /// Named types by spec name: index in the IR's type list and place of declaration.
    pub(crate) type_index: HashMap<String, (usize, Loc)>,
    /// What each named type's value is, by index, declared before any field is checked so
    /// that a field may refer to a type declared after it; `None` for a type without a kind
    /// key (an error reported with the type).
    pub(crate) named_kinds: Vec<Option<ValueKind>>,
    /// Option lists by name: index in the IR's list and place of declaration.
    pub(crate) option_index: HashMap<String, (usize, Loc)>,
    /// Anchored patterns already compiled without error. Specs repeat a pattern across fields
    /// (every mobile, every code), and compiling one is most of what checking a field costs.
    pub(crate) valid_patterns: HashSet<String>,
}

impl Checker {
    /// Claims a top-level item name for `what` declared at `at`; reports a clash and returns
    /// false.
    pub(crate) fn claim_item(&mut self, name: &RustName, at: Loc, what: String) -> bool {
        if let Some((first, first_what)) = self.items.get(&name.text) {
            let mut diagnostic = Diagnostic::new(
                at,
                format!(
                    "{what} would generate the Rust item `{}`, which {first_what} already generates",
                    name.source()
                ),
            );
            // Items veil reserves have no place in the spec to point at.
            if *first != Loc::FILE {
                diagnostic = diagnostic.note(*first, format!("{first_what} is declared here"));
            }
            let diagnostic = diagnostic
                .help("rename one of them (types, fields and endpoints also take a `rust:` name)");
            self.diags.push(diagnostic);
            false
        } else {
            self.items.insert(name.text.clone(), (at, what));
            true
        }
    }

    /// Reserves a name veil generates once per API.
    fn reserve(&mut self, text: &str, what: &str) {
        let name = RustName {
            text: text.to_owned(),
            raw: false,
        };
        self.items.insert(name.text, (Loc::FILE, what.to_owned()));
    }

    /// The Rust name of a spec node: its explicit `rust:` name, or one derived from its spec
    /// name. On failure the error is recorded, with a hint to use `rust:` where the node has
    /// that key (`takes_rust`).
    pub(crate) fn rust_name(
        &mut self,
        derived_from: &Spanned<String>,
        explicit: Option<&Spanned<String>>,
        case: names::Case,
        takes_rust: bool,
    ) -> Option<RustName> {
        let (result, at) = match explicit {
            Some(rust) => (names::explicit(&rust.value, case), loc(rust)),
            None => (names::derive(&derived_from.value, case), loc(derived_from)),
        };
        match result {
            Ok(name) => Some(name),
            Err(message) => {
                let help = if explicit.is_none() && takes_rust {
                    format!("give a Rust name with `rust:` ({})", case.describe())
                } else if explicit.is_none() {
                    "rename it: a Rust name needs at least one letter or digit".to_owned()
                } else {
                    format!("a `rust:` name is a Rust identifier in {}", case.describe())
                };
                self.diags.push(Diagnostic::new(at, message).help(help));
                None
            }
        }
    }

    fn envelope(&mut self, spec: &Spanned<crate::spec::EnvelopeSpec>) -> Envelope {
        let envelope = &spec.value;
        let mut seen = FirstSeen::new("used");
        let mut field = |cx: &mut Checker, node: &Option<Spanned<String>>, default: &str| {
            let (name, at) = node
                .as_ref()
                .map_or((default, loc(spec)), |n| (n.value.as_str(), loc(n)));
            if name.is_empty() {
                cx.diags.error(at, "an envelope field name is empty");
            } else {
                seen.claim(&mut cx.diags, name.to_owned(), at, || {
                    format!("envelope field `{name}` is used twice")
                });
            }
            name.to_owned()
        };
        let code_field = field(self, &envelope.code, "code");
        let message_field = field(self, &envelope.message, "message");
        let data_field = field(self, &envelope.data, "data");
        let success = self.success_codes(&envelope.success);
        Envelope {
            code_field,
            message_field,
            data_field,
            success,
        }
    }

    /// Checks a list of success codes: at least one, none empty, no repeats.
    pub(crate) fn success_codes(&mut self, codes: &Spanned<Vec<Spanned<String>>>) -> Vec<String> {
        if codes.value.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    loc(codes),
                    "no success code: every answer would be an error",
                )
                .help("list the codes that mean success, such as `success: [\"00\"]`"),
            );
        }
        let mut seen = FirstSeen::new("listed");
        for code in &codes.value {
            if code.value.is_empty() {
                self.diags.error(loc(code), "a success code is empty");
            } else {
                seen.claim(&mut self.diags, code.value.as_str(), loc(code), || {
                    format!("success code `{}` is listed twice", code.value)
                });
            }
        }
        codes.value.iter().map(|c| c.value.clone()).collect()
    }
}
