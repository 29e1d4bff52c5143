//! The schema, as a list of migrations applied in order.
//!
//! `schema_version` holds one row per applied migration (its number, 1-based, and when it was
//! applied). Opening a database applies the migrations it has not seen yet, all in one
//! transaction, so a restart is a no-op and a failed upgrade leaves the database as it was.
//! Migrations are only ever appended to this list, never edited.

use rusqlite::Connection;

use super::{StoreError, now_ms};

/// The migrations, in order; migration `n` (1-based) is `MIGRATIONS[n - 1]`.
pub const MIGRATIONS: &[&str] = &[
    // 1: form submissions. `form_values` holds the latest submission of each form per applicant
    // (mobile, product id); `submissions` logs every submission (without its values).
    "CREATE TABLE form_values (
         mobile     TEXT NOT NULL,
         product_id TEXT NOT NULL,
         form       TEXT NOT NULL,
         code       TEXT NOT NULL,
         value      TEXT NOT NULL,
         PRIMARY KEY (mobile, product_id, form, code)
     );
     CREATE TABLE submissions (
         id           INTEGER PRIMARY KEY,
         mobile       TEXT NOT NULL,
         product_id   TEXT NOT NULL,
         form         TEXT NOT NULL,
         order_no     TEXT,
         fields       INTEGER NOT NULL,
         submitted_at INTEGER NOT NULL
     );
     CREATE INDEX submissions_by_applicant ON submissions (mobile, product_id);",
    // 2: identity documents, per person (mobile): the photos, served back by an unguessable
    // token, and the ID data the applicant corrected after OCR.
    "CREATE TABLE photos (
         id           INTEGER PRIMARY KEY,
         token        TEXT NOT NULL UNIQUE,
         mobile       TEXT NOT NULL,
         kind         INTEGER NOT NULL,
         content_type TEXT NOT NULL,
         bytes        BLOB NOT NULL,
         uploaded_at  INTEGER NOT NULL
     );
     CREATE INDEX photos_by_person ON photos (mobile, kind, id);
     CREATE TABLE identity (
         mobile       TEXT PRIMARY KEY,
         name         TEXT NOT NULL,
         id_number    TEXT NOT NULL,
         birthday     TEXT NOT NULL,
         corrected_at INTEGER NOT NULL
     );",
    // 3: one photo per person and kind, the latest: repeated uploads replace rather than pile
    // up. Earlier duplicates are dropped, keeping each kind's latest.
    "DELETE FROM photos
     WHERE id NOT IN (SELECT MAX(id) FROM photos GROUP BY mobile, kind);
     DROP INDEX photos_by_person;
     CREATE UNIQUE INDEX photos_one_per_kind ON photos (mobile, kind);",
    // 4: logins. `login_codes` holds, per mobile, the SHA-256 digest of the one code in force
    // (NULL once used, voided or never issued), its expiry, the wrong attempts since the last
    // login and the end of a lock. `sessions` holds the SHA-256 digest of each session token
    // with its applicant and expiry: a copy of the database lets nobody log in. Times are ms
    // since the Unix epoch.
    "CREATE TABLE login_codes (
         mobile       TEXT PRIMARY KEY,
         code_digest  TEXT,
         expires_at   INTEGER NOT NULL,
         failures     INTEGER NOT NULL,
         locked_until INTEGER NOT NULL
     );
     CREATE TABLE sessions (
         token_digest TEXT PRIMARY KEY,
         mobile       TEXT NOT NULL,
         created_at   INTEGER NOT NULL,
         expires_at   INTEGER NOT NULL
     );
     CREATE INDEX sessions_by_expiry ON sessions (expires_at);",
    // 5: how many codes were sent to each mobile in its current window, and when the window
    // began: the limit on SMS per mobile.
    "ALTER TABLE login_codes ADD COLUMN codes_sent INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE login_codes ADD COLUMN window_start INTEGER NOT NULL DEFAULT 0;",
];

/// The schema version this program writes: the number of migrations.
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Brings the schema of `connection` up to date; returns how many migrations were applied.
pub fn apply(connection: &mut Connection) -> Result<usize, StoreError> {
    let transaction = connection.transaction()?;
    transaction.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version    INTEGER PRIMARY KEY,
             applied_at INTEGER NOT NULL
         );",
    )?;
    let current: i64 = transaction.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |row| row.get(0),
    )?;
    let known = latest_version();
    if current > known {
        return Err(StoreError::TooNew {
            found: current,
            known,
        });
    }
    let mut applied = 0;
    for (version, sql) in (1..)
        .zip(MIGRATIONS)
        .skip_while(|(version, _)| *version <= current)
    {
        transaction.execute_batch(sql)?;
        transaction.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)",
            (version, now_ms()),
        )?;
        applied += 1;
    }
    transaction.commit()?;
    Ok(applied)
}

/// The schema version of `connection`: the last migration applied.
pub fn version(connection: &Connection) -> Result<i64, StoreError> {
    Ok(connection.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |row| row.get(0),
    )?)
}
