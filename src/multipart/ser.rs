//! Writing a request struct as parts: each field a text part, a [`FilePart`] a file part.

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};

use super::{Error, PartValue};
use crate::FilePart;

/// The parts of a request struct, in field order; `None` fields are left out.
pub(crate) fn to_parts<T: Serialize + ?Sized>(
    value: &T,
) -> Result<Vec<(String, PartValue)>, Error> {
    let mut parts = Vec::new();
    value.serialize(StructSerializer { parts: &mut parts })?;
    Ok(parts)
}

fn unsupported(what: &str) -> Error {
    Error(format!("{what} cannot be sent in a multipart body"))
}

/// Accepts the request struct itself.
struct StructSerializer<'a> {
    parts: &'a mut Vec<(String, PartValue)>,
}

impl<'a> Serializer for StructSerializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        Ok(self)
    }

    fn serialize_bool(self, _: bool) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_i8(self, _: i8) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_i16(self, _: i16) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_i32(self, _: i32) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_i64(self, _: i64) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_u8(self, _: u8) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_u16(self, _: u16) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_u32(self, _: u32) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_u64(self, _: u64) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_char(self, _: char) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_str(self, _: &str) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Error> {
        Err(unsupported("a bare value"))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(unsupported("an enum with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(unsupported("a list"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("an enum with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(unsupported("a map"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("an enum with data"))
    }
}

impl SerializeStruct for StructSerializer<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if let Some(part) = value.serialize(ValueSerializer)? {
            self.parts.push((key.to_owned(), part));
        }
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// One field's value: `Some(part)`, or `None` for an absent optional field.
struct ValueSerializer;

macro_rules! text {
    ($($method:ident: $ty:ty,)*) => {
        $(
            fn $method(self, value: $ty) -> Result<Option<PartValue>, Error> {
                Ok(Some(PartValue::Text(value.to_string())))
            }
        )*
    };
}

impl Serializer for ValueSerializer {
    type Ok = Option<PartValue>;
    type Error = Error;
    type SerializeSeq = Impossible<Option<PartValue>, Error>;
    type SerializeTuple = Impossible<Option<PartValue>, Error>;
    type SerializeTupleStruct = Impossible<Option<PartValue>, Error>;
    type SerializeTupleVariant = Impossible<Option<PartValue>, Error>;
    type SerializeMap = Impossible<Option<PartValue>, Error>;
    type SerializeStruct = FileSerializer;
    type SerializeStructVariant = Impossible<Option<PartValue>, Error>;

    text! {
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
        serialize_str: &str,
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<Option<PartValue>, Error> {
        Ok(Some(PartValue::File(FilePart {
            file_name: None,
            content_type: None,
            bytes: value.to_vec(),
        })))
    }
    fn serialize_none(self) -> Result<Option<PartValue>, Error> {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Option<PartValue>, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Option<PartValue>, Error> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Option<PartValue>, Error> {
        Ok(None)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Option<PartValue>, Error> {
        Ok(Some(PartValue::Text(variant.to_owned())))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Option<PartValue>, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Option<PartValue>, Error> {
        Err(unsupported("an enum with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(unsupported("a list"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("an enum with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(unsupported("a map"))
    }
    /// Only a [`FilePart`] is a struct here: the spec check allows no other in multipart
    /// requests.
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<FileSerializer, Error> {
        Ok(FileSerializer(FilePart::default()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("an enum with data"))
    }
}

/// Collects a [`FilePart`]'s fields.
struct FileSerializer(FilePart);

impl SerializeStruct for FileSerializer {
    type Ok = Option<PartValue>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let part = value.serialize(ValueSerializer)?;
        match (key, part) {
            ("file_name", Some(PartValue::Text(text))) => self.0.file_name = Some(text),
            ("content_type", Some(PartValue::Text(text))) => self.0.content_type = Some(text),
            ("bytes", Some(PartValue::File(file))) => self.0.bytes = file.bytes,
            (_, None) => {}
            (key, Some(_)) => {
                return Err(ser::Error::custom(format_args!(
                    "a file's `{key}` is not of its type"
                )));
            }
        }
        Ok(())
    }

    fn end(self) -> Result<Option<PartValue>, Error> {
        Ok(Some(PartValue::File(self.0)))
    }
}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::{FilePart, PartValue, to_parts};
    use serde::Serialize;

    #[derive(Serialize)]
    struct Upload {
        attach: FilePart,
        r#type: u8,
        note: Option<String>,
        kind: Kind,
    }

    #[derive(Serialize)]
    enum Kind {
        #[serde(rename = "front")]
        Front,
    }

    #[test]
    fn fields_become_text_and_file_parts() {
        let upload = Upload {
            attach: FilePart::new(vec![1, 2, 3], "a.jpg", "image/jpeg"),
            r#type: 11,
            note: None,
            kind: Kind::Front,
        };
        let parts = to_parts(&upload).unwrap();
        assert_eq!(
            parts,
            vec![
                (
                    "attach".to_owned(),
                    PartValue::File(FilePart::new(vec![1, 2, 3], "a.jpg", "image/jpeg"))
                ),
                ("type".to_owned(), PartValue::Text("11".into())),
                ("kind".to_owned(), PartValue::Text("front".into())),
            ]
        );
    }

    #[test]
    fn nested_data_is_refused() {
        #[derive(Serialize)]
        struct Nested {
            list: Vec<u8>,
        }
        let err = to_parts(&Nested { list: vec![1] }).unwrap_err();
        assert_eq!(err.to_string(), "a list cannot be sent in a multipart body");
    }
}
