//! The pipeline every request to an endpoint goes through.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::Response;
use futures_util::FutureExt;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::failure::Failure;
use super::{ApiError, RequestContext, decode, respond};
use crate::__private::meta::{Api, DecoyPolicy, Disguise, Encoding, Endpoint};
use crate::validate::Validate;

/// What a route knows: its API, endpoint and disguise, and the limits in force.
pub(crate) struct Route {
    pub(crate) api: &'static Api,
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) disguise: &'static Disguise,
    pub(crate) via_real_name: bool,
    pub(crate) body_limit: usize,
    pub(crate) upload_limit: usize,
}

/// Answers one request: decode, call `handler`, wrap the result. Never panics, whatever the
/// request or the handler does; every failure is an envelope.
pub(crate) async fn handle<Req, Data, F, Fut>(
    route: Arc<Route>,
    handler: F,
    request: Request,
) -> Response
where
    Req: DeserializeOwned + Validate + Send + 'static,
    Data: Serialize + Send + 'static,
    F: FnOnce(Req, RequestContext) -> Fut,
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
        let outcome = answer(&route, handler, request).await;
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

async fn answer<Req, Data, F, Fut>(
    route: &Route,
    handler: F,
    request: Request,
) -> Result<Data, Failure>
where
    Req: DeserializeOwned + Validate + Send + 'static,
    F: FnOnce(Req, RequestContext) -> Fut,
    Fut: Future<Output = Result<Data, ApiError>> + Send,
{
    let (parts, body) = request.into_parts();
    if parts.method != Method::POST {
        return Err(Failure::MethodNotAllowed);
    }
    let encoding = route.endpoint.encoding;
    let media_type = media_type(&parts.headers);
    if !media_type.eq_ignore_ascii_case(encoding.media_type()) {
        return Err(Failure::UnsupportedMediaType(encoding.media_type()));
    }
    let limit = match encoding {
        Encoding::Multipart => route.upload_limit,
        Encoding::Json | Encoding::Form => route.body_limit,
    };
    let bytes = read_body(body, limit, &parts.headers).await?;
    let verify = match route.api.server.decoys {
        DecoyPolicy::Verify => Some(route.disguise.decoys),
        DecoyPolicy::Ignore => None,
    };
    let request: Req = match encoding {
        Encoding::Json => decode::json(&bytes, verify)?,
        Encoding::Form => decode::form(&bytes, verify)?,
        Encoding::Multipart => {
            let boundary = content_type(&parts.headers)
                .and_then(|value| multer::parse_boundary(value).ok())
                .ok_or_else(|| Failure::BadRequest("the multipart body has no boundary".into()))?;
            decode::multipart(bytes, boundary, verify).await?
        }
    };
    // The spec's constraints hold before user code runs; violations name fields, not values.
    request.validate().map_err(Failure::Invalid)?;
    let context = RequestContext {
        public_path: route.disguise.public_path,
        real_name: route.endpoint.real_name,
        variant: route.disguise.variant,
        via_real_name: route.via_real_name,
        headers: parts.headers,
    };
    // A panic in user code is answered as an internal error, not a dropped connection.
    match AssertUnwindSafe(handler(request, context))
        .catch_unwind()
        .await
    {
        Ok(Ok(data)) => Ok(data),
        Ok(Err(error)) => Err(Failure::Api(error)),
        Err(_) => {
            tracing::error!("the endpoint's implementation panicked");
            Err(Failure::Panicked)
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

/// Reads the whole body, refusing it as soon as it passes `limit` bytes.
async fn read_body(body: Body, limit: usize, headers: &HeaderMap) -> Result<Bytes, Failure> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(Failure::TooLarge(limit));
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => {
            Err(Failure::TooLarge(limit))
        }
        Err(_) => Err(Failure::BadRequest("the body could not be read".into())),
    }
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
