//! The Crapido API, derived at compile time from `spec/crapido.yaml`, and a demo built on it.
//!
//! This crate is the first user of veil: everything in [`crapido`] comes from the spec, and the
//! crate builds under `#![deny(warnings, missing_docs)]` and clippy's `-D warnings`, which keeps
//! the generated code clean for every user.
//!
//! Around the generated code, the demo has:
//! - [`backend`]: the generated server traits implemented with real behaviour, every submission
//!   stored per applicant in SQLite ([`store`]), the init endpoints answering the seed
//!   document's form items ([`forms`]) filled with what was stored;
//! - [`session`]: logins (a one-time code standing in for the app's SMS one) and the sessions
//!   every request is authenticated by, stored as digests ([`login`] has the routes);
//! - [`app`]: the generated router plus the login routes and the route that serves uploaded
//!   photos to their owner ([`files`]), and the server;
//! - [`walk`]: the generated clients walking the KYC flow as the app does, printing a table.
#![deny(warnings, missing_docs)]

/// Crapido's certification (KYC) API, generated from `spec/crapido.yaml`.
pub mod crapido {
    veil::generate!("../../spec/crapido.yaml", models, server, client, openapi);
}

pub mod app;
pub mod applicant;
pub mod backend;
pub mod credential;
pub mod files;
pub mod forms;
pub mod login;
mod reply;
pub mod session;
pub mod store;
pub mod walk;
