//! Multipart bodies as serde data: a request struct reads its fields from named parts (text
//! parts parse into numbers, booleans and lenient scalars as form values do; file parts become
//! [`FilePart`](crate::FilePart)s).

#[cfg(feature = "server")]
mod de;
#[cfg(feature = "client")]
mod ser;

#[cfg(feature = "server")]
pub(crate) use de::PartsDeserializer;
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

/// The parts of a body, in order, names unique.
#[cfg(feature = "server")]
#[derive(Debug, Default)]
pub(crate) struct Parts {
    parts: Vec<(String, PartValue)>,
}

#[cfg(feature = "server")]
impl Parts {
    /// Adds a part; false when a part of that name is there already.
    pub(crate) fn push(&mut self, name: String, value: PartValue) -> bool {
        if self.get(&name).is_some() {
            return false;
        }
        self.parts.push((name, value));
        true
    }

    /// The part called `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&PartValue> {
        self.parts.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// A deserializer reading the parts as a struct's fields.
    pub(crate) fn into_deserializer(self) -> PartsDeserializer {
        PartsDeserializer::new(self.parts)
    }
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
