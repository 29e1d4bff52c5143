//! SQLite storage of everything the applicants submit (form values, photos, corrected ID data)
//! and of their logins (code and session digests).
//!
//! One connection behind a mutex; every query runs on tokio's blocking pool
//! ([`Store::call`]), so that no async task waits on SQLite and no lock is ever held across an
//! `.await`. The schema is created and upgraded by [`migrations`] when the store opens.

mod error;
mod forms;
mod identity;
mod logins;
pub mod migrations;
mod photos;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

pub use error::StoreError;
pub use forms::{Form, Values};
pub use identity::Identity;
pub use logins::LoginState;
pub use photos::Photo;

/// The database: cheap to clone, clones share the connection.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the database in `path` (created if missing), or a fresh one in memory when `path`
    /// is `None`, and brings its schema up to date.
    pub fn open(path: Option<&Path>) -> Result<Store, StoreError> {
        let mut connection = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::apply(&mut connection)?;
        Ok(Store {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Runs `query` on the connection, on tokio's blocking pool. The lock is held for the
    /// query only.
    pub async fn call<T, F>(&self, query: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        tokio::task::spawn_blocking(move || {
            let mut connection = connection.lock().map_err(|_| StoreError::Poisoned)?;
            query(&mut connection)
        })
        .await
        .map_err(|_| StoreError::Interrupted)?
    }
}

/// Milliseconds since the Unix epoch, for `*_at` columns.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}
