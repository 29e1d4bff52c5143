//! Services and their endpoints: each checked on its own first, then, once the disguises of
//! every build are resolved (`check::disguises`), built into the IR in one step.
//!
//! - `mod.rs`: services, the names they generate, and the final build of the IR's services;
//! - `endpoint.rs`: the rules of one endpoint (real name, method, request, response, success
//!   codes): the place for a new per-endpoint rule;
//! - `decoys.rs`: decoy lists, shared by the base build and the listed variants;
//! - `route.rs`: what a route (real name, public path, prefix) may look like.

mod decoys;
mod endpoint;
mod route;

pub(super) use decoys::decoys;
pub(super) use route::check_route;

use serde_saphyr::Spanned;

use super::first_seen::FirstSeen;
use super::names::{self, Case};
use super::session::Sessions;
use super::{Checker, loc};
use crate::diag::Diagnostic;
use crate::ir::{
    Decoy, Disguise, Encoding, Endpoint, Envelope, Request, RustName, Service, TypeRef,
};
use crate::spec::{EndpointSpec, ServiceSpec};
use crate::vocab;

/// A service whose own rules passed, with its endpoints that passed theirs.
pub(crate) struct CheckedService<'s> {
    spec: &'s ServiceSpec,
    api_trait: RustName,
    client: RustName,
    /// Its endpoints, in spec order.
    pub(crate) endpoints: Vec<CheckedEndpoint<'s>>,
}

/// An endpoint whose own rules passed: everything of its IR but its disguises, which depend
/// on every build (`check::disguises`).
pub(crate) struct CheckedEndpoint<'s> {
    /// The endpoint as written.
    pub(crate) spec: &'s EndpointSpec,
    /// Its Rust method name.
    pub(crate) rust: RustName,
    /// How its request body is encoded.
    pub(crate) encoding: Encoding,
    /// The codes that mean success.
    pub(crate) success: Vec<String>,
    /// The decoys the endpoint itself lists (the base build's, unless derived).
    pub(crate) decoys: Vec<Decoy>,
    /// Its request type.
    pub(crate) request: Request,
    /// The type of its answer's data.
    pub(crate) response: Option<TypeRef>,
}

impl CheckedEndpoint<'_> {
    /// The backend's own route.
    pub(crate) fn real_name(&self) -> &str {
        &self.spec.real.value
    }

    /// The wire names of its request fields as written, checked or not: derived decoys must
    /// differ from all of them.
    pub(crate) fn field_names(&self) -> Vec<&str> {
        self.spec
            .request
            .iter()
            .map(|f| f.value.name.value.as_str())
            .collect()
    }

    /// The IR endpoint, with its disguise in every build.
    fn build(self, disguises: Vec<Disguise>, sessions: &Sessions) -> Endpoint {
        Endpoint {
            needs_session: sessions.needed_by(self.real_name()),
            rust: self.rust,
            real_name: self.spec.real.value.clone(),
            summary: self.spec.summary.value.clone(),
            title: self.spec.title.clone(),
            description: self.spec.description.clone(),
            encoding: self.encoding,
            success: self.success,
            disguises,
            request: self.request,
            response: self.response,
        }
    }
}

/// Names seen so far across the whole API, to catch clashes between endpoints.
pub(super) struct Seen {
    services: FirstSeen<String>,
    real_names: FirstSeen<String>,
    /// Rust method names, with the place and real name of the endpoint that took each.
    methods: std::collections::HashMap<String, (crate::diag::Loc, String)>,
}

/// Checks every service and its endpoints; those that pass are returned, in spec order.
pub(super) fn check_services<'s>(
    cx: &mut Checker,
    specs: &'s [Spanned<ServiceSpec>],
    envelope: &Envelope,
) -> Vec<CheckedService<'s>> {
    let mut seen = Seen {
        services: FirstSeen::new("declared"),
        real_names: FirstSeen::new("declared"),
        methods: Default::default(),
    };
    specs
        .iter()
        .filter_map(|spec| service(cx, &spec.value, envelope, &mut seen))
        .collect()
}

fn service<'s>(
    cx: &mut Checker,
    service: &'s ServiceSpec,
    envelope: &Envelope,
    seen: &mut Seen,
) -> Option<CheckedService<'s>> {
    let at = loc(&service.name);
    let snake = cx.rust_name(&service.name, None, Case::Snake, false);
    // A name that has no snake_case form has no UpperCamelCase one either: one error is enough.
    let camel = snake
        .as_ref()
        .and_then(|_| cx.rust_name(&service.name, None, Case::UpperCamel, false));
    let first = seen
        .services
        .claim(&mut cx.diags, service.name.value.clone(), at, || {
            format!("service `{}` is declared twice", service.name.value)
        });
    if service.endpoints.is_empty() {
        cx.diags.push(
            Diagnostic::new(
                at,
                format!("service `{}` has no endpoints", service.name.value),
            )
            .help("add endpoints under `endpoints:`, or remove the service"),
        );
    }
    let names = match (&snake, &camel) {
        (Some(_), Some(camel)) => suffixed_names(cx, camel, at),
        _ => None,
    };
    // A second declaration is reported above, not again as clashes of its items. Otherwise one
    // clash is enough: the other items of two services whose names clash clash along.
    if let (Some((api_trait, client)), true) = (&names, first) {
        for (item, what) in [(api_trait, "server trait"), (client, "client")] {
            let what = format!("the {what} of service `{}`", service.name.value);
            if !cx.claim_item(item, at, what) {
                break;
            }
        }
    }
    // The endpoints are checked even when the service's name is bad, so that their own errors
    // are reported in the same run.
    let endpoints = service
        .endpoints
        .iter()
        .filter_map(|e| endpoint::check(cx, &e.value, envelope, seen))
        .collect();
    let (api_trait, client) = names?;
    Some(CheckedService {
        spec: service,
        api_trait,
        client,
        endpoints,
    })
}

/// The server trait and the client of a service whose UpperCamelCase name is `camel`.
fn suffixed_names(
    cx: &mut Checker,
    camel: &RustName,
    at: crate::diag::Loc,
) -> Option<(RustName, RustName)> {
    let api_trait = suffixed(cx, camel, vocab::API_TRAIT_SUFFIX, at)?;
    let client = suffixed(cx, camel, vocab::CLIENT_SUFFIX, at)?;
    Some((api_trait, client))
}

/// `<camel><suffix>`, through the naming rules, so that a service named `self` (Rust name
/// `Self_`) gives `SelfApi`, not `Self_Api`.
pub(super) fn suffixed(
    cx: &mut Checker,
    camel: &RustName,
    suffix: &str,
    at: crate::diag::Loc,
) -> Option<RustName> {
    match names::derive(&format!("{}_{suffix}", camel.text), Case::UpperCamel) {
        Ok(name) => Some(name),
        // A name the rules made valid stays valid with a suffix.
        Err(message) => {
            cx.diags.push(super::internal(at, &message));
            None
        }
    }
}

/// Builds the IR's services from the checked ones and each endpoint's disguises, one per
/// build in order (`disguises` yields them endpoint by endpoint, in spec order). `None` when
/// an endpoint lacks one, which `check` reports as a bug: every gap is an error found before.
pub(super) fn build(
    services: Vec<CheckedService<'_>>,
    disguises: &mut impl Iterator<Item = Option<Vec<Disguise>>>,
    sessions: &Sessions,
) -> Option<Vec<Service>> {
    services
        .into_iter()
        .map(|service| {
            let endpoints = service
                .endpoints
                .into_iter()
                .map(|endpoint| Some(endpoint.build(disguises.next()??, sessions)))
                .collect::<Option<Vec<_>>>()?;
            Some(Service {
                name: service.spec.name.value.clone(),
                api_trait: service.api_trait,
                client: service.client,
                description: service.spec.description.clone(),
                endpoints,
            })
        })
        .collect()
}
