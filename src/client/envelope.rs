//! Reading the envelope of an answer under the spec's field names, without a JSON tree: the
//! payload is kept raw until the code says it is a success, so a failure's `data` (often
//! absent or of another shape) is never decoded.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::__private::meta::EnvelopeNames;

/// An envelope as read: the payload still raw.
#[derive(Debug)]
pub(crate) struct RawEnvelope<'a> {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) data: Option<&'a RawValue>,
}

/// Reads a body as an envelope with these field names.
pub(crate) fn read<'a>(names: &EnvelopeNames, body: &'a [u8]) -> Result<RawEnvelope<'a>, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let envelope = EnvelopeSeed { names }
        .deserialize(&mut deserializer)
        .map_err(|err| err.to_string())?;
    deserializer.end().map_err(|err| err.to_string())?;
    Ok(envelope)
}

struct EnvelopeSeed<'n> {
    names: &'n EnvelopeNames,
}

impl<'de> DeserializeSeed<'de> for EnvelopeSeed<'_> {
    type Value = RawEnvelope<'de>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EnvelopeSeed<'_> {
    type Value = RawEnvelope<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an envelope object with `{}`", self.names.code)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut code, mut message, mut data) = (None, None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.names.code {
                // Codes are strings in these APIs; a number is read as its text.
                code = Some(map.next_value_seed(LenientText)?);
            } else if key == self.names.message {
                message = Some(map.next_value_seed(LenientText)?);
            } else if key == self.names.data {
                let raw: &'de RawValue = map.next_value()?;
                data = (raw.get() != "null").then_some(raw);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        let code = code.ok_or_else(|| de::Error::missing_field(self.names.code))?;
        Ok(RawEnvelope {
            code,
            message: message.unwrap_or_default(),
            data,
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
}
