//! Multipart bodies as serde data: a request struct reads its fields from named parts (text
//! parts parse into numbers, booleans and lenient scalars as form values do; file parts become
//! [`FilePart`](crate::FilePart)s).

#[cfg(feature = "server")]
mod de;
#[cfg(feature = "server")]
mod scan;
#[cfg(feature = "client")]
mod ser;

#[cfg(feature = "server")]
pub(crate) use de::PartsDeserializer;
#[cfg(feature = "server")]
pub(crate) use scan::{HeadersTooLarge, Scanner};
#[cfg(feature = "client")]
pub(crate) use ser::to_parts;

/// The value of one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PartValue {
    /// A part without a file name: text.
    Text(String),
    /// A part with a file name: a file.
    File(crate::FilePart),
}

/// An error reading parts into a request. It never quotes a part's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

#[cfg(feature = "server")]
impl serde::de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}
