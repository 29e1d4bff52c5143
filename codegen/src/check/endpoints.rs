//! Rules for services, endpoints, public paths, real names and decoys.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::names::{self, Case};
use super::types::{FieldsOf, check_fields, type_ref};
use super::{Checker, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::Encoding;
use crate::ir::{
    Decoy, DecoyValue, Disguise, Endpoint, Envelope, Request, RustName, Service, TypeRef,
};
use crate::spec::{DecoySpec, EndpointSpec, ServiceSpec};
use crate::vocab;

/// The length of a generated decoy value when the spec gives none.
const DEFAULT_DECOY_LENGTH: u64 = 8;
/// The longest generated decoy value; longer ones only bloat every request.
const MAX_DECOY_LENGTH: u64 = 256;

/// Paths and names seen so far across the whole API, to catch clashes between endpoints.
#[derive(Default)]
struct Seen {
    real_names: HashMap<String, Loc>,
    methods: HashMap<String, (Loc, String)>,
    services: HashMap<String, Loc>,
}

pub(super) fn check_services(
    cx: &mut Checker,
    specs: &[Spanned<ServiceSpec>],
    envelope: &Envelope,
    variant: &str,
) -> Vec<Service> {
    let mut seen = Seen::default();
    let services: Vec<Service> = specs
        .iter()
        .filter_map(|spec| service(cx, spec, envelope, variant, &mut seen))
        .collect();
    // Public paths are checked in `disguises`, once every variant's are known.
    services
}

fn service(
    cx: &mut Checker,
    spec: &Spanned<ServiceSpec>,
    envelope: &Envelope,
    variant: &str,
    seen: &mut Seen,
) -> Option<Service> {
    let service = &spec.value;
    let at = loc(&service.name);
    let snake = cx.rust_name(&service.name, None, Case::Snake, false);
    // A name that has no snake_case form has no UpperCamelCase one either: one error is enough.
    let camel = snake
        .as_ref()
        .and_then(|_| cx.rust_name(&service.name, None, Case::UpperCamel, false));
    let duplicate = seen.services.insert(service.name.value.clone(), at);
    if let Some(first) = duplicate {
        cx.diags.push(
            Diagnostic::new(
                at,
                format!("service `{}` is declared twice", service.name.value),
            )
            .note(first, "first declared here"),
        );
    }
    if service.endpoints.is_empty() {
        cx.diags.push(
            Diagnostic::new(
                at,
                format!("service `{}` has no endpoints", service.name.value),
            )
            .help("add endpoints under `endpoints:`, or remove the service"),
        );
    }
    // A second declaration is reported above, not again as clashes of its items. Otherwise one
    // clash is enough: the other items of two services whose names clash clash along.
    if let (Some(_), Some(camel), None) = (&snake, &camel, duplicate) {
        let items = [
            (api_trait_name(camel), "server trait"),
            (client_name(camel), "client"),
        ];
        for (item, what) in items {
            let what = format!("the {what} of service `{}`", service.name.value);
            if !cx.claim_item(&item, at, what) {
                break;
            }
        }
    }
    // The endpoints are checked even when the service's name is bad, so that their own errors
    // are reported in the same run.
    let endpoints = service
        .endpoints
        .iter()
        .filter_map(|e| endpoint(cx, e, envelope, variant, seen))
        .collect();
    let (_, camel) = (snake?, camel?);
    Some(Service {
        name: service.name.value.clone(),
        api_trait: api_trait_name(&camel),
        client: client_name(&camel),
        description: service.description.clone(),
        endpoints,
    })
}

fn endpoint(
    cx: &mut Checker,
    spec: &Spanned<EndpointSpec>,
    envelope: &Envelope,
    variant: &str,
    seen: &mut Seen,
) -> Option<Endpoint> {
    let endpoint = &spec.value;
    let real = &endpoint.real;
    check_route(cx, real, "real name");
    if let Some(path) = &endpoint.path {
        check_route(cx, path, "public path");
    }
    if let Some(first) = seen.real_names.insert(real.value.clone(), loc(real)) {
        cx.diags.push(
            Diagnostic::new(
                loc(real),
                format!("real name `{}` is declared twice", real.value),
            )
            .note(first, "first declared here"),
        );
    }
    if endpoint.summary.value.trim().is_empty() {
        cx.diags
            .error(loc(&endpoint.summary), "the summary is empty");
    }
    let method = endpoint_method(cx, endpoint, seen)?;
    // Through `names`, so that a method like `_2fa` gives `_2faRequest`, not `2faRequest`.
    let request_stem = format!("{}_{}", method.text, vocab::REQUEST_SUFFIX);
    let request_name = match names::derive(&request_stem, Case::UpperCamel) {
        Ok(name) => name,
        Err(message) => {
            cx.diags.error(loc(real), message);
            return None;
        }
    };
    cx.claim_item(
        &request_name,
        loc(real),
        format!("the request of `{}`", real.value),
    );
    let encoding = endpoint
        .encoding
        .as_ref()
        .map_or(Encoding::Json, |e| e.value.into());
    let context = match encoding {
        Encoding::Json => FieldsOf::JsonRequest,
        Encoding::Form => FieldsOf::FormRequest,
        Encoding::Multipart => FieldsOf::MultipartRequest,
    };
    let fields = check_fields(cx, &endpoint.request, context);
    if encoding == Encoding::Multipart && !fields.iter().any(|f| f.ty == TypeRef::File) {
        let at = endpoint.encoding.as_ref().map_or(loc(real), loc);
        cx.diags.push(
            Diagnostic::new(
                at,
                format!("multipart endpoint `{}` has no `file` field", real.value),
            )
            .help("add a field of type `file`, or use `encoding: form` for text-only bodies"),
        );
    }
    let rules = super::constraints::rules(cx, &endpoint.rules, &fields);
    if encoding == Encoding::Multipart {
        for decoy in &endpoint.decoys {
            super::types::check_part_name(cx, &decoy.value.name);
        }
    }
    let decoys = decoys(cx, &endpoint.decoys, &endpoint.request);
    let success = match &endpoint.success {
        Some(codes) => cx.success_codes(codes),
        None => envelope.success.clone(),
    };
    let response = endpoint.response.as_ref().and_then(|node| {
        let ty = type_ref(cx, node)?;
        if ty == TypeRef::File {
            cx.diags.error(
                loc(node),
                "a response cannot be a `file`; answer with its URL as a string",
            );
        }
        Some(ty)
    });
    Some(Endpoint {
        rust: method,
        real_name: real.value.clone(),
        summary: endpoint.summary.value.clone(),
        title: endpoint.title.clone(),
        description: endpoint.description.clone(),
        encoding,
        success,
        // The path of an endpoint without one is derived in `disguises`, which also adds the
        // other variants' disguises.
        disguises: vec![Disguise {
            variant: variant.to_owned(),
            public_path: endpoint
                .path
                .as_ref()
                .map_or_else(String::new, |p| p.value.clone()),
            decoys,
        }],
        request: Request {
            rust: request_name,
            fields,
            rules,
        },
        response,
    })
}

/// The trait of a service: `<Service>Api`, through the naming rules, so that a service
/// named `self` (Rust name `Self_`) gives `SelfApi`, not `Self_Api`.
pub(crate) fn api_trait_name(camel: &RustName) -> RustName {
    suffixed(camel, vocab::API_TRAIT_SUFFIX)
}

/// The client of a service: `<Service>Client`.
pub(crate) fn client_name(camel: &RustName) -> RustName {
    suffixed(camel, vocab::CLIENT_SUFFIX)
}

fn suffixed(camel: &RustName, suffix: &str) -> RustName {
    // A name the rules made valid stays valid with a suffix; the plain concatenation is the
    // fallback should the rules ever refuse it.
    names::derive(&format!("{}_{suffix}", camel.text), Case::UpperCamel).unwrap_or_else(|_| {
        RustName {
            text: format!("{}{suffix}", camel.text),
            raw: false,
        }
    })
}

/// The method name: the `rust:` key, or the last segment of the real name in snake_case.
/// Unique across the API, since request types are named after it.
fn endpoint_method(cx: &mut Checker, endpoint: &EndpointSpec, seen: &mut Seen) -> Option<RustName> {
    let real = &endpoint.real;
    let last_segment = Spanned::new(
        real.value.rsplit('/').next().unwrap_or_default().to_owned(),
        real.referenced,
        real.defined,
    );
    let method = cx.rust_name(&last_segment, endpoint.rust.as_ref(), Case::Snake, true)?;
    if crate::vocab::CLIENT_METHODS.contains(&method.text.as_str()) {
        let at = endpoint.rust.as_ref().map_or(loc(real), loc);
        cx.diags.push(
            Diagnostic::new(
                at,
                format!(
                    "the Rust method `{}` of `{}` clashes with the generated client's own `{}`",
                    method.source(),
                    real.value,
                    method.text
                ),
            )
            .help("give the endpoint another Rust name with `rust:`"),
        );
        return None;
    }
    let at = endpoint.rust.as_ref().map_or(loc(real), loc);
    if let Some((first, first_real)) = seen.methods.get(&method.text) {
        // The same real name twice is reported as such, not again as a clash of methods.
        if *first_real == real.value {
            return None;
        }
        cx.diags.push(
            Diagnostic::new(
                at,
                format!(
                    "endpoints `{first_real}` and `{}` both become the Rust method `{}`",
                    real.value,
                    method.source()
                ),
            )
            .note(*first, format!("`{first_real}` is declared here"))
            .help("give one of them another Rust name with `rust:`"),
        );
        return None;
    }
    seen.methods
        .insert(method.text.clone(), (at, real.value.clone()));
    Some(method)
}

/// A route is `/` followed by segments of URL-safe characters that no router reads as
/// syntax: letters, digits, `-`, `.`, `_` and `~`. Braces, colons and stars would become
/// path parameters or wildcards in the generated router.
pub(super) fn check_route(cx: &mut Checker, node: &Spanned<String>, what: &str) {
    let route = &node.value;
    let problem = if !route.starts_with('/') {
        Some(format!("{what} `{route}` does not start with `/`"))
    } else if route.len() > 1 && route.ends_with('/') {
        Some(format!("{what} `{route}` ends with `/`"))
    } else if route.contains("//") {
        Some(format!("{what} `{route}` has an empty segment (`//`)"))
    } else if route
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        // URL parsers resolve these away: a client would call another path than the server's.
        Some(format!(
            "{what} `{route}` has a `.` or `..` segment, which URLs resolve away"
        ))
    } else {
        route
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || "/-._~".contains(*c)))
            .map(|c| {
                format!("{what} `{route}` has the character `{c}`, which is not allowed in a route")
            })
    };
    if let Some(message) = problem {
        cx.diags.push(
            Diagnostic::new(loc(node), message)
                .help("a route is `/` and segments of letters, digits, `-`, `.`, `_` and `~`, such as `/Crapido/mkla-pk`"),
        );
    }
}

pub(super) fn decoys(
    cx: &mut Checker,
    specs: &[Spanned<DecoySpec>],
    request: &[Spanned<crate::spec::FieldSpec>],
) -> Vec<Decoy> {
    let mut seen: HashMap<&str, Loc> = HashMap::new();
    let mut decoys = Vec::new();
    for node in specs {
        let decoy = &node.value;
        let at = loc(&decoy.name);
        if decoy.name.value.is_empty() {
            cx.diags.error(at, "a decoy's wire name is empty");
            continue;
        }
        if let Some(first) = seen.insert(&decoy.name.value, at) {
            cx.diags.push(
                Diagnostic::new(
                    at,
                    format!("decoy `{}` is declared twice", decoy.name.value),
                )
                .note(first, "first declared here"),
            );
            continue;
        }
        if let Some(field) = request
            .iter()
            .find(|f| f.value.name.value == decoy.name.value)
        {
            cx.diags.push(
                Diagnostic::new(
                    at,
                    format!("decoy `{}` collides with the request field of the same name", decoy.name.value),
                )
                .note(loc(&field.value.name), "the field is declared here")
                .help("a decoy is sent beside the fields, so its wire name must differ from every field's"),
            );
            continue;
        }
        let value = match (&decoy.value, &decoy.generate) {
            (Some(value), None) => {
                if let Some(length) = &decoy.length {
                    cx.diags
                        .error(loc(length), "`length` applies to generated decoys only");
                }
                DecoyValue::Fixed(value.value.clone())
            }
            (None, Some(charset)) => {
                let length = decoy
                    .length
                    .as_ref()
                    .map_or(DEFAULT_DECOY_LENGTH, |l| l.value);
                if !(1..=MAX_DECOY_LENGTH).contains(&length) {
                    let at = decoy.length.as_ref().map_or(at, loc);
                    cx.diags.error(at, format!("a generated decoy's length must be 1 to {MAX_DECOY_LENGTH}, not {length}"));
                }
                DecoyValue::Generated {
                    charset: charset.value.into(),
                    length,
                }
            }
            (Some(value), Some(_)) => {
                cx.diags.push(
                    Diagnostic::new(
                        loc(value),
                        format!(
                            "decoy `{}` has both `value` and `generate`",
                            decoy.name.value
                        ),
                    )
                    .help(
                        "keep `value` for a fixed value, or `generate` for a fresh one per request",
                    ),
                );
                continue;
            }
            (None, None) => {
                cx.diags.push(
                    Diagnostic::new(at, format!("decoy `{}` has neither `value` nor `generate`", decoy.name.value))
                        .help("give a fixed `value: ...`, or `generate: alphanumeric` for a fresh value per request"),
                );
                continue;
            }
        };
        decoys.push(Decoy {
            wire: decoy.name.value.clone(),
            value,
        });
    }
    decoys
}
