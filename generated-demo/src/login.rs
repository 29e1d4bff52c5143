//! The login routes: the demo's stand-in for the app's SMS one-time-code login, which is not
//! one of the spec's 13 endpoints (the seed document describes the KYC flow of an applicant
//! already logged in).
//!
//! - `POST /session/code` with `{"mobile": "5512345678"}`: issues a 6-digit code and sends it
//!   through the server's [`CodeSender`](crate::session::CodeSender); answers
//!   `{"code": "00", "message": "成功", "data": {"expires_in": 300}}`.
//! - `POST /session` with `{"mobile": "5512345678", "code": "123456"}`: answers
//!   `{"code": "00", ..., "data": {"token": "<64 hex digits>", "expires_in": 43200}}`; the
//!   token is then sent with every request, in the header of the app's build.
//!
//! Failures are envelopes too, answered `200 OK` as the spec's `http_status: always_ok` asks:
//! `1003` for a body that is not such JSON or a mobile that is not a Mexican mobile, `1006`
//! for a wrong code (or none in force), `1007` while the mobile is locked or has had its 5
//! codes of the last 15 minutes, the spec's internal code when storage fails. No message names the mobile or the code.

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use serde::Deserialize;
use serde_json::json;
use veil::server::ApiError;

use crate::backend::codes;
use crate::reply;
use crate::session::{LoginError, Sessions};

/// The route that issues a code.
pub const CODE_ROUTE: &str = "/session/code";
/// The route that starts a session.
pub const SESSION_ROUTE: &str = "/session";
/// The largest login body accepted: a mobile and a code fit many times over.
const BODY_LIMIT: usize = 1024;

/// The body of `POST /session/code`.
#[derive(Deserialize)]
struct CodeRequest {
    mobile: String,
}

/// The body of `POST /session`.
#[derive(Deserialize)]
struct SessionRequest {
    mobile: String,
    code: String,
}

/// `router` with the two login routes added (with `route`, as [`crate::files`] says why).
pub fn add_routes(router: Router, sessions: Sessions) -> Router {
    let for_code = sessions.clone();
    router
        .route(
            CODE_ROUTE,
            post(move |body: Bytes| {
                let sessions = for_code.clone();
                async move { send_code(&sessions, &body).await }
            })
            .layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
        .route(
            SESSION_ROUTE,
            post(move |body: Bytes| {
                let sessions = sessions.clone();
                async move { log_in(&sessions, &body).await }
            })
            .layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
}

async fn send_code(sessions: &Sessions, body: &[u8]) -> Response {
    let Ok(request) = serde_json::from_slice::<CodeRequest>(body) else {
        return malformed(r#"{"mobile"}"#);
    };
    match sessions.send_code(&request.mobile).await {
        Ok(expires_in) => reply::success(json!({ "expires_in": seconds(expires_in) })),
        Err(err) => refused(&err),
    }
}

async fn log_in(sessions: &Sessions, body: &[u8]) -> Response {
    let Ok(request) = serde_json::from_slice::<SessionRequest>(body) else {
        return malformed(r#"{"mobile", "code"}"#);
    };
    match sessions.log_in(&request.mobile, &request.code).await {
        Ok(session) => reply::success(json!({
            "token": session.token,
            "expires_in": seconds(session.expires_in),
        })),
        Err(err) => refused(&err),
    }
}

fn malformed(shape: &str) -> Response {
    let error = codes::invalid("body", &format!("must be JSON of the shape {shape}"));
    reply::failure(StatusCode::OK, &error)
}

/// `err` as an envelope. Its text names neither the mobile nor the code.
fn refused(err: &LoginError) -> Response {
    let error = match err {
        LoginError::InvalidMobile(reason) => codes::invalid("mobile", reason),
        LoginError::WrongCode { .. } | LoginError::NoCode => {
            ApiError::new(codes::WRONG_CODE, err.to_string())
        }
        LoginError::Locked { .. } | LoginError::TooManyCodes { .. } => {
            ApiError::new(codes::LOCKED, err.to_string())
        }
        LoginError::Storage(store_err) => {
            tracing::error!(error = %store_err, "storage failure during a login");
            ApiError::internal("storage failure")
        }
        LoginError::NoRandomness => {
            tracing::error!(error = %err, "a login failed");
            ApiError::internal("the login failed")
        }
    };
    reply::failure(StatusCode::OK, &error)
}

fn seconds(duration: Duration) -> u64 {
    duration.as_secs()
}
