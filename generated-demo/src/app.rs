//! The demo server: the generated router over a [`Backend`], plus the login and photos
//! routes, on a loopback address.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use veil::server::ServerOptions;

use crate::backend::Backend;
use crate::forms::SeedError;
use crate::session::{Clock, CodeSender, Sessions};
use crate::store::{Store, StoreError};
use crate::{crapido, files, login};

/// The whole HTTP surface: every public path of the spec served by `api` (the [`Backend`], or
/// a wrapper of it in tests), the login routes of [`login`], and `/files/{token}`.
pub fn router<A>(api: A, store: Store, sessions: Sessions) -> Router
where
    A: crapido::CertifyApi + crapido::BindCardApi,
{
    let api = crapido::router(api, ServerOptions::new());
    let api = login::add_routes(api, sessions.clone());
    files::add_route(api, store, sessions)
}

/// How a server is set up: where its data lives, how login codes reach the applicant, and
/// the clock sessions expire by.
#[derive(Clone)]
pub struct Setup {
    db: Option<PathBuf>,
    sender: Arc<dyn CodeSender>,
    clock: Clock,
}

impl Setup {
    /// Data in memory, codes sent through `sender`, the system's clock.
    pub fn new(sender: impl CodeSender) -> Setup {
        Setup {
            db: None,
            sender: Arc::new(sender),
            clock: Clock::System,
        }
    }

    /// Keeps the data in the SQLite file `path` (created if missing).
    #[must_use]
    pub fn db(mut self, path: Option<&Path>) -> Setup {
        self.db = path.map(Path::to_path_buf);
        self
    }

    /// Reads the time from `clock` (a manual one in tests).
    #[must_use]
    pub fn clock(mut self, clock: Clock) -> Setup {
        self.clock = clock;
        self
    }
}

impl fmt::Debug for Setup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Setup")
            .field("db", &self.db)
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

/// A server bound to its address, not yet serving.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
}

impl Server {
    /// Opens the database of `setup`, binds `addr` (port 0 picks a free one) and builds the
    /// router. Only loopback addresses are accepted: the demo serves plain HTTP (a session
    /// token would cross the network in clear) and its login codes go to a stand-in.
    pub async fn bind(addr: SocketAddr, setup: Setup) -> Result<Server, ServeError> {
        if !addr.ip().is_loopback() {
            return Err(ServeError::NotLoopback(addr));
        }
        let store = Store::open(setup.db.as_deref()).map_err(ServeError::Store)?;
        let sessions = Sessions::new(store.clone(), setup.sender, setup.clock);
        let listener = TcpListener::bind(addr).await.map_err(ServeError::Bind)?;
        let addr = listener.local_addr().map_err(ServeError::Bind)?;
        let backend = Backend::new(store.clone(), sessions.clone(), format!("http://{addr}"))
            .map_err(ServeError::Seed)?;
        Ok(Server {
            listener,
            router: router(backend, store, sessions),
            addr,
        })
    }

    /// The address bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL clients use, such as `http://127.0.0.1:8080`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves until SIGTERM or Ctrl-C, then lets the requests in flight finish (10 s at most)
    /// and returns: veil's defaults for the open Internet.
    pub async fn run(self) -> std::io::Result<()> {
        veil::server::serve(self.listener, self.router).await
    }

    /// Serves on a background task; the server stops when the [`Running`] handle is dropped.
    pub fn spawn(self) -> Running {
        let base_url = self.base_url();
        Running {
            base_url,
            task: tokio::spawn(self.run()),
        }
    }
}

/// A server serving on a background task; dropping it stops the server.
#[derive(Debug)]
pub struct Running {
    base_url: String,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// The base URL clients use.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The address is not a loopback address.
    NotLoopback(SocketAddr),
    /// The address could not be bound.
    Bind(std::io::Error),
    /// The database could not be opened or migrated.
    Store(StoreError),
    /// The seed's forms could not be read.
    Seed(SeedError),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::NotLoopback(addr) => write!(
                f,
                "{addr} is not a loopback address: the demo serves plain HTTP and prints login codes, bind 127.0.0.1"
            ),
            ServeError::Bind(err) => write!(f, "cannot bind the address: {err}"),
            ServeError::Store(err) => write!(f, "cannot open the database: {err}"),
            ServeError::Seed(err) => write!(f, "cannot read the seed's forms: {err}"),
        }
    }
}

impl std::error::Error for ServeError {}
