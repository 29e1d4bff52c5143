//! Login codes and sessions, stored as SHA-256 digests only.
//!
//! The rules (how many wrong codes, how long a lock) are [`crate::session`]'s: this module
//! reads and writes the rows, and runs each read-modify-write of a login in one transaction,
//! so that concurrent wrong codes cannot each read the same count and together exceed the
//! limit.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};

/// The login state of one mobile number. Holds no secret: the code is a digest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginState {
    /// The SHA-256 digest (hex) of the code in force, if one is.
    pub code_digest: Option<String>,
    /// When the code stops being accepted, in ms since the Unix epoch.
    pub expires_at: i64,
    /// Wrong codes since the last login or lock.
    pub failures: u32,
    /// Until when the mobile may neither get a code nor log in, in ms since the Unix epoch.
    pub locked_until: i64,
    /// Codes sent since `window_start`.
    pub codes_sent: u32,
    /// When the current window of codes sent began, in ms since the Unix epoch.
    pub window_start: i64,
}

impl Store {
    /// Runs `change` on the login state of `mobile` (the default state if it has none) and
    /// stores the state it returns if it differs, in one transaction; returns what `change`
    /// decided.
    pub async fn update_login<T, F>(&self, mobile: &str, change: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(LoginState) -> (LoginState, T) + Send + 'static,
    {
        let mobile = mobile.to_owned();
        self.call(move |connection| {
            let transaction = connection.transaction()?;
            let current = transaction
                .query_row(
                    "SELECT code_digest, expires_at, failures, locked_until, codes_sent,
                            window_start
                     FROM login_codes WHERE mobile = ?1",
                    [&mobile],
                    |row| {
                        Ok(LoginState {
                            code_digest: row.get(0)?,
                            expires_at: row.get(1)?,
                            failures: row.get(2)?,
                            locked_until: row.get(3)?,
                            codes_sent: row.get(4)?,
                            window_start: row.get(5)?,
                        })
                    },
                )
                .optional()?
                .unwrap_or_default();
            let (next, decided) = change(current.clone());
            // Nothing to write (an attempt with no code in force, or during a lock): no row
            // is created for a mobile that only ever sent guesses.
            if next == current {
                return Ok(decided);
            }
            transaction.execute(
                "INSERT INTO login_codes
                     (mobile, code_digest, expires_at, failures, locked_until, codes_sent,
                      window_start)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (mobile) DO UPDATE SET
                     code_digest = excluded.code_digest,
                     expires_at = excluded.expires_at,
                     failures = excluded.failures,
                     locked_until = excluded.locked_until,
                     codes_sent = excluded.codes_sent,
                     window_start = excluded.window_start",
                (
                    &mobile,
                    &next.code_digest,
                    next.expires_at,
                    next.failures,
                    next.locked_until,
                    next.codes_sent,
                    next.window_start,
                ),
            )?;
            transaction.commit()?;
            Ok(decided)
        })
        .await
    }

    /// Stores a session of `mobile` under the digest of its token, until `expires_at`; drops
    /// the sessions that expired by `now`, so that the table does not grow forever.
    pub async fn add_session(
        &self,
        token_digest: String,
        mobile: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let mobile = mobile.to_owned();
        self.call(move |connection| {
            let transaction = connection.transaction()?;
            transaction.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?;
            transaction.execute(
                "INSERT INTO sessions (token_digest, mobile, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4)",
                (&token_digest, &mobile, now, expires_at),
            )?;
            transaction.commit()?;
            Ok(())
        })
        .await
    }

    /// The mobile of the session whose token has `token_digest`, if it exists and has not
    /// expired at `now`.
    pub async fn session_owner(
        &self,
        token_digest: String,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        self.call(move |connection| {
            Ok(connection
                .prepare_cached(
                    "SELECT mobile FROM sessions WHERE token_digest = ?1 AND expires_at > ?2",
                )?
                .query_row((&token_digest, now), |row| row.get(0))
                .optional()?)
        })
        .await
    }

    /// How many sessions are stored, expired ones included.
    pub async fn session_count(&self) -> Result<u64, StoreError> {
        self.call(|connection| {
            let count: i64 =
                connection.query_row("SELECT COUNT(*) FROM sessions", [], |row| row.get(0))?;
            Ok(u64::try_from(count).unwrap_or(0))
        })
        .await
    }
}
