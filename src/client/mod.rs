//! The runtime of generated clients: a [`Transport`] (reqwest, the base URL, timeouts and
//! default headers) and [`ClientError`]. Generated `<Service>Client`s wrap a `Transport` and
//! add one method per endpoint.
//!
//! Every call goes to the endpoint's public path with its encoding, and carries every decoy: a
//! fixed value as the spec says, or a fresh one for decoys the spec marks `generate`. Callers
//! never see decoys, so they cannot forget or alter one.

pub(crate) mod encode;
mod envelope;
mod error;
pub(crate) mod transport;

pub use error::ClientError;
pub use transport::{Transport, TransportBuilder};
