//! Lenient scalars: read a number or a string, write one canonical form.
//!
//! The same wire field comes as `1` from one endpoint and `"1"` from another (the seed's
//! `note[].type`, `inputType`); a client that rejected either would break on real traffic.

use core::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;

/// How a lenient integer is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteAs {
    /// As a JSON number.
    Integer,
    /// As a JSON string of decimal digits.
    String,
}

/// Writes `value` in the chosen form.
pub fn serialize_integer<S: Serializer>(
    value: i64,
    form: WriteAs,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match form {
        WriteAs::Integer => serializer.serialize_i64(value),
        WriteAs::String => serializer.collect_str(&value),
    }
}

/// Reads an integer from a number or from a string holding one (surrounding spaces allowed).
pub fn deserialize_integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_any(IntegerVisitor)
}

/// Reads a string from a string or from a number, which is kept as its decimal text.
pub fn deserialize_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(StringVisitor)
}

/// The error for a code that no choice of `type_name` has.
pub fn unknown_code<E: de::Error>(type_name: &str, code: i64) -> E {
    E::custom(format_args!("unknown code {code} for {type_name}"))
}

struct IntegerVisitor;

impl Visitor<'_> for IntegerVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<i64, E> {
        Ok(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<i64, E> {
        i64::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<i64, E> {
        value
            .trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
    }
}

struct StringVisitor;

impl Visitor<'_> for StringVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn integer(json: &str) -> Result<i64, serde_json::Error> {
        deserialize_integer(&mut serde_json::Deserializer::from_str(json))
    }

    fn string(json: &str) -> Result<String, serde_json::Error> {
        deserialize_string(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn integers_come_as_numbers_or_strings() {
        assert_eq!(integer("1").unwrap(), 1);
        assert_eq!(integer("\"1\"").unwrap(), 1);
        assert_eq!(integer("\" 40002 \"").unwrap(), 40002);
        assert_eq!(integer("-3").unwrap(), -3);
    }

    #[test]
    fn non_integers_are_errors_not_guesses() {
        for bad in [
            "\"one\"",
            "1.5",
            "true",
            "null",
            "[1]",
            "\"\"",
            "18446744073709551615",
        ] {
            let err = integer(bad).unwrap_err().to_string();
            assert!(
                err.contains("an integer, or a string holding one"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn strings_come_as_strings_or_numbers() {
        assert_eq!(string("\"0\"").unwrap(), "0");
        assert_eq!(string("0").unwrap(), "0");
        assert_eq!(string("2.5").unwrap(), "2.5");
        assert!(string("null").is_err());
        assert!(string("{}").is_err());
    }

    #[test]
    fn integers_are_written_in_the_chosen_form() {
        let mut out = Vec::new();
        serialize_integer(
            10,
            WriteAs::String,
            &mut serde_json::Serializer::new(&mut out),
        )
        .unwrap();
        assert_eq!(out, b"\"10\"");
        out.clear();
        serialize_integer(
            10,
            WriteAs::Integer,
            &mut serde_json::Serializer::new(&mut out),
        )
        .unwrap();
        assert_eq!(out, b"10");
    }
}
