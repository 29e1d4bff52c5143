//! The pipeline every request to an endpoint goes through.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::Response;
use futures_util::FutureExt;
use http_body_util::BodyExt;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;
use tracing::Instrument;

use super::decode::PartLimits;
use super::failure::Failure;
use super::names::Names;
use super::session::Gate;
use super::{ApiError, RequestContext, decode, respond};
use crate::__private::meta::{Api, DecoyPolicy, Disguise, Encoding, Endpoint};
use crate::body::BodyBuffer;
use crate::validate::Validate;

/// What a route knows: its API, endpoint and disguise, and the limits in force.
pub(crate) struct Route {
    pub(crate) api: &'static Api,
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) disguise: &'static Disguise,
    pub(crate) via_real_name: bool,
    pub(crate) body_limit: usize,
    pub(crate) upload_limit: usize,
    /// The request's field names and the disguise's decoys.
    pub(crate) names: Names,
    /// The router's permits for requests in flight.
    pub(crate) in_flight: Arc<Semaphore>,
    /// How long the user's method may take.
    pub(crate) handler_timeout: Duration,
    /// How long the whole body may take to arrive.
    pub(crate) body_timeout: Duration,
}

/// Parts a multipart body may carry beyond one per field and decoy.
const SPARE_PARTS: usize = 8;
/// Parts a multipart body may carry when the request's fields are not known.
const PARTS_WITHOUT_KNOWN_FIELDS: usize = 64;
/// The most bytes of one part's headers: a name, a file name and a media type fit many times.
const MAX_PART_HEADER_BYTES: usize = 8 * 1024;

impl Route {
    /// The bounds of a multipart body to this route.
    fn part_limits(&self) -> PartLimits {
        PartLimits {
            max_parts: self
                .names
                .expected()
                .map_or(PARTS_WITHOUT_KNOWN_FIELDS, |names| names + SPARE_PARTS),
            max_header_bytes: MAX_PART_HEADER_BYTES,
            max_bytes: self.upload_limit,
        }
    }
}

/// Answers one request: decode, call `handler`, wrap the result. Never panics, whatever the
/// request or the handler does; every failure is an envelope.
pub(crate) async fn handle<G, Req, Data, F, Fut>(
    route: Arc<Route>,
    gate: Arc<G>,
    handler: F,
    request: Request,
) -> Response
where
    G: Gate,
    Req: DeserializeOwned + Validate + Send + 'static,
    Data: Serialize + Send + 'static,
    F: FnOnce(Req, G::Session, RequestContext) -> Fut,
    Fut: Future<Output = Result<Data, ApiError>> + Send,
{
    // One span per request, named by the endpoint's real name. Only names, codes and timings
    // are recorded: never a header or a field value, which may be personal data.
    let span = tracing::info_span!(
        "veil.request",
        real_name = route.endpoint.real_name,
        public_path = route.disguise.public_path,
        variant = route.disguise.variant,
    );
    async move {
        let started = Instant::now();
        // Past the limit in flight, the request is shed at once rather than queued: under
        // overload the server keeps answering, and the client learns to retry.
        let outcome = match Arc::clone(&route.in_flight).try_acquire_owned() {
            Ok(_permit) => answer(&route, &*gate, handler, request).await,
            Err(_) => Err(Failure::Busy),
        };
        let (response, code) = match outcome {
            Ok(data) => success(&route, &data),
            Err(failure) => failure_response(route.api, failure),
        };
        tracing::info!(
            code = code.as_str(),
            status = response.status().as_u16(),
            elapsed_us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
            "answered"
        );
        response
    }
    .instrument(span)
    .await
}

async fn answer<G, Req, Data, F, Fut>(
    route: &Route,
    gate: &G,
    handler: F,
    request: Request,
) -> Result<Data, Failure>
where
    G: Gate,
    Req: DeserializeOwned + Validate + Send + 'static,
    F: FnOnce(Req, G::Session, RequestContext) -> Fut,
    Fut: Future<Output = Result<Data, ApiError>> + Send,
{
    let (parts, body) = request.into_parts();
    if parts.method != Method::POST {
        return Err(Failure::MethodNotAllowed);
    }
    let mut context = RequestContext {
        public_path: route.disguise.public_path,
        real_name: route.endpoint.real_name,
        variant: route.disguise.variant,
        via_real_name: route.via_real_name,
        headers: parts.headers,
    };
    // Who is calling is settled before a byte of the body is read: a caller without a session
    // costs no decoding, and learns nothing about what the endpoint accepts.
    let session = user_code(route, gate.admit(route.disguise.session, &mut context))
        .await
        .and_then(|admitted| admitted)?;
    let encoding = route.endpoint.encoding;
    let media_type = media_type(&context.headers);
    if !media_type.eq_ignore_ascii_case(encoding.media_type()) {
        return Err(Failure::UnsupportedMediaType(encoding.media_type()));
    }
    let limit = match encoding {
        Encoding::Multipart => route.upload_limit,
        Encoding::Json | Encoding::Form => route.body_limit,
    };
    let declared = context
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(Failure::TooLarge(limit));
    }
    let verify = match route.api.server.decoys {
        DecoyPolicy::Verify => Some(route.disguise.decoys),
        DecoyPolicy::Ignore => None,
    };
    let decoded = async {
        match encoding {
            Encoding::Json => decode::json(&read_body(body, limit, declared).await?, verify),
            Encoding::Form => decode::form(
                &read_body(body, limit, declared).await?,
                &route.names,
                verify,
            ),
            Encoding::Multipart => {
                let boundary = content_type(&context.headers)
                    .and_then(|value| multer::parse_boundary(value).ok())
                    .ok_or_else(|| {
                        Failure::BadRequest("the multipart body has no boundary".into())
                    })?;
                decode::multipart(body, boundary, &route.names, verify, route.part_limits()).await
            }
        }
    };
    // The whole body must arrive within its time limit, however it trickles in.
    let request: Req = tokio::time::timeout(route.body_timeout, decoded)
        .await
        .map_err(|_| Failure::BodyTimeout)??;
    // The spec's constraints hold before user code runs; violations name fields, not values.
    request.validate().map_err(Failure::Invalid)?;
    user_code(route, handler(request, session, context))
        .await?
        .map_err(Failure::Api)
}

/// Runs user code (the endpoint's method, or the session check): a panic is answered as an
/// internal error, not a dropped connection; past the handler time limit, the future is
/// dropped and the request answered as busy.
async fn user_code<T>(route: &Route, call: impl Future<Output = T> + Send) -> Result<T, Failure> {
    match tokio::time::timeout(route.handler_timeout, AssertUnwindSafe(call).catch_unwind()).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) => {
            tracing::error!("the endpoint's implementation panicked");
            Err(Failure::Panicked)
        }
        Err(_) => {
            tracing::warn!("the endpoint's implementation did not answer in time");
            Err(Failure::HandlerTimeout)
        }
    }
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::CONTENT_TYPE)?.to_str().ok()
}

/// The media type without parameters (`application/json; charset=utf-8` → `application/json`).
fn media_type(headers: &HeaderMap) -> &str {
    content_type(headers)
        .and_then(|value| value.split(';').next())
        .map_or("", str::trim)
}

/// Reads the whole body into one buffer (see `crate::body`), refusing it as soon as it passes
/// `limit` bytes.
async fn read_body(
    mut body: Body,
    limit: usize,
    declared: Option<u64>,
) -> Result<Vec<u8>, Failure> {
    let mut buffer = BodyBuffer::new(limit, declared);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Failure::BadRequest("the body could not be read".into()))?;
        if let Ok(data) = frame.into_data() {
            buffer.push(&data).map_err(|_| Failure::TooLarge(limit))?;
        }
    }
    Ok(buffer.into_vec())
}

fn success<Data: Serialize>(route: &Route, data: &Data) -> (Response, String) {
    let endpoint = route.endpoint;
    let api = route.api;
    let data = endpoint.has_data.then_some(data);
    match respond::envelope(
        api,
        StatusCode::OK,
        endpoint.success_code,
        api.server.success_message,
        data,
    ) {
        Some(response) => (response, endpoint.success_code.to_owned()),
        None => {
            tracing::error!("the endpoint's answer could not be encoded");
            failure_response(api, Failure::Unencodable)
        }
    }
}

/// The envelope of a failure, with its code for the log.
pub(crate) fn failure_response(api: &'static Api, failure: Failure) -> (Response, String) {
    let method_not_allowed = matches!(failure, Failure::MethodNotAllowed);
    let (code, message, status) = failure.envelope(&api.server.codes);
    let mut response = respond::plain(api, status, &code, &message);
    if method_not_allowed {
        // A method other than POST is not the app talking (the app only POSTs), so it gets
        // HTTP's own answer under every status policy: 405, saying which method is allowed,
        // with the envelope as its body.
        *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        response
            .headers_mut()
            .insert(header::ALLOW, axum::http::HeaderValue::from_static("POST"));
    }
    (response, code)
}
