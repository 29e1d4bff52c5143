//! The runtime of generated servers: what user code sees ([`RequestContext`], [`ApiError`],
//! [`ServerOptions`]) and the request pipeline behind every generated route.
//!
//! A request to a public path goes through one pipeline (`handle`): method, content type, size,
//! decoding (JSON, form or multipart), decoys, then the user's trait method, whose result is
//! wrapped in the spec's envelope. Every failure on the way is an envelope too; user code is
//! reached only with a well-formed, typed request.

mod context;
mod decode;
mod error;
mod failure;
mod handle;
mod names;
mod options;
mod respond;
mod router;
mod serve;
mod session;

pub use context::{RequestContext, RouteInfo};
pub use error::ApiError;
pub use options::ServerOptions;
pub use router::RouterBuilder;
pub use serve::{DEFAULT_HEADER_TIMEOUT, DEFAULT_SHUTDOWN_GRACE, Serve, serve};
pub use session::Authenticate;
