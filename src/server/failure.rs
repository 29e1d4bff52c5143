//! Why a request was not answered with success, and the envelope each reason becomes.

use axum::http::StatusCode;

use super::ApiError;
use crate::__private::meta::ErrorCodes;

/// A request that failed before, in or after user code.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Malformed body, wrong types or missing fields; the message names the field, never a value.
    BadRequest(String),
    /// A well-formed request that breaks the spec's constraints; every violation is listed.
    Invalid(crate::validate::Violations),
    /// Missing or wrong decoys: deliberately generic, so a scraper learns nothing.
    Decoys,
    /// A method other than POST.
    MethodNotAllowed,
    /// No endpoint at this path.
    NotFound,
    /// A content type other than the endpoint's encoding.
    UnsupportedMediaType(&'static str),
    /// A body over the limit.
    TooLarge(usize),
    /// User code said no.
    Api(ApiError),
    /// User code panicked.
    Panicked,
    /// The answer could not be encoded.
    Unencodable,
    /// The body did not arrive within its time limit.
    BodyTimeout,
    /// The router was past its limit of requests in flight.
    Busy,
    /// User code did not answer within the handler time limit.
    HandlerTimeout,
    /// No credential, a malformed one, or one user code refused. One failure for all three,
    /// so that a caller learns nothing about which tokens exist.
    Unauthorized,
}

impl Failure {
    /// The envelope code, message and the status the `mapped` policy answers with.
    pub(crate) fn envelope(self, codes: &ErrorCodes) -> (String, String, StatusCode) {
        let (code, message, status) = match self {
            Failure::BadRequest(message) => (codes.bad_request, message, StatusCode::BAD_REQUEST),
            Failure::Invalid(violations) => (
                codes.bad_request,
                format!("invalid request: {violations}"),
                StatusCode::BAD_REQUEST,
            ),
            Failure::Decoys => (
                codes.bad_request,
                "bad request".into(),
                StatusCode::BAD_REQUEST,
            ),
            Failure::MethodNotAllowed => (
                codes.bad_request,
                "method not allowed: use POST".into(),
                StatusCode::METHOD_NOT_ALLOWED,
            ),
            Failure::NotFound => (codes.not_found, "not found".into(), StatusCode::NOT_FOUND),
            Failure::UnsupportedMediaType(expected) => (
                codes.unsupported_media_type,
                format!("unsupported content type: send {expected}"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            Failure::TooLarge(limit) => (
                codes.payload_too_large,
                format!("body too large: the limit is {limit} bytes"),
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
            Failure::Api(error) => {
                let status = error.status.unwrap_or(StatusCode::OK);
                let code = error.code.unwrap_or_else(|| codes.internal.to_owned());
                return (code, error.message, status);
            }
            Failure::BodyTimeout => (
                codes.bad_request,
                "the body did not arrive in time".into(),
                StatusCode::REQUEST_TIMEOUT,
            ),
            Failure::Busy => (
                codes.busy,
                "the server is busy: try again later".into(),
                StatusCode::SERVICE_UNAVAILABLE,
            ),
            Failure::HandlerTimeout => (
                codes.busy,
                "the server could not answer in time: try again later".into(),
                StatusCode::SERVICE_UNAVAILABLE,
            ),
            Failure::Unauthorized => (
                codes.unauthorized,
                "a valid session is required".into(),
                StatusCode::UNAUTHORIZED,
            ),
            Failure::Panicked | Failure::Unencodable => (
                codes.internal,
                "internal error".into(),
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
        };
        (code.to_owned(), message, status)
    }
}
