//! Reading the envelope of an answer under the spec's field names, without a JSON tree: the
//! payload is kept raw until the code says it is a success, so a failure's `data` (often
//! absent or of another shape) is never decoded.
//!
//! [`read_typed`] is the fast path in front of that: one pass that decodes `data` as the
//! endpoint's type on the way, for the common answer, a success whose data has that type.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::__private::meta::EnvelopeNames;

/// An envelope as read, its payload as `T`.
#[derive(Debug)]
pub(crate) struct Envelope<T> {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) data: Option<T>,
}

/// An envelope as read: the payload still raw.
pub(crate) type RawEnvelope<'a> = Envelope<&'a RawValue>;

/// Reads a body as an envelope with these field names.
pub(crate) fn read<'a>(names: &EnvelopeNames, body: &'a [u8]) -> Result<RawEnvelope<'a>, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let envelope = EnvelopeSeed::new(names)
        .deserialize(&mut deserializer)
        .map_err(|err| err.to_string())?;
    deserializer.end().map_err(|err| err.to_string())?;
    Ok(envelope)
}

/// Reads a body as an envelope whose `data` (when present and not null) is a `Data`, in one
/// pass; `None` for any body that is not exactly that. It reads what [`read`] reads (the same
/// lenient code and message, the last of repeated keys, `null` data as none), so where it
/// answers, decoding the raw `data` of [`read`] would give the same value: callers try it first
/// and fall back to [`read`] for everything else (failures, wrong shapes, the errors' messages).
pub(crate) fn read_typed<Data: DeserializeOwned>(
    names: &EnvelopeNames,
    body: &[u8],
) -> Option<Envelope<Data>> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let envelope = EnvelopeSeed::new(names)
        .deserialize(&mut deserializer)
        .ok()?;
    deserializer.end().ok()?;
    Some(envelope)
}

struct EnvelopeSeed<'n, T> {
    names: &'n EnvelopeNames,
    data: PhantomData<fn() -> T>,
}

impl<'n, T> EnvelopeSeed<'n, T> {
    fn new(names: &'n EnvelopeNames) -> Self {
        EnvelopeSeed {
            names,
            data: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for EnvelopeSeed<'_, T> {
    type Value = Envelope<T>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for EnvelopeSeed<'_, T> {
    type Value = Envelope<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an envelope object with `{}`", self.names.code)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut code, mut message, mut data) = (None, None, None);
        while let Some(key) = map.next_key_seed(KeySeed { names: self.names })? {
            match key {
                // Codes are strings in these APIs; a number is read as its text.
                Key::Code => code = Some(map.next_value_seed(LenientText)?),
                Key::Message => message = Some(map.next_value_seed(LenientText)?),
                // `null` reads as no data.
                Key::Data => data = map.next_value::<Option<T>>()?,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let code = code.ok_or_else(|| de::Error::missing_field(self.names.code))?;
        Ok(Envelope {
            code,
            message: message.unwrap_or_default(),
            data,
        })
    }
}

/// Which field of the envelope a key names.
enum Key {
    Code,
    Message,
    Data,
    Other,
}

/// Reads a key and compares it with the spec's names, without allocating (serde's `String` or
/// `Cow<str>` keys allocate one string per key).
struct KeySeed<'n> {
    names: &'n EnvelopeNames,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.names.code {
            Key::Code
        } else if key == self.names.message {
            Key::Message
        } else if key == self.names.data {
            Key::Data
        } else {
            Key::Other
        })
    }
}

/// A string, or a number read as its text.
struct LenientText;

impl<'de> DeserializeSeed<'de> for LenientText {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        crate::__private::lenient::deserialize_string(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: EnvelopeNames = EnvelopeNames {
        code: "code",
        message: "message",
        data: "data",
    };

    #[test]
    fn reads_the_fields_in_any_order_and_keeps_data_raw() {
        let body = br#"{"data":{"items":[1,2]},"code":"00","message":"ok","extra":true}"#;
        let envelope = read(&NAMES, body).unwrap();
        assert_eq!(
            (envelope.code.as_str(), envelope.message.as_str()),
            ("00", "ok")
        );
        assert_eq!(envelope.data.unwrap().get(), r#"{"items":[1,2]}"#);
    }

    #[test]
    fn reads_numeric_codes_and_null_or_absent_data() {
        let envelope = read(&NAMES, br#"{"code":0,"data":null}"#).unwrap();
        assert_eq!(
            (envelope.code.as_str(), envelope.message.as_str()),
            ("0", "")
        );
        assert!(envelope.data.is_none());
    }

    #[test]
    fn rejects_what_is_not_an_envelope() {
        assert!(
            read(&NAMES, br#"{"message":"x"}"#)
                .unwrap_err()
                .contains("missing field `code`")
        );
        assert!(read(&NAMES, b"[1]").is_err());
        assert!(read(&NAMES, br#"{"code":"0"} trailing"#).is_err());
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Items {
        items: Vec<i64>,
    }

    /// Where `read_typed` answers, it answers what decoding `read`'s raw data gives.
    fn same_as_raw(body: &[u8]) -> Option<Envelope<Items>> {
        let typed = read_typed::<Items>(&NAMES, body)?;
        let raw = read(&NAMES, body).expect("read reads what read_typed reads");
        assert_eq!((&typed.code, &typed.message), (&raw.code, &raw.message));
        let from_raw = raw
            .data
            .map(|data| serde_json::from_str::<Items>(data.get()).unwrap());
        assert_eq!(typed.data, from_raw);
        Some(typed)
    }

    #[test]
    fn typed_reading_decodes_data_in_one_pass() {
        let body = br#"{"data":{"items":[1,2]},"code":"00","message":"ok","extra":[{}]}"#;
        let envelope = same_as_raw(body).unwrap();
        assert_eq!(envelope.code, "00");
        assert_eq!(envelope.data, Some(Items { items: vec![1, 2] }));
        // A number as the code, null or absent data, repeated keys (the last one counts).
        assert_eq!(
            same_as_raw(br#"{"code":0,"data":null}"#).unwrap().data,
            None
        );
        assert_eq!(same_as_raw(br#"{"code":"0"}"#).unwrap().message, "");
        let repeated = br#"{"code":"1","data":{"items":[1]},"code":"00","data":{"items":[3]}}"#;
        let envelope = same_as_raw(repeated).unwrap();
        assert_eq!(envelope.code, "00");
        assert_eq!(envelope.data, Some(Items { items: vec![3] }));
    }

    #[test]
    fn typed_reading_declines_everything_else() {
        for body in [
            &br#"{"code":"1","data":"not the type"}"#[..],
            br#"{"code":"00","data":{"items":["x"]}}"#,
            br#"{"message":"no code"}"#,
            br#"{"code":"00"} trailing"#,
            b"[1]",
            b"",
        ] {
            assert!(read_typed::<Items>(&NAMES, body).is_none(), "{body:?}");
        }
    }
}
