//! Uploaded photos: the bytes, and the token they are served back under.

use std::fmt;

use rusqlite::OptionalExtension;

use super::{Store, StoreError, now_ms};

/// A stored photo, as served back.
#[derive(Clone, PartialEq, Eq)]
pub struct Photo {
    /// Its media type, such as `image/jpeg`.
    pub content_type: String,
    /// The image.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Photo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Photo")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl Store {
    /// Stores a photo of `kind` (the upload's `type` code) for the person `mobile`, replacing
    /// the person's earlier photo of that kind (whose token then serves nothing); returns the
    /// new unguessable token (32 hex digits from SQLite's `randomblob`) it is served under.
    ///
    /// The row is written with a zero-filled blob of the photo's size, then the bytes go
    /// straight into its pages through SQLite's incremental blob I/O: bound as a parameter,
    /// SQLite would first copy the bytes, then build the record from the copy, and a 10 MiB
    /// upload would briefly cost three times its size on top of the request's own buffer.
    pub async fn add_photo(
        &self,
        mobile: &str,
        kind: i64,
        photo: Photo,
    ) -> Result<String, StoreError> {
        let mobile = mobile.to_owned();
        self.call(move |connection| {
            let transaction = connection.transaction()?;
            // Past i64, SQLite refuses the blob as too big itself.
            let size = i64::try_from(photo.bytes.len()).unwrap_or(i64::MAX);
            let (id, token): (i64, String) = transaction.query_row(
                "INSERT INTO photos (token, mobile, kind, content_type, bytes, uploaded_at)
                 VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, zeroblob(?4), ?5)
                 ON CONFLICT (mobile, kind) DO UPDATE SET
                     token = excluded.token,
                     content_type = excluded.content_type,
                     bytes = excluded.bytes,
                     uploaded_at = excluded.uploaded_at
                 RETURNING id, token",
                (&mobile, kind, &photo.content_type, size, now_ms()),
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            let mut blob =
                transaction.blob_open(rusqlite::MAIN_DB, "photos", "bytes", id, false)?;
            blob.write_at(&photo.bytes, 0)?;
            blob.close()?;
            transaction.commit()?;
            Ok(token)
        })
        .await
    }

    /// The token of the latest photo of each kind the person `mobile` uploaded, by kind.
    pub async fn latest_photos(&self, mobile: &str) -> Result<Vec<(i64, String)>, StoreError> {
        let mobile = mobile.to_owned();
        self.call(move |connection| {
            let mut query = connection
                .prepare_cached("SELECT kind, token FROM photos WHERE mobile = ?1 ORDER BY kind")?;
            let rows = query.query_map([&mobile], |row| Ok((row.get(0)?, row.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// The photo served under `token`, if there is one and it belongs to the person `mobile`.
    pub async fn photo_of(&self, token: &str, mobile: &str) -> Result<Option<Photo>, StoreError> {
        let (token, mobile) = (token.to_owned(), mobile.to_owned());
        self.call(move |connection| {
            Ok(connection
                .query_row(
                    "SELECT content_type, bytes FROM photos WHERE token = ?1 AND mobile = ?2",
                    [&token, &mobile],
                    |row| {
                        Ok(Photo {
                            content_type: row.get(0)?,
                            bytes: row.get(1)?,
                        })
                    },
                )
                .optional()?)
        })
        .await
    }
}
