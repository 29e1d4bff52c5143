//! Request bodies to typed requests, per encoding, with decoys checked on the way.
//!
//! Error messages name the field (its wire path) and what was expected, never the value that
//! was sent: a request's values are personal data, and a decoding error ends up in the
//! envelope and in logs. serde's own messages quote the value (`invalid type: string "…"`),
//! so they are rebuilt here from the error's path and its expectation.

use std::convert::Infallible;
use std::fmt;

use axum::body::Bytes;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::failure::Failure;
use crate::__private::meta::Decoy;
use crate::multipart::{PartValue, Parts};

/// The decoys to verify, or `None` when the policy ignores them.
pub(crate) type Verify = Option<&'static [Decoy]>;

/// Decodes a JSON body.
pub(crate) fn json<Req: DeserializeOwned>(body: &[u8], verify: Verify) -> Result<Req, Failure> {
    // The common request, a JSON object with the right decoys that decodes as `Req`, straight
    // from the bytes at the cost of plain serde. Any other body is read again below, the careful
    // way (a tree first, then the decoys, then the typed request with its path), which accepts
    // exactly what this one accepts and words every refusal (measured in
    // benches/server_throughput.rs: the careful way alone cost 1.5x a hand-written axum handler
    // on save-job-info).
    if let Some(request) = json_fast(body, verify) {
        return Ok(request);
    }
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

/// The request of a JSON object body whose decoys are right, or `None`. What it accepts, the
/// careful path accepts with the same value: the body is an object (serde would also read a
/// struct from an array, which the careful path refuses), the decoys are read as the careful
/// path reads them (a string, or a number's text; the last of repeated keys), and the fields
/// are decoded by the same serde code from the same text (a repeated field, which the tree
/// would take the last of, is an error here and so goes the careful way).
fn json_fast<Req: DeserializeOwned>(body: &[u8], verify: Verify) -> Option<Req> {
    let first = body
        .iter()
        .find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))?;
    if *first != b'{' {
        return None;
    }
    if let Some(decoys) = verify
        && !decoys.is_empty()
    {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let values = DecoySeed { decoys }.deserialize(&mut deserializer).ok()?;
        deserializer.end().ok()?;
        let all_right = decoys.iter().zip(&values).all(|(decoy, value)| {
            value
                .as_deref()
                .is_some_and(|value| decoy.value.admits(value))
        });
        if !all_right {
            return None;
        }
    }
    serde_json::from_slice(body).ok()
}

/// Reads the values of `decoys` from a JSON object, skipping every other field without
/// building anything: per decoy, the text of its last occurrence when that is a string or a
/// number (as `check_decoys` sees a tree's values).
struct DecoySeed {
    decoys: &'static [Decoy],
}

impl<'de> DeserializeSeed<'de> for DecoySeed {
    type Value = Vec<Option<String>>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DecoySeed {
    type Value = Vec<Option<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values = vec![None; self.decoys.len()];
        while let Some(key) = map.next_key_seed(DecoyKey {
            decoys: self.decoys,
        })? {
            match key {
                Some(index) => {
                    values[index] = match map.next_value::<serde_json::Value>()? {
                        serde_json::Value::String(text) => Some(text),
                        serde_json::Value::Number(number) => Some(number.to_string()),
                        _ => None,
                    };
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(values)
    }
}

/// A key: the index of the decoy it names, if any. Read without allocating.
struct DecoyKey {
    decoys: &'static [Decoy],
}

impl<'de> DeserializeSeed<'de> for DecoyKey {
    type Value = Option<usize>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for DecoyKey {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.decoys.iter().position(|decoy| decoy.wire == key))
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__private::meta::DecoyValue;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Request {
        mobile: String,
        #[serde(default)]
        count: Option<i64>,
    }

    static DECOYS: [Decoy; 2] = [
        Decoy {
            wire: "KAMD",
            value: DecoyValue::Fixed("ksjd"),
        },
        Decoy {
            wire: "AJKDS",
            value: DecoyValue::Fixed("3"),
        },
    ];

    /// The fast path answers only where the careful path (the tree) answers the same.
    fn check(body: &str) -> Option<Request> {
        let fast = json_fast::<Request>(body.as_bytes(), Some(&DECOYS));
        if let Some(fast) = &fast {
            let Ok(careful) = careful(body) else {
                panic!("the careful path refuses what the fast path accepted: {body}");
            };
            assert_eq!(fast, &careful, "{body}");
        }
        fast
    }

    /// The careful path alone: `json` past its fast path.
    fn careful(body: &str) -> Result<Request, ()> {
        let value: serde_json::Value = serde_json::from_str(body).map_err(drop)?;
        let serde_json::Value::Object(fields) = &value else {
            return Err(());
        };
        check_decoys(&DECOYS, |name| match fields.get(name)? {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
        .map_err(drop)?;
        serde_json::from_value(value).map_err(drop)
    }

    #[test]
    fn the_fast_path_takes_good_requests() {
        let request = check(r#" {"mobile":"55","KAMD":"ksjd","AJKDS":3,"other":[{}]}"#).unwrap();
        assert_eq!(request.mobile, "55");
        // The last of repeated decoys counts, as in the tree.
        assert!(check(r#"{"mobile":"55","KAMD":"no","KAMD":"ksjd","AJKDS":"3"}"#).is_some());
        assert!(check(r#"{"mobile":"55","KAMD":"ksjd","AJKDS":"3","KAMD":"no"}"#).is_none());
    }

    #[test]
    fn the_fast_path_leaves_the_rest_to_the_careful_one() {
        for body in [
            r#"["55", 1]"#,                                   // a struct read from an array
            r#"{"mobile":"55","KAMD":"ksjd"}"#,               // a decoy missing
            r#"{"mobile":"55","KAMD":"ksjd","AJKDS":"4"}"#,   // a wrong decoy
            r#"{"mobile":"55","KAMD":["ksjd"],"AJKDS":"3"}"#, // a decoy not a scalar
            r#"{"KAMD":"ksjd","AJKDS":"3"}"#,                 // a field missing
            r#"{"mobile":"5","mobile":"55","KAMD":"ksjd","AJKDS":3}"#, // a repeated field
            r#"{"mobile":"55","KAMD":"ksjd","AJKDS":3} x"#,   // trailing text
            "",
        ] {
            assert!(check(body).is_none(), "{body}");
        }
        // The careful path takes the repeated field's last value, as it did.
        assert_eq!(
            json::<Request>(
                br#"{"mobile":"5","mobile":"55","KAMD":"ksjd","AJKDS":3}"#,
                Some(&DECOYS)
            )
            .unwrap()
            .mobile,
            "55"
        );
    }
}
