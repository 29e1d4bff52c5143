//! The whole of `spec/crapido.yaml` (models, server and client) expands to code that builds
//! without a warning and with every public item documented.
#![deny(warnings, missing_docs)]

/// Crapido's certification (KYC) API, generated from `spec/crapido.yaml`.
pub mod crapido {
    veil::generate!("../../spec/crapido.yaml");
}

fn main() {}
