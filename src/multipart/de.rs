//! Reading parts as serde data.

use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::{Error, PartValue};
use crate::FilePart;

/// Reads a list of named parts as a map (a request struct's fields).
pub(crate) struct PartsDeserializer {
    parts: std::vec::IntoIter<(String, PartValue)>,
    pending: Option<PartValue>,
}

impl PartsDeserializer {
    pub(crate) fn new(parts: Vec<(String, PartValue)>) -> Self {
        PartsDeserializer {
            parts: parts.into_iter(),
            pending: None,
        }
    }
}

impl<'de> Deserializer<'de> for PartsDeserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for PartsDeserializer {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.parts.next() {
            Some((name, value)) => {
                self.pending = Some(value);
                let key: StringDeserializer<Error> = name.into_deserializer();
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(PartDeserializer(value)),
            None => Err(de::Error::custom("a part value was read before its name")),
        }
    }
}

/// One part's value. Text parses into whatever the field asks for, as a form value does; a
/// file reads as a [`FilePart`], or as text where a string is asked for.
struct PartDeserializer(PartValue);

impl PartDeserializer {
    fn text(self) -> Result<String, Error> {
        match self.0 {
            PartValue::Text(text) => Ok(text),
            PartValue::File(file) => String::from_utf8(file.bytes)
                .map_err(|_| de::Error::custom("expected text, found a binary file")),
        }
    }
}

/// Parses a text part into a number or boolean, naming the expected type, never the text.
macro_rules! parse_text {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                let text = self.text()?;
                match text.trim().parse::<$ty>() {
                    Ok(value) => visitor.$visit(value),
                    Err(_) => Err(de::Error::custom(concat!("invalid value, expected ", stringify!($ty)))),
                }
            }
        )*
    };
}

impl<'de> Deserializer<'de> for PartDeserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            PartValue::Text(text) => visitor.visit_string(text),
            PartValue::File(file) => visitor.visit_map(FileAccess::new(file)),
        }
    }

    parse_text! {
        deserialize_bool => visit_bool: bool,
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.text()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.text()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let text: StringDeserializer<Error> = self.text()?.into_deserializer();
        text.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let file = match self.0 {
            PartValue::File(file) => file,
            // A text part where a file is expected: its text is the file.
            PartValue::Text(text) => FilePart {
                file_name: None,
                content_type: None,
                bytes: text.into_bytes(),
            },
        };
        visitor.visit_map(FileAccess::new(file))
    }

    forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The fields of a [`FilePart`], for its derived `Deserialize`.
struct FileAccess {
    file: FilePart,
    next: usize,
}

impl FileAccess {
    const FIELDS: [&'static str; 3] = ["file_name", "content_type", "bytes"];

    fn new(file: FilePart) -> Self {
        FileAccess { file, next: 0 }
    }
}

impl<'de> MapAccess<'de> for FileAccess {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match Self::FIELDS.get(self.next) {
            Some(field) => seed.deserialize((*field).into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let index = self.next;
        self.next += 1;
        match index {
            0 => seed.deserialize(OptionalText(self.file.file_name.take())),
            1 => seed.deserialize(OptionalText(self.file.content_type.take())),
            _ => seed.deserialize(BytesDeserializer(std::mem::take(&mut self.file.bytes))),
        }
    }
}

/// A file's bytes, handed over without copying.
struct BytesDeserializer(Vec<u8>);

impl<'de> Deserializer<'de> for BytesDeserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_byte_buf(self.0)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// A file's name or media type, which a part may lack.
struct OptionalText(Option<String>);

impl<'de> Deserializer<'de> for OptionalText {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Some(text) => visitor.visit_some(IntoDeserializer::<Error>::into_deserializer(text)),
            None => visitor.visit_none(),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}
