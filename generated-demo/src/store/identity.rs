//! The ID data an applicant corrected after OCR could not read the front of the ID.

use std::fmt;

use rusqlite::OptionalExtension;

use super::{Store, StoreError, now_ms};

/// The holder's data as the applicant corrected it (save-basic-info). Personal data: `Debug`
/// prints none of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Identity {
    /// The holder's name.
    pub name: String,
    /// The CURP.
    pub id_number: String,
    /// The birth date, DD/MM/YYYY.
    pub birthday: String,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity").finish_non_exhaustive()
    }
}

impl Store {
    /// Stores the corrected ID data of the person `mobile`, replacing any earlier one.
    pub async fn save_identity(&self, mobile: &str, identity: Identity) -> Result<(), StoreError> {
        let mobile = mobile.to_owned();
        self.call(move |connection| {
            connection.execute(
                "INSERT INTO identity (mobile, name, id_number, birthday, corrected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (mobile) DO UPDATE SET
                     name = excluded.name,
                     id_number = excluded.id_number,
                     birthday = excluded.birthday,
                     corrected_at = excluded.corrected_at",
                (
                    &mobile,
                    &identity.name,
                    &identity.id_number,
                    &identity.birthday,
                    now_ms(),
                ),
            )?;
            Ok(())
        })
        .await
    }

    /// The corrected ID data of the person `mobile`, if any.
    pub async fn identity(&self, mobile: &str) -> Result<Option<Identity>, StoreError> {
        let mobile = mobile.to_owned();
        self.call(move |connection| {
            Ok(connection
                .query_row(
                    "SELECT name, id_number, birthday FROM identity WHERE mobile = ?1",
                    [&mobile],
                    |row| {
                        Ok(Identity {
                            name: row.get(0)?,
                            id_number: row.get(1)?,
                            birthday: row.get(2)?,
                        })
                    },
                )
                .optional()?)
        })
        .await
    }
}
