//! Settings of a generated server that are not the spec's to fix.

/// Options for a generated router; the defaults come from the spec.
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    pub(crate) body_limit: Option<usize>,
    pub(crate) upload_limit: Option<usize>,
    pub(crate) route_real_names: bool,
}

impl ServerOptions {
    /// The spec's defaults: its body limits, and only public paths routed.
    pub fn new() -> Self {
        ServerOptions::default()
    }

    /// The largest JSON or form body accepted, in bytes, instead of the spec's `body_limit`.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = Some(bytes);
        self
    }

    /// The largest multipart body accepted, in bytes, instead of the spec's `upload_limit`.
    #[must_use]
    pub fn upload_limit(mut self, bytes: usize) -> Self {
        self.upload_limit = Some(bytes);
        self
    }

    /// Routes every endpoint at its real name too, for internal gateways that call the backend
    /// undisguised. Off by default: a public server answers real names with the not-found
    /// envelope, so the disguise does not leak.
    #[must_use]
    pub fn route_real_names(mut self, route: bool) -> Self {
        self.route_real_names = route;
        self
    }
}
