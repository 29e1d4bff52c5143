//! The rules of one endpoint, on its own: its real name, Rust method, request, response and
//! success codes. A new rule about one endpoint belongs in [`check`], beside these.

use serde_saphyr::Spanned;

use super::{CheckedEndpoint, Seen, decoys, route::check_route};
use crate::check::constraints;
use crate::check::names::{self, Case};
use crate::check::types::{FieldsOf, check_fields, type_ref};
use crate::check::{Checker, loc};
use crate::diag::Diagnostic;
use crate::ir::{Encoding, Envelope, Field, Request, RustName, TypeRef};
use crate::spec::EndpointSpec;
use crate::vocab;

/// Checks one endpoint; `None` when it cannot become one (its errors are recorded).
pub(super) fn check<'s>(
    cx: &mut Checker,
    endpoint: &'s EndpointSpec,
    envelope: &Envelope,
    seen: &mut Seen,
) -> Option<CheckedEndpoint<'s>> {
    let real = &endpoint.real;
    check_route(cx, real, "real name");
    if let Some(path) = &endpoint.path {
        check_route(cx, path, "public path");
    }
    seen.real_names
        .claim(&mut cx.diags, real.value.clone(), loc(real), || {
            format!("real name `{}` is declared twice", real.value)
        });
    if endpoint.summary.value.trim().is_empty() {
        cx.diags
            .error(loc(&endpoint.summary), "the summary is empty");
    }
    let method = method(cx, endpoint, seen)?;
    let request_name = request_name(cx, endpoint, &method)?;
    let encoding = endpoint
        .encoding
        .as_ref()
        .map_or(Encoding::Json, |e| e.value.into());
    let fields = request_fields(cx, endpoint, encoding);
    let rules = constraints::rules(cx, &endpoint.rules, &fields);
    let decoys = decoys(cx, &endpoint.decoys, &endpoint.request, encoding);
    let success = match &endpoint.success {
        Some(codes) => cx.success_codes(codes),
        None => envelope.success.clone(),
    };
    let response = response(cx, endpoint);
    Some(CheckedEndpoint {
        spec: endpoint,
        rust: method,
        encoding,
        success,
        decoys,
        request: Request {
            rust: request_name,
            fields,
            rules,
        },
        response,
    })
}

/// The request type, `<Method>Request`, claimed as a top-level item.
fn request_name(cx: &mut Checker, endpoint: &EndpointSpec, method: &RustName) -> Option<RustName> {
    let real = &endpoint.real;
    // Through `names`, so that a method like `_2fa` gives `_2faRequest`, not `2faRequest`.
    let stem = format!("{}_{}", method.text, vocab::REQUEST_SUFFIX);
    let name = match names::derive(&stem, Case::UpperCamel) {
        Ok(name) => name,
        Err(message) => {
            cx.diags.error(loc(real), message);
            return None;
        }
    };
    cx.claim_item(&name, loc(real), format!("the request of `{}`", real.value));
    Some(name)
}

/// The request's fields, checked against what the encoding can carry.
fn request_fields(cx: &mut Checker, endpoint: &EndpointSpec, encoding: Encoding) -> Vec<Field> {
    let context = match encoding {
        Encoding::Json => FieldsOf::JsonRequest,
        Encoding::Form => FieldsOf::FormRequest,
        Encoding::Multipart => FieldsOf::MultipartRequest,
    };
    let fields = check_fields(cx, &endpoint.request, context);
    if encoding == Encoding::Multipart && !fields.iter().any(|f| f.ty == TypeRef::File) {
        let at = endpoint.encoding.as_ref().map_or(loc(&endpoint.real), loc);
        cx.diags.push(
            Diagnostic::new(
                at,
                format!(
                    "multipart endpoint `{}` has no `file` field",
                    endpoint.real.value
                ),
            )
            .help("add a field of type `file`, or use `encoding: form` for text-only bodies"),
        );
    }
    fields
}

/// The type of the answer's data, if any: any type but a file.
fn response(cx: &mut Checker, endpoint: &EndpointSpec) -> Option<TypeRef> {
    let node = endpoint.response.as_ref()?;
    let ty = type_ref(cx, node)?;
    if ty == TypeRef::File {
        cx.diags.error(
            loc(node),
            "a response cannot be a `file`; answer with its URL as a string",
        );
    }
    Some(ty)
}

/// The method name: the `rust:` key, or the last segment of the real name in snake_case.
/// Unique across the API, since request types are named after it, and none of the client's
/// own methods.
fn method(cx: &mut Checker, endpoint: &EndpointSpec, seen: &mut Seen) -> Option<RustName> {
    let real = &endpoint.real;
    let last_segment = Spanned::new(
        real.value.rsplit('/').next().unwrap_or_default().to_owned(),
        real.referenced,
        real.defined,
    );
    let method = cx.rust_name(&last_segment, endpoint.rust.as_ref(), Case::Snake, true)?;
    let at = endpoint.rust.as_ref().map_or(loc(real), loc);
    if vocab::CLIENT_METHODS.contains(&method.text.as_str()) {
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
    if let Some((first, first_real)) = seen.methods.get(&method.text) {
        // The same real name twice is reported as such, not again as a clash of methods.
        if *first_real != real.value {
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
        }
        return None;
    }
    seen.methods
        .insert(method.text.clone(), (at, real.value.clone()));
    Some(method)
}
