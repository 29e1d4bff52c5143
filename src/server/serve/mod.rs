//! Serving a router on a listener with defaults that hold on the open Internet: a time limit
//! on every request head (and so on idle keep-alive connections), a cap on the connections
//! held, and a graceful stop.

mod body;
mod connections;
mod limits;
mod signal;

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

use body::Watched;
use connections::{Connections, Held};

/// The default time limit on a request head: 10 s.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The default time given to requests in flight once a stop is asked for: 10 s.
pub const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// How long the accept loop rests after the system refuses to accept (out of file
/// descriptors), before it tries again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);

type Signal = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Serves `router` on `listener` with [`Serve`]'s defaults until SIGTERM or Ctrl-C; then
/// stops accepting, lets the requests in flight finish within the grace period, and returns.
/// For other settings, use [`Serve`].
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    Serve::new(listener, router).run().await
}

/// A server about to run: set it up with its methods, then `.await` it (or [`run`](Serve::run)
/// it).
///
/// ```ignore
/// veil::server::Serve::new(listener, router).max_connections(512).await?;
/// ```
///
/// | setting | default |
/// |---|---|
/// | [`header_timeout`](Serve::header_timeout) | 10 s |
/// | [`max_connections`](Serve::max_connections) | ¾ of the open-file limit (768 under 1,024), 16..=16,384 |
/// | [`shutdown_grace`](Serve::shutdown_grace) | 10 s |
/// | [`with_graceful_shutdown`](Serve::with_graceful_shutdown) | SIGTERM or Ctrl-C |
///
/// The time limits on bodies and handlers, and load shedding, are the router's:
/// [`ServerOptions`](super::ServerOptions).
#[must_use = "a server does nothing until it is awaited"]
pub struct Serve {
    listener: TcpListener,
    router: Router,
    header_timeout: Option<Duration>,
    max_connections: usize,
    shutdown_grace: Duration,
    signal: Signal,
}

impl Serve {
    /// `router` on `listener`, with the defaults above.
    pub fn new(listener: TcpListener, router: Router) -> Serve {
        Serve {
            listener,
            router,
            header_timeout: Some(DEFAULT_HEADER_TIMEOUT),
            max_connections: limits::default_max_connections(),
            shutdown_grace: DEFAULT_SHUTDOWN_GRACE,
            signal: Box::pin(signal::terminate_or_interrupt()),
        }
    }

    /// The time a connection has to send a complete request head, counted from its accept or
    /// from the end of its previous answer (hyper's `header_read_timeout`): it bounds slow
    /// headers and idle keep-alive connections alike. 10 s unless set; `None` waits forever.
    pub fn header_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.header_timeout = timeout.into();
        self
    }

    /// The most connections held at once (at least 1). Keep it below the process's open-file
    /// limit: at the cap, a new connection takes the slot of the one that has waited longest
    /// on its client (slow head, slow body, idle keep-alive); when every connection is being
    /// worked on, nothing more is accepted until one ends, and new clients wait in the
    /// listener's backlog. ¾ of the open-file limit unless set.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// How long requests in flight may still take once a stop is asked for; the connections
    /// left after it are dropped. 10 s unless set.
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.shutdown_grace = grace;
        self
    }

    /// Stops when `signal` completes, instead of on SIGTERM or Ctrl-C.
    pub fn with_graceful_shutdown<F>(mut self, signal: F) -> Self
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.signal = Box::pin(signal);
        self
    }

    /// Serves until the stop signal, then drains the connections within the grace period.
    /// Errors of one connection or of `accept` are logged, never returned.
    pub async fn run(self) -> std::io::Result<()> {
        let Serve {
            listener,
            router,
            header_timeout,
            max_connections,
            shutdown_grace,
            mut signal,
        } = self;
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        let connections = Connections::new(max_connections);
        let graceful = GracefulShutdown::new();
        loop {
            let stream = tokio::select! {
                biased;
                () = &mut signal => break,
                accepted = listener.accept() => match accepted {
                    Ok((stream, _peer)) => stream,
                    Err(err) => {
                        refused(&err).await;
                        continue;
                    }
                },
            };
            let held = tokio::select! {
                biased;
                () = &mut signal => break,
                held = connections.hold() => held,
            };
            tokio::spawn(connection(stream, &router, &http, held, &graceful));
        }
        drop(listener);
        drain(graceful, shutdown_grace).await;
        Ok(())
    }
}

impl IntoFuture for Serve {
    type Output = std::io::Result<()>;
    type IntoFuture = Pin<Box<dyn Future<Output = std::io::Result<()>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

impl fmt::Debug for Serve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Serve")
            .field("listener", &self.listener)
            .field("header_timeout", &self.header_timeout)
            .field("max_connections", &self.max_connections)
            .field("shutdown_grace", &self.shutdown_grace)
            .finish_non_exhaustive()
    }
}

/// One connection, served until it closes, times out, is evicted or is shut down.
fn connection(
    stream: TcpStream,
    router: &Router,
    http: &http1::Builder,
    held: Arc<Held>,
    graceful: &GracefulShutdown,
) -> impl Future<Output = ()> + Send + 'static {
    // Answers are small and written whole: sending them at once beats Nagle's batching.
    if let Err(err) = stream.set_nodelay(true) {
        tracing::debug!(%err, "cannot set TCP_NODELAY");
    }
    let service = {
        let held = Arc::clone(&held);
        let router = router.clone();
        service_fn(move |request: hyper::Request<Incoming>| {
            let request =
                request.map(|body| axum::body::Body::new(Watched::new(body, Arc::clone(&held))));
            let held = Arc::clone(&held);
            let router = router.clone();
            async move {
                let response = router.oneshot(request).await;
                held.wait_on_client();
                response
            }
        })
    };
    let served = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
    async move {
        tokio::select! {
            result = served => {
                if let Err(err) = result {
                    // Header timeouts and clients that hang up: routine on the Internet.
                    tracing::debug!(%err, "connection ended");
                }
            }
            () = held.evicted() => tracing::debug!("connection evicted to make room"),
        }
    }
}

/// What to do after `accept` failed: errors of one connection are skipped; others (out of
/// file descriptors) pause the loop briefly rather than spin or stop the server.
async fn refused(err: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::warn!(%err, "cannot accept a connection; pausing");
    tokio::time::sleep(ACCEPT_PAUSE).await;
}

/// Asks every connection to finish its request in flight and close, and waits for them for at
/// most `grace`.
async fn drain(graceful: GracefulShutdown, grace: Duration) {
    tracing::info!(
        connections = graceful.count(),
        "stopped accepting; finishing the requests in flight"
    );
    if tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            grace_ms = u64::try_from(grace.as_millis()).unwrap_or(u64::MAX),
            "the grace period ended with requests still in flight"
        );
    }
}
