//! Rules for the `server:` block.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::endpoints::CheckedEndpoint;
use super::{Checker, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::{DecoyPolicy, ErrorCodes, HttpStatusPolicy, ServerPolicy};
use crate::spec::{ErrorCodesSpec, ServerSpec};

/// 64 KiB: far above any form of this kind of API, far below what would strain a server.
pub const DEFAULT_BODY_LIMIT: u64 = 64 * 1024;
/// 10 MiB: a phone photo of an ID document, with room.
pub const DEFAULT_UPLOAD_LIMIT: u64 = 10 * 1024 * 1024;

/// Checks the `server:` block and fills in its defaults. `endpoints` are the checked ones,
/// whose success codes no failure code may be.
pub(super) fn check_server(
    cx: &mut Checker,
    spec: Option<&Spanned<ServerSpec>>,
    endpoints: &[&CheckedEndpoint<'_>],
) -> ServerPolicy {
    let server = spec.map(|s| &s.value);
    let limit = |cx: &mut Checker, node: Option<&Spanned<u64>>, default: u64| match node {
        Some(node) if node.value == 0 => {
            cx.diags
                .error(loc(node), "a body limit of 0 bytes refuses every request");
            default
        }
        Some(node) => node.value,
        None => default,
    };
    let body_limit = limit(
        cx,
        server.and_then(|s| s.body_limit.as_ref()),
        DEFAULT_BODY_LIMIT,
    );
    let upload_limit = limit(
        cx,
        server.and_then(|s| s.upload_limit.as_ref()),
        DEFAULT_UPLOAD_LIMIT,
    );
    let codes = server.and_then(|s| s.codes.as_ref()).map(|c| &c.value);
    let codes = failure_codes(cx, codes, endpoints);
    ServerPolicy {
        decoys: server
            .and_then(|s| s.decoys.as_ref())
            .map_or(DecoyPolicy::Ignore, |p| p.value.into()),
        http_status: server
            .and_then(|s| s.http_status.as_ref())
            .map_or(HttpStatusPolicy::AlwaysOk, |p| p.value.into()),
        body_limit,
        upload_limit,
        success_message: server
            .and_then(|s| s.success_message.as_ref())
            .map_or_else(|| "success".to_owned(), |m| m.value.clone()),
        codes,
    }
}

/// The codes of the server's own failures, defaults filled in. None may be empty, nor a
/// success code: clients would read the failure as success. Failure classes may share a code
/// (an app that answers every failure "1" is fine).
fn failure_codes(
    cx: &mut Checker,
    spec: Option<&ErrorCodesSpec>,
    endpoints: &[&CheckedEndpoint<'_>],
) -> ErrorCodes {
    let success: HashMap<&str, &str> = endpoints
        .iter()
        .flat_map(|e| {
            e.success
                .iter()
                .map(move |code| (code.as_str(), e.real_name()))
        })
        .collect();
    let mut code = |node: Option<&Spanned<String>>, default: &str, what: &str| {
        let (value, at) = node.map_or((default, None), |n| (n.value.as_str(), Some(loc(n))));
        let place = at.unwrap_or(Loc::FILE);
        if value.is_empty() {
            cx.diags.error(place, format!("the {what} code is empty"));
        } else if let Some(real_name) = success.get(value) {
            cx.diags.push(
                Diagnostic::new(
                    place,
                    format!("the {what} code `{value}` is a success code of `{real_name}`: clients would read the failure as success"),
                )
                .help("choose failure codes that no endpoint lists under `success`"),
            );
        }
        value.to_owned()
    };
    ErrorCodes {
        bad_request: code(
            spec.and_then(|c| c.bad_request.as_ref()),
            "400",
            "bad_request",
        ),
        not_found: code(spec.and_then(|c| c.not_found.as_ref()), "404", "not_found"),
        unsupported_media_type: code(
            spec.and_then(|c| c.unsupported_media_type.as_ref()),
            "415",
            "unsupported_media_type",
        ),
        payload_too_large: code(
            spec.and_then(|c| c.payload_too_large.as_ref()),
            "413",
            "payload_too_large",
        ),
        internal: code(spec.and_then(|c| c.internal.as_ref()), "500", "internal"),
        busy: code(spec.and_then(|c| c.busy.as_ref()), "503", "busy"),
        unauthorized: code(
            spec.and_then(|c| c.unauthorized.as_ref()),
            "401",
            "unauthorized",
        ),
    }
}
