//! Request bodies to typed requests, per encoding, with decoys checked on the way.
//!
//! Error messages name the field (its wire path) and what was expected, never the value that
//! was sent: a request's values are personal data, and a decoding error ends up in the
//! envelope and in logs. serde's own messages quote the value (`invalid type: string "…"`),
//! so they are rebuilt here from the error's path and its expectation.

use std::convert::Infallible;

use axum::body::Bytes;
use serde::de::DeserializeOwned;

use super::failure::Failure;
use crate::__private::meta::Decoy;
use crate::multipart::{PartValue, Parts};

/// The decoys to verify, or `None` when the policy ignores them.
pub(crate) type Verify = Option<&'static [Decoy]>;

/// Decodes a JSON body.
pub(crate) fn json<Req: DeserializeOwned>(body: &[u8], verify: Verify) -> Result<Req, Failure> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|err| {
        Failure::BadRequest(if err.is_eof() || err.is_syntax() {
            // Syntax errors carry a position, not a value.
            format!("malformed JSON: {err}")
        } else {
            "malformed JSON".to_owned()
        })
    })?;
    let serde_json::Value::Object(fields) = &value else {
        return Err(Failure::BadRequest("the body must be a JSON object".into()));
    };
    if let Some(decoys) = verify {
        check_decoys(decoys, |name| match fields.get(name)? {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        })?;
    }
    serde_path_to_error::deserialize(value).map_err(field_error)
}

/// Decodes an `application/x-www-form-urlencoded` body.
pub(crate) fn form<Req: DeserializeOwned>(body: &[u8], verify: Verify) -> Result<Req, Failure> {
    // form_urlencoded replaces bytes that are not UTF-8 with U+FFFD; JSON and multipart bodies
    // refuse them, and so must a form, rather than alter what was sent.
    let is_utf8 = body.split(|&b| b == b'&').all(|pair| {
        pair.split(|&b| b == b'=')
            .all(|part| percent_encoding::percent_decode(part).decode_utf8().is_ok())
    });
    if !is_utf8 {
        return Err(Failure::BadRequest(
            "the form body is not UTF-8 text".into(),
        ));
    }
    if let Some(decoys) = verify {
        check_decoys(decoys, |name| {
            form_urlencoded::parse(body)
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
        })?;
    }
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(body));
    serde_path_to_error::deserialize(deserializer).map_err(field_error)
}

/// Decodes a `multipart/form-data` body: text parts and file parts by name.
pub(crate) async fn multipart<Req: DeserializeOwned>(
    body: Bytes,
    boundary: String,
    verify: Verify,
) -> Result<Req, Failure> {
    let stream = futures_util::stream::once(async move { Ok::<_, Infallible>(body) });
    let mut reader = multer::Multipart::new(stream, boundary);
    let mut parts = Parts::default();
    loop {
        let field = match reader.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => {
                return Err(Failure::BadRequest(format!(
                    "malformed multipart body: {err}"
                )));
            }
        };
        let Some(name) = field.name().map(str::to_owned) else {
            return Err(Failure::BadRequest("a multipart part has no name".into()));
        };
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|err| Failure::BadRequest(format!("malformed multipart body: {err}")))?;
        let value = match file_name {
            Some(file_name) => PartValue::File(crate::FilePart {
                file_name: Some(file_name),
                content_type,
                bytes: bytes.to_vec(),
            }),
            None => match String::from_utf8(bytes.to_vec()) {
                Ok(text) => PartValue::Text(text),
                Err(_) => {
                    return Err(Failure::BadRequest(format!(
                        "part `{name}` is not UTF-8 text"
                    )));
                }
            },
        };
        if !parts.push(name.clone(), value) {
            return Err(Failure::BadRequest(format!("part `{name}` is sent twice")));
        }
    }
    if let Some(decoys) = verify {
        check_decoys(decoys, |name| match parts.get(name)? {
            PartValue::Text(text) => Some(text.clone()),
            PartValue::File(_) => None,
        })?;
    }
    serde_path_to_error::deserialize(parts.into_deserializer()).map_err(field_error)
}

/// Every decoy must be present with the value a client following the spec sends.
fn check_decoys(
    decoys: &[Decoy],
    mut lookup: impl FnMut(&str) -> Option<String>,
) -> Result<(), Failure> {
    let all_right = decoys
        .iter()
        .all(|decoy| lookup(decoy.wire).is_some_and(|value| decoy.value.admits(&value)));
    if all_right {
        Ok(())
    } else {
        Err(Failure::Decoys)
    }
}

/// A decoding error as a bad request, naming the field, never the value.
fn field_error<E: std::fmt::Display>(err: serde_path_to_error::Error<E>) -> Failure {
    Failure::BadRequest(crate::decode_error::describe(
        &err,
        "the body does not match the request",
    ))
}
