//! Items that generated code reaches through `::veil::__private`. Not a public API: their
//! shape follows the generator, and users need no direct dependency on what is re-exported.

pub mod lenient;

pub use crate::redact::Redacted;
pub use serde;
