//! Where each build of the app sends its session credential, as spec/crapido.yaml's
//! `session:` block says: the base build `crapido` in a `token` header (the raw token), the
//! build `lanaya` as `Authorization: Bearer <token>`.
//!
//! The generated router and clients handle the credential of the 13 endpoints themselves;
//! this module is for the demo's own route outside the spec, the photos of [`crate::files`]:
//! one URL space that every build's app loads images from, so it reads either build's form.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

/// The header the base build sends the raw token in.
pub const TOKEN_HEADER: &str = "token";
/// The scheme of the `Authorization` header the `lanaya` build sends.
const BEARER: &str = "Bearer ";

/// The credential of a request, in either build's form: the `token` header, else an
/// `Authorization: Bearer` one. `None` when neither holds a non-empty value.
pub fn from_headers(headers: &HeaderMap) -> Option<&str> {
    let token = headers
        .get(TOKEN_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim);
    let bearer = || {
        headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix(BEARER))
            .map(str::trim)
    };
    token
        .filter(|value| !value.is_empty())
        .or_else(|| bearer().filter(|value| !value.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn either_builds_form_is_read() {
        assert_eq!(from_headers(&headers(&[("token", "abc")])), Some("abc"));
        assert_eq!(
            from_headers(&headers(&[("authorization", "Bearer abc")])),
            Some("abc")
        );
        assert_eq!(
            from_headers(&headers(&[("authorization", "Basic abc")])),
            None
        );
        assert_eq!(from_headers(&headers(&[("token", " ")])), None);
        assert_eq!(from_headers(&HeaderMap::new()), None);
    }
}
