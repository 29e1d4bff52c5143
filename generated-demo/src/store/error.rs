//! What can go wrong with the database.

use std::fmt;

/// A failure of the database. Its text names what failed, never a stored value.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed.
    Sqlite(rusqlite::Error),
    /// A query panicked earlier while holding the connection.
    Poisoned,
    /// The blocking task running a query was cancelled or panicked.
    Interrupted,
    /// The database was written by a newer version of this program.
    TooNew {
        /// The schema version found in the database.
        found: i64,
        /// The newest schema version this program knows.
        known: i64,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(err) => write!(f, "SQLite: {err}"),
            StoreError::Poisoned => f.write_str("the connection is unusable after a failed query"),
            StoreError::Interrupted => f.write_str("a database task was interrupted"),
            StoreError::TooNew { found, known } => write!(
                f,
                "the database has schema version {found}, newer than this program's {known}"
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite(err) => Some(err),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        StoreError::Sqlite(err)
    }
}
