//! Serving uploaded photos back at `/files/<token>`, the URLs upload-image and
//! basic-person-info answer: to their owner's session only.
//!
//! Two ways were open: links that expire (what the seed's signed object-store URLs are, and
//! what an image loader can fetch without credentials), or links that need the session. A
//! link that expires is still a capability while it lives: whoever sees it (a log, a proxy, a
//! screenshot of a URL) sees the person's ID card, and the app caches these URLs. So the
//! photos route asks for what the API asks for: the session credential, in either build's
//! header ([`crate::credential`]), and serves a photo only to the session of the person who
//! uploaded it. The token in the path (32 random hex digits) only names the photo; a photo of
//! someone else answers exactly as a photo that does not exist, `404`, so that a session cannot
//! learn which tokens exist.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use veil::server::ApiError;

use crate::backend::codes;
use crate::reply;
use crate::session::Sessions;
use crate::store::{Store, StoreError};

/// The route, in axum's syntax.
pub const ROUTE: &str = "/files/{token}";
/// The length of a photo token, in hex digits.
const TOKEN_LEN: usize = 32;

/// The path a photo with `token` is served at.
pub fn path_of(token: &str) -> String {
    format!("/files/{token}")
}

/// `router` with the files route added: `GET /files/{token}` answers the photo's bytes with
/// its media type to its owner's session; `401` (and the unauthorized envelope) without a
/// valid session, `404` otherwise.
///
/// Added with `route`, not `merge`: the generated router has a fallback (the not-found
/// envelope), and axum refuses to merge two routers that both have one.
pub fn add_route(router: Router, store: Store, sessions: Sessions) -> Router {
    router.route(
        ROUTE,
        get(move |Path(token): Path<String>, headers: HeaderMap| {
            let (store, sessions) = (store.clone(), sessions.clone());
            async move { answer(&store, &sessions, &token, &headers).await }
        }),
    )
}

async fn answer(store: &Store, sessions: &Sessions, token: &str, headers: &HeaderMap) -> Response {
    let session = match crate::credential::from_headers(headers) {
        Some(credential) => sessions.authenticate(credential).await,
        None => Ok(None),
    };
    let session = match session {
        Ok(Some(session)) => session,
        Ok(None) => return reply::failure(StatusCode::UNAUTHORIZED, &codes::unauthorized()),
        Err(err) => return storage_failure(&err),
    };
    let well_formed = token.len() == TOKEN_LEN && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return not_found();
    }
    match store.photo_of(token, session.mobile()).await {
        Ok(Some(photo)) => (
            [
                (header::CONTENT_TYPE, photo.content_type),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            photo.bytes,
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(err) => storage_failure(&err),
    }
}

fn not_found() -> Response {
    reply::failure(
        StatusCode::NOT_FOUND,
        &ApiError::new(reply::NOT_FOUND, "not found"),
    )
}

fn storage_failure(err: &StoreError) -> Response {
    tracing::error!(error = %err, "storage failure serving a photo");
    reply::failure(
        StatusCode::INTERNAL_SERVER_ERROR,
        &ApiError::internal("storage failure"),
    )
}
