//! Answers: the spec's envelope, with its field names, and the status the policy chooses.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::__private::meta::{Api, HttpStatusPolicy};

/// `{code, message, data?}` under the spec's names, serialized without building a JSON tree.
struct EnvelopeBody<'a, T> {
    api: &'static Api,
    code: &'a str,
    message: &'a str,
    data: Option<&'a T>,
}

impl<T: Serialize> Serialize for EnvelopeBody<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names = &self.api.envelope;
        let mut map = serializer.serialize_map(Some(2 + usize::from(self.data.is_some())))?;
        map.serialize_entry(names.code, self.code)?;
        map.serialize_entry(names.message, self.message)?;
        if let Some(data) = self.data {
            map.serialize_entry(names.data, data)?;
        }
        map.end()
    }
}

/// An envelope answer. `status` is what the `mapped` policy answers; `always_ok` answers 200.
/// `None` when `data` cannot be encoded, so the caller can answer an internal error instead.
pub(crate) fn envelope<T: Serialize>(
    api: &'static Api,
    status: StatusCode,
    code: &str,
    message: &str,
    data: Option<&T>,
) -> Option<Response> {
    let body = EnvelopeBody {
        api,
        code,
        message,
        data,
    };
    let bytes = serde_json::to_vec(&body).ok()?;
    let status = match api.server.http_status {
        HttpStatusPolicy::AlwaysOk => StatusCode::OK,
        HttpStatusPolicy::Mapped => status,
    };
    let mut response = (status, bytes).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Some(response)
}

/// An envelope answer without data; it cannot fail to encode (two strings).
pub(crate) fn plain(api: &'static Api, status: StatusCode, code: &str, message: &str) -> Response {
    envelope::<()>(api, status, code, message, None).unwrap_or_else(|| {
        // invariant: a map of two strings always serializes; kept total all the same.
        (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
    })
}
