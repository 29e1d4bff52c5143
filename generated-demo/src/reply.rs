//! Answers of the demo's own routes (login, photos), in the API's envelope: the same shape,
//! field names and success code and message as the spec's endpoints, so that an app reads
//! them with the code it reads everything else with.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use veil::server::ApiError;

/// The spec's success code (`envelope.success`) and message (`server.success_message`).
const SUCCESS: (&str, &str) = ("00", "成功");
/// The spec's code for a failure of the server itself (`server.codes.internal`).
const INTERNAL: &str = "500";
/// The spec's code for a path that leads nowhere (`server.codes.not_found`).
pub const NOT_FOUND: &str = "404";

/// A success carrying `data`, `200 OK`. Not to be stored by caches: it may hold a token.
pub fn success(data: Value) -> Response {
    let (code, message) = SUCCESS;
    let body = json!({ "code": code, "message": message, "data": data });
    (
        [(header::CACHE_CONTROL, "no-store")],
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A failure with `error`'s code and message, answered with `status`.
pub fn failure(status: StatusCode, error: &ApiError) -> Response {
    let body = json!({
        "code": error.code().unwrap_or(INTERNAL),
        "message": error.message(),
    });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}
