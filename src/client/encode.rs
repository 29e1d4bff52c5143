//! Request bodies: the typed request plus the decoys, in the endpoint's encoding.

use std::borrow::Cow;

use serde::Serialize;

use super::ClientError;
use crate::__private::meta::{Decoy, DecoyValue};
use crate::multipart::{PartValue, to_parts};

/// The decoys' values for one request: fixed ones as written, generated ones drawn afresh.
pub(crate) fn decoy_values(decoys: &'static [Decoy]) -> Vec<(&'static str, Cow<'static, str>)> {
    each_decoy(decoys).collect()
}

/// The decoys' values as [`decoy_values`] draws them, one by one as an encoder writes them:
/// no list is built (the JSON encoder's only allocation besides its output).
pub(crate) fn each_decoy(
    decoys: &'static [Decoy],
) -> impl Iterator<Item = (&'static str, Cow<'static, str>)> {
    decoys.iter().map(|decoy| {
        let value = match decoy.value {
            DecoyValue::Fixed(value) => Cow::Borrowed(value),
            DecoyValue::Generated { charset, length } => {
                let alphabet = charset.alphabet();
                // One generator per value, forked from the thread's: one thread-local access
                // rather than one per character.
                let mut rng = fastrand::Rng::new();
                let drawn = (0..length)
                    .map(|_| char::from(alphabet[rng.usize(..alphabet.len())]))
                    .collect::<String>();
                Cow::Owned(drawn)
            }
        };
        (decoy.wire, value)
    })
}

/// A JSON object of the request's fields followed by the decoys.
pub(crate) fn json<Req: Serialize, Name: AsRef<str>, Value: AsRef<str>>(
    request: &Req,
    decoys: impl IntoIterator<Item = (Name, Value)>,
) -> Result<Vec<u8>, ClientError> {
    let mut body =
        serde_json::to_vec(request).map_err(|err| ClientError::Encode(err.to_string()))?;
    // A request type is a struct, so its JSON is an object: the decoys go before its `}`.
    if body.last() != Some(&b'}') {
        return Err(ClientError::Encode(
            "the request did not encode as a JSON object".into(),
        ));
    }
    body.pop();
    let mut first = body.len() == 1; // just `{`
    for (name, value) in decoys {
        if !first {
            body.push(b',');
        }
        first = false;
        // Writing a &str to a Vec cannot fail.
        serde_json::to_writer(&mut body, name.as_ref())
            .map_err(|err| ClientError::Encode(err.to_string()))?;
        body.push(b':');
        serde_json::to_writer(&mut body, value.as_ref())
            .map_err(|err| ClientError::Encode(err.to_string()))?;
    }
    body.push(b'}');
    Ok(body)
}

/// `name=value&...` of the request's fields followed by the decoys.
pub(crate) fn form<Req: Serialize>(
    request: &Req,
    decoys: &[(&str, Cow<'_, str>)],
) -> Result<String, ClientError> {
    let mut body =
        serde_urlencoded::to_string(request).map_err(|err| ClientError::Encode(err.to_string()))?;
    // Appends `&name=value` pairs, with no leading `&` when the request has no fields.
    let mut pairs = form_urlencoded::Serializer::for_suffix(&mut body, 0);
    for (name, value) in decoys {
        pairs.append_pair(name, value);
    }
    pairs.finish();
    Ok(body)
}

/// A multipart form: a text part per scalar field, a file part per file, then the decoys.
pub(crate) fn multipart<Req: Serialize>(
    request: &Req,
    decoys: &[(&str, Cow<'_, str>)],
) -> Result<reqwest::multipart::Form, ClientError> {
    let parts = to_parts(request).map_err(|err| ClientError::Encode(err.to_string()))?;
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in parts {
        form = match value {
            PartValue::Text(text) => form.text(name, text),
            PartValue::File(file) => {
                let mut part = reqwest::multipart::Part::bytes(file.bytes);
                if let Some(file_name) = file.file_name {
                    part = part.file_name(file_name);
                } else {
                    // Servers tell files from text by the file name: always send one.
                    part = part.file_name(name.clone());
                }
                if let Some(content_type) = &file.content_type {
                    part = part.mime_str(content_type).map_err(|_| {
                        ClientError::Encode(format!("part `{name}` has an invalid content type"))
                    })?;
                }
                form.part(name, part)
            }
        };
    }
    for (name, value) in decoys {
        form = form.text(name.to_string(), value.to_string());
    }
    Ok(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Request {
        mobile: &'static str,
        product_id: &'static str,
        note: Option<&'static str>,
    }

    #[derive(Serialize)]
    struct Empty {}

    const REQUEST: Request = Request {
        mobile: "5512345678",
        product_id: "2",
        note: None,
    };

    fn decoys() -> Vec<(&'static str, Cow<'static, str>)> {
        vec![("KAMD", "ksjd".into()), ("a&b", "x y".into())]
    }

    #[test]
    fn json_appends_decoys_to_the_object() {
        let body = json(&REQUEST, decoys()).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"mobile": "5512345678", "product_id": "2", "note": null, "KAMD": "ksjd", "a&b": "x y"})
        );
        assert_eq!(
            json(&Empty {}, decoys()).unwrap(),
            br#"{"KAMD":"ksjd","a&b":"x y"}"#
        );
        assert_eq!(json(&Empty {}, Vec::<(&str, &str)>::new()).unwrap(), b"{}");
    }

    #[test]
    fn form_appends_encoded_decoys() {
        assert_eq!(
            form(&REQUEST, &decoys()).unwrap(),
            "mobile=5512345678&product_id=2&KAMD=ksjd&a%26b=x+y"
        );
        assert_eq!(form(&Empty {}, &decoys()).unwrap(), "KAMD=ksjd&a%26b=x+y");
    }

    #[test]
    fn generated_decoys_are_fresh_and_of_the_charset() {
        static DECOYS: [Decoy; 2] = [
            Decoy {
                wire: "fixed",
                value: DecoyValue::Fixed("1"),
            },
            Decoy {
                wire: "drawn",
                value: DecoyValue::Generated {
                    charset: crate::__private::meta::Charset::Hex,
                    length: 12,
                },
            },
        ];
        let first = decoy_values(&DECOYS);
        let second = decoy_values(&DECOYS);
        assert_eq!(first[0], ("fixed", Cow::Borrowed("1")));
        assert_eq!(first[1].1.len(), 12);
        assert!(first[1].1.bytes().all(|b| b"0123456789abcdef".contains(&b)));
        assert_ne!(
            first[1].1, second[1].1,
            "two requests drew the same 12 hex digits"
        );
    }
}
