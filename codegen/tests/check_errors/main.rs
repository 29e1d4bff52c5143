//! Every class of spec mistake, one test each: the spec is a variation of a minimal valid spec,
//! and the test asserts the full first line of the rendered error, `spec/app.yaml:LINE:COL:
//! message`, and the place of its note when it has one.
//!
//! The specs are written flush left, starting right after `"\`, so that line 1 of the YAML is
//! the first line of the literal and columns are what they look like (1-based, in characters).
//! Each test says in a comment which line and column its error points at, and why.
//!
//! One test binary; each module mirrors the part of codegen that holds the rules it tests, and
//! `support` holds the minimal spec and the helpers they share.

mod support;

mod collection;
mod constraints;
mod decoys;
mod disguises;
mod endpoints;
mod load;
mod names;
mod server;
mod session;
mod top_level;
mod types;
