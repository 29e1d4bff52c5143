//! Items that generated code reaches through `::veil::__private`. Not a public API: their
//! shape follows the generator, and users need no direct dependency on what is re-exported.

#[cfg(feature = "client")]
pub mod bench;
pub mod check;
pub mod lenient;
pub mod meta;
#[cfg(feature = "server")]
pub mod server;

pub use crate::redact::Redacted;
#[cfg(feature = "server")]
pub use axum;
#[cfg(feature = "client")]
pub use reqwest;
pub use serde;
