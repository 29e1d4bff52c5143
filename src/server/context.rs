//! What user code learns about a request besides its typed body.

use axum::http::HeaderMap;

/// The disguise a request came in through, and its headers.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub(crate) public_path: &'static str,
    pub(crate) real_name: &'static str,
    pub(crate) variant: &'static str,
    pub(crate) via_real_name: bool,
    pub(crate) headers: HeaderMap,
}

impl RequestContext {
    /// A context as the router makes one, for calling a trait implementation directly (in
    /// tests, or from another transport).
    pub fn new(
        public_path: &'static str,
        real_name: &'static str,
        variant: &'static str,
        headers: HeaderMap,
    ) -> Self {
        RequestContext {
            public_path,
            real_name,
            variant,
            via_real_name: false,
            headers,
        }
    }

    /// The public path of the endpoint in the variant the request came in through.
    pub fn public_path(&self) -> &'static str {
        self.public_path
    }

    /// The endpoint's real name.
    pub fn real_name(&self) -> &'static str {
        self.real_name
    }

    /// The app build (variant) whose disguise the request used.
    pub fn variant(&self) -> &'static str {
        self.variant
    }

    /// True when the request was sent to the real name (only routed when
    /// [`ServerOptions::route_real_names`](crate::server::ServerOptions::route_real_names) is on).
    pub fn via_real_name(&self) -> bool {
        self.via_real_name
    }

    /// The request's headers (app version, auth, ...).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

/// One route of a generated server: the generated `ROUTES` table lists them all, for gateways,
/// docs and tools that map public paths to real names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    /// The service the endpoint belongs to, as the spec names it.
    pub service: &'static str,
    /// The endpoint's Rust method name.
    pub method: &'static str,
    /// The endpoint's real name.
    pub real_name: &'static str,
    /// The public path.
    pub public_path: &'static str,
    /// The variant (app build) the public path belongs to.
    pub variant: &'static str,
    /// The envelope code a success of this endpoint is answered with.
    pub success_code: &'static str,
}
