//! The server runtime, as generated code reaches it.

pub use crate::server::RouterBuilder;
