//! Files sent in multipart requests.

use core::fmt;

use serde::{Deserialize, Serialize};

/// A file part of a multipart request: the bytes with the file name and media type that go
/// with them on the wire.
///
/// `Debug` prints the name, type and size, never the bytes: uploads in a KYC flow are photos
/// of identity documents.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePart {
    /// The file name sent in the part's `Content-Disposition`.
    pub file_name: Option<String>,
    /// The media type sent as the part's `Content-Type`, such as `image/jpeg`.
    pub content_type: Option<String>,
    /// The file's contents.
    #[serde(with = "bytes_field")]
    pub bytes: Vec<u8>,
}

impl FilePart {
    /// A part holding `bytes`, named `file_name`, of media type `content_type`.
    pub fn new(
        bytes: impl Into<Vec<u8>>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
    ) -> Self {
        FilePart {
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            bytes: bytes.into(),
        }
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The bytes travel as serde bytes, so that a multipart body hands them over without a copy;
/// JSON, which has no bytes, reads and writes them as an array of numbers.
mod bytes_field {
    use core::fmt;

    use serde::de::{Deserializer, SeqAccess, Visitor};
    use serde::ser::Serializer;

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_byte_buf(BytesVisitor)
    }

    struct BytesVisitor;

    impl<'de> Visitor<'de> for BytesVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("bytes")
        }

        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
            Ok(bytes.to_vec())
        }

        fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(bytes)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
            while let Some(byte) = seq.next_element()? {
                bytes.push(byte);
            }
            Ok(bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FilePart;

    #[test]
    fn debug_shows_the_size_not_the_bytes() {
        let part = FilePart::new(vec![0xFF, 0xD8, 0xFF], "front.jpg", "image/jpeg");
        let printed = format!("{part:?}");
        assert!(printed.contains("len: 3"), "{printed}");
        assert!(!printed.contains("255"), "{printed}");
    }

    #[test]
    fn json_round_trips_the_bytes() {
        let part = FilePart::new(vec![1, 2, 255], "a.bin", "application/octet-stream");
        let json = serde_json::to_string(&part).unwrap();
        assert_eq!(
            json,
            r#"{"file_name":"a.bin","content_type":"application/octet-stream","bytes":[1,2,255]}"#
        );
        assert_eq!(serde_json::from_str::<FilePart>(&json).unwrap(), part);
    }
}
