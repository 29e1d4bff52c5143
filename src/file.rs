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
}
