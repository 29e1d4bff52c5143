//! Settings of a generated server that are not the spec's to fix.

use std::time::Duration;

/// Options for a generated router; the defaults come from the spec, and the time and
/// concurrency limits from the constants below, each chosen for a server facing the open
/// Internet.
///
/// The time limits use tokio's timer, so the router runs on a tokio runtime with time enabled,
/// as `#[tokio::main]`, `Builder::enable_all` and [`serve`](crate::server::serve) have it.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    pub(crate) body_limit: Option<usize>,
    pub(crate) upload_limit: Option<usize>,
    pub(crate) route_real_names: bool,
    pub(crate) handler_timeout: Duration,
    pub(crate) body_timeout: Option<Duration>,
    pub(crate) max_in_flight: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            body_limit: None,
            upload_limit: None,
            route_real_names: false,
            handler_timeout: ServerOptions::DEFAULT_HANDLER_TIMEOUT,
            body_timeout: None,
            max_in_flight: ServerOptions::DEFAULT_MAX_IN_FLIGHT,
        }
    }
}

impl ServerOptions {
    /// How long the endpoint's implementation may take to answer: 30 s.
    pub const DEFAULT_HANDLER_TIMEOUT: Duration = Duration::from_secs(30);
    /// The most requests one router works on at once, past which new ones are shed: 1,024.
    pub const DEFAULT_MAX_IN_FLIGHT: usize = 1024;
    /// The body time limit's fixed part: 10 s.
    const BODY_TIMEOUT_BASE: Duration = Duration::from_secs(10);
    /// The body time limit grows by a second for each of these bytes of the endpoint's limit
    /// (64 KiB): a client must keep up 64 KiB/s, a slow mobile uplink, to send a body as large
    /// as the limit allows.
    const BODY_BYTES_PER_SECOND: usize = 64 * 1024;

    /// The spec's defaults: its body limits, only public paths routed, and the default time and
    /// concurrency limits.
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

    /// How long the endpoint's implementation may take ([`Self::DEFAULT_HANDLER_TIMEOUT`]
    /// unless set). Past it the implementation's future is dropped (cancelled at its next
    /// `.await`) and the request is answered with the spec's `busy` envelope. A write the
    /// implementation had already committed stays committed: make writes idempotent where a
    /// client may retry.
    #[must_use]
    pub fn handler_timeout(mut self, limit: Duration) -> Self {
        self.handler_timeout = limit;
        self
    }

    /// How long a whole request body may take to arrive, for every endpoint. Unless set, each
    /// endpoint gets 10 s plus 1 s per 64 KiB of its body limit (`body_limit` or
    /// `upload_limit`): 11 s for a 64 KiB JSON limit, 170 s for a 10 MiB upload limit. Past it
    /// the request is answered with the `bad_request` envelope (HTTP 408 under `mapped`).
    #[must_use]
    pub fn body_timeout(mut self, limit: Duration) -> Self {
        self.body_timeout = Some(limit);
        self
    }

    /// The most requests the router works on at once ([`Self::DEFAULT_MAX_IN_FLIGHT`] unless
    /// set; at least 1). A request past it is answered at once with the spec's `busy` envelope
    /// (HTTP 503 under `mapped`) instead of queueing behind the others: under overload the
    /// server keeps answering, and clients learn to retry.
    #[must_use]
    pub fn max_in_flight(mut self, requests: usize) -> Self {
        self.max_in_flight = requests.max(1);
        self
    }

    /// The body time limit of an endpoint whose body may be `limit` bytes.
    pub(crate) fn body_timeout_for(&self, limit: usize) -> Duration {
        self.body_timeout.unwrap_or_else(|| {
            let per_size = u64::try_from(limit / Self::BODY_BYTES_PER_SECOND).unwrap_or(u64::MAX);
            Self::BODY_TIMEOUT_BASE.saturating_add(Duration::from_secs(per_size))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_time_limit_grows_with_the_endpoints_limit() {
        let options = ServerOptions::new();
        assert_eq!(options.body_timeout_for(64 * 1024), Duration::from_secs(11));
        assert_eq!(
            options.body_timeout_for(10 * 1024 * 1024),
            Duration::from_secs(170)
        );
        let fixed = options.body_timeout(Duration::from_secs(3));
        assert_eq!(
            fixed.body_timeout_for(10 * 1024 * 1024),
            Duration::from_secs(3)
        );
    }
}
