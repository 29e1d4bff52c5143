//! The Crapido API, derived at compile time from `spec/crapido.yaml`.
//!
//! This crate is the first user of veil: everything in [`crapido`] comes from the spec, and the
//! crate builds under `#![deny(warnings, missing_docs)]` and clippy's `-D warnings`, which keeps
//! the generated code clean for every user.
#![deny(warnings, missing_docs)]

/// Crapido's certification (KYC) API, generated from `spec/crapido.yaml`.
pub mod crapido {
    veil::generate!("../../spec/crapido.yaml");
}
