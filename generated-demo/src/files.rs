//! Serving uploaded photos back at `/files/<token>`, the URLs upload-image and
//! basic-person-info answer.
//!
//! The token is 32 random hex digits: the URL is a capability, like the signed object-store
//! links of the real backend, so photos of one applicant cannot be found by counting.

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::store::Store;

/// The route, in axum's syntax.
pub const ROUTE: &str = "/files/{token}";
/// The length of a token, in hex digits.
const TOKEN_LEN: usize = 32;

/// The path a photo with `token` is served at.
pub fn path_of(token: &str) -> String {
    format!("/files/{token}")
}

/// `router` with the files route added: `GET /files/{token}` answers the photo's bytes with
/// its media type, or `404`.
///
/// Added with `route`, not `merge`: the generated router has a fallback (the not-found
/// envelope), and axum refuses to merge two routers that both have one.
pub fn add_route(router: Router, store: Store) -> Router {
    router.route(
        ROUTE,
        get(move |Path(token): Path<String>| {
            let store = store.clone();
            async move { answer(&store, &token).await }
        }),
    )
}

async fn answer(store: &Store, token: &str) -> Response {
    let well_formed = token.len() == TOKEN_LEN && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return not_found();
    }
    match store.photo(token).await {
        Ok(Some(photo)) => (
            [
                (header::CONTENT_TYPE, photo.content_type),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            photo.bytes,
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(err) => {
            tracing::error!(error = %err, "storage failure serving a photo");
            (StatusCode::INTERNAL_SERVER_ERROR, "storage failure").into_response()
        }
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}
