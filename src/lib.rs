//! veil: one YAML spec describes a disguised HTTP API — public paths, real names, decoy
//! fields, request fields and response shapes — and [`generate!`] turns it into typed models,
//! server traits with an axum router, and clients, at compile time.
//!
//! ```ignore
//! mod api {
//!     veil::generate!("../spec/crapido.yaml");
//! }
//! ```
//!
//! The spec format is documented in `docs/spec-format.md`.
#![deny(missing_docs)]

#[cfg(any(feature = "server", feature = "client"))]
mod body;
#[cfg(feature = "client")]
pub mod client;
mod credential;
#[cfg(any(feature = "server", feature = "client"))]
mod decode_error;
#[cfg(any(feature = "server", feature = "client"))]
mod echo;
mod file;
#[cfg(any(feature = "server", feature = "client"))]
mod multipart;
mod redact;
#[cfg(feature = "server")]
pub mod server;

pub mod validate;

pub use credential::Credential;
pub use file::FilePart;
pub use veil_macros::generate;

#[doc(hidden)]
pub mod __private;
