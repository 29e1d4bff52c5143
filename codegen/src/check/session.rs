//! Rules for sessions: the top-level `session:` block (the header the credential travels in,
//! the endpoints open without one) and each build's own `session:`.
//!
//! The credential is a header, never a body field: the seed's parameter tables list every body
//! field and no credential among them, and a header keeps the secret out of the body that
//! decoders, validators and error messages read.

use std::collections::{HashMap, HashSet};

use serde_saphyr::Spanned;

use super::disguises::Builds;
use super::endpoints::CheckedEndpoint;
use super::first_seen::FirstSeen;
use super::{Checker, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::{SessionHeader, Variant};
use crate::spec::{SessionSpec, Spec};

/// Headers HTTP or the server's own pipeline gives a meaning to: a credential in one of them
/// would be read, rewritten or dropped by something else on the way.
const HTTP_OWN_HEADERS: &[&str] = &[
    "connection",
    "content-encoding",
    "content-length",
    "content-type",
    "cookie",
    "expect",
    "host",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Each build's session header, and the endpoints that need none.
pub(super) struct Sessions {
    /// By build name; absent when the API declares no sessions.
    headers: HashMap<String, SessionHeader>,
    /// Real names listed under `session.open`.
    open: HashSet<String>,
    declared: bool,
}

impl Sessions {
    /// Whether the endpoint with this real name needs a session.
    pub(super) fn needed_by(&self, real_name: &str) -> bool {
        self.declared && !self.open.contains(real_name)
    }

    /// `variant` with its session header filled in.
    pub(super) fn attach(&self, variant: Variant) -> Variant {
        Variant {
            session: self.headers.get(&variant.name).cloned(),
            ..variant
        }
    }
}

/// Checks the session blocks against the checked endpoints and every build's disguises.
pub(super) fn resolve(
    cx: &mut Checker,
    spec: &Spec,
    base: &str,
    builds: &Builds,
    endpoints: &[&CheckedEndpoint<'_>],
) -> Sessions {
    let Some(session) = &spec.session else {
        for variant in &spec.variants {
            if let Some(own) = &variant.value.session {
                cx.diags.push(
                    Diagnostic::new(
                        loc(own),
                        format!(
                            "variant `{}` says how it sends the session, but the API declares no `session:`",
                            variant.value.name.value
                        ),
                    )
                    .help("declare the top-level `session:` block; a build's `session:` only changes its header"),
                );
            }
        }
        return Sessions {
            headers: HashMap::new(),
            open: HashSet::new(),
            declared: false,
        };
    };
    let open = open_endpoints(cx, &session.value, endpoints);
    let mut headers = HashMap::new();
    let base_header = header(cx, &session.value.header, session.value.scheme.as_ref());
    headers.insert(base.to_owned(), base_header);
    for variant in &spec.variants {
        let variant = &variant.value;
        let own = variant
            .session
            .as_ref()
            .map(|own| header(cx, &own.value.header, own.value.scheme.as_ref()));
        if let Some(own) = own {
            headers.insert(variant.name.value.clone(), own);
        } else if let Some(base_header) = headers.get(base).cloned() {
            headers.insert(variant.name.value.clone(), base_header);
        }
    }
    let sessions = Sessions {
        headers,
        open,
        declared: true,
    };
    check_collisions(cx, spec, &sessions, builds, endpoints);
    sessions
}

/// The endpoints listed as open: each an endpoint's real name, once.
fn open_endpoints(
    cx: &mut Checker,
    session: &SessionSpec,
    endpoints: &[&CheckedEndpoint<'_>],
) -> HashSet<String> {
    let known: HashSet<&str> = endpoints.iter().map(|e| e.real_name()).collect();
    let mut listed = FirstSeen::new("listed");
    let mut open = HashSet::new();
    for real in &session.open {
        let name = real.value.as_str();
        if !known.contains(name) {
            cx.diags.push(
                Diagnostic::new(
                    loc(real),
                    format!("`session.open` names `{name}`, which is no endpoint's real name"),
                )
                .help("list endpoints by their `real:` name"),
            );
        } else if listed.claim(&mut cx.diags, name, loc(real), || {
            format!("`{name}` is listed twice in `session.open`")
        }) {
            open.insert(name.to_owned());
        }
    }
    open
}

/// A checked session header: a token of HTTP's field-name syntax that HTTP itself does not
/// use, and, if given, a scheme of the same syntax.
fn header(
    cx: &mut Checker,
    name: &Spanned<String>,
    scheme: Option<&Spanned<String>>,
) -> SessionHeader {
    let text = name.value.as_str();
    if text.is_empty() {
        cx.diags.push(
            Diagnostic::new(loc(name), "the session header's name is empty")
                .help("name the header the app sends its credential in, such as `token`"),
        );
    } else if !is_http_token(text) {
        cx.diags.push(
            Diagnostic::new(loc(name), format!("`{text}` is not an HTTP header name"))
                .help("a header name is letters, digits and `!#$%&'*+-.^_`|~`, without spaces"),
        );
    } else if HTTP_OWN_HEADERS.contains(&text.to_ascii_lowercase().as_str()) {
        cx.diags.push(
            Diagnostic::new(
                loc(name),
                format!("`{text}` is a header HTTP gives its own meaning to; it cannot carry the session"),
            )
            .help("use a header of its own, such as `token`, or `Authorization` with `scheme: Bearer`"),
        );
    }
    if let Some(scheme) = scheme
        && !is_http_token(&scheme.value)
    {
        cx.diags.push(
            Diagnostic::new(
                loc(scheme),
                format!("`{}` is not an authentication scheme", scheme.value),
            )
            .help("a scheme is one word, such as `Bearer`; leave `scheme` out to send the credential alone"),
        );
    }
    SessionHeader {
        header: text.to_owned(),
        scheme: scheme.map(|s| s.value.clone()),
    }
}

/// HTTP's `token` (RFC 9110, 5.6.2): what a header name or an auth scheme is made of.
fn is_http_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A session header named like a request field or a decoy of an endpoint that needs the
/// session is refused: tools that see a request's parameters flattened (gateways, access logs
/// that redact by name, the app's own HTTP layer) would take one for the other, and the
/// secret could be logged as a plain field.
fn check_collisions(
    cx: &mut Checker,
    spec: &Spec,
    sessions: &Sessions,
    builds: &Builds,
    endpoints: &[&CheckedEndpoint<'_>],
) {
    for (name, at) in header_places(spec) {
        let Some(header) = sessions.headers.get(&name) else {
            continue;
        };
        let lower = header.header.to_ascii_lowercase();
        for (index, endpoint) in endpoints.iter().enumerate() {
            if !sessions.needed_by(endpoint.real_name()) {
                continue;
            }
            let field = endpoint
                .spec
                .request
                .iter()
                .find(|f| f.value.name.value.to_ascii_lowercase() == lower);
            if let Some(field) = field {
                cx.diags.push(
                    collision(at, &header.header, "request field", endpoint.real_name())
                        .note(loc(&field.value.name), "the field is declared here"),
                );
            }
            let decoy = builds
                .decoys(&name, index)
                .find(|decoy| decoy.to_ascii_lowercase() == lower);
            if decoy.is_some() {
                cx.diags
                    .push(collision(at, &header.header, "decoy", endpoint.real_name()));
            }
        }
    }
}

/// Every build, in build order: its name and the place of its session header (the top-level
/// one for builds that inherit it).
fn header_places(spec: &Spec) -> Vec<(String, Loc)> {
    let Some(session) = &spec.session else {
        return Vec::new();
    };
    let top = loc(&session.value.header);
    let api = &spec.api.value;
    let base = api.variant.as_ref().unwrap_or(&api.name).value.clone();
    let mut places = vec![(base, top)];
    for variant in &spec.variants {
        let at = variant
            .value
            .session
            .as_ref()
            .map_or(top, |own| loc(&own.value.header));
        places.push((variant.value.name.value.clone(), at));
    }
    places
}

fn collision(at: Loc, header: &str, what: &str, real_name: &str) -> Diagnostic {
    Diagnostic::new(
        at,
        format!("the session header `{header}` has the name of a {what} of `{real_name}`"),
    )
    .help("give the credential a header name no field or decoy of an endpoint uses")
}
