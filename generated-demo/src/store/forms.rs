//! Form submissions: the latest values of each form per applicant, and a log of submissions.

use std::collections::BTreeMap;
use std::fmt;

use rusqlite::OptionalExtension;

use super::{Store, StoreError, now_ms};
use crate::applicant::Applicant;

/// A form an applicant submits, stored under this name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The credit questionnaire (save-credit-info).
    Credit,
    /// Personal data (save-personal-info).
    Personal,
    /// Job information (save-job-info).
    Job,
    /// Emergency contacts (save-ext-info).
    Contacts,
    /// The bank account (bind-card-new).
    Card,
}

impl Form {
    /// The name the form is stored under.
    pub const fn as_str(self) -> &'static str {
        match self {
            Form::Credit => "credit",
            Form::Personal => "personal",
            Form::Job => "job",
            Form::Contacts => "contacts",
            Form::Card => "card",
        }
    }
}

/// The values of one form, by the request field (item `code`) they were submitted as.
///
/// Personal data: `Debug` shows the field names only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Values(BTreeMap<String, String>);

impl Values {
    /// No values.
    pub fn new() -> Values {
        Values::default()
    }

    /// Sets `code` to `value`.
    pub fn set(&mut self, code: impl Into<String>, value: impl Into<String>) {
        self.0.insert(code.into(), value.into());
    }

    /// The value of `code`, if stored.
    pub fn get(&self, code: &str) -> Option<&str> {
        self.0.get(code).map(String::as_str)
    }

    /// The value of `code`, or the empty string.
    pub fn get_or_empty(&self, code: &str) -> String {
        self.get(code).unwrap_or_default().to_owned()
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter()
    }
}

impl fmt::Debug for Values {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

impl FromIterator<(String, String)> for Values {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        Values(iter.into_iter().collect())
    }
}

impl Store {
    /// Stores a submission of `form` by `applicant`: `values` replace whatever the form held
    /// (a field left out of a later submission is gone), and the submission is logged.
    pub async fn save_form(
        &self,
        applicant: &Applicant,
        form: Form,
        values: Values,
        order_no: Option<String>,
    ) -> Result<(), StoreError> {
        let applicant = applicant.clone();
        self.call(move |connection| {
            let transaction = connection.transaction()?;
            transaction.execute(
                "DELETE FROM form_values WHERE mobile = ?1 AND product_id = ?2 AND form = ?3",
                (&applicant.mobile, &applicant.product_id, form.as_str()),
            )?;
            {
                let mut insert = transaction.prepare(
                    "INSERT INTO form_values (mobile, product_id, form, code, value)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for (code, value) in values.iter() {
                    insert.execute((
                        &applicant.mobile,
                        &applicant.product_id,
                        form.as_str(),
                        code,
                        value,
                    ))?;
                }
            }
            transaction.execute(
                "INSERT INTO submissions (mobile, product_id, form, order_no, fields, submitted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (
                    &applicant.mobile,
                    &applicant.product_id,
                    form.as_str(),
                    &order_no,
                    i64::try_from(values.len()).unwrap_or(i64::MAX),
                    now_ms(),
                ),
            )?;
            transaction.commit()?;
            Ok(())
        })
        .await
    }

    /// The values `applicant` last submitted in `form`; empty if never submitted.
    pub async fn load_form(&self, applicant: &Applicant, form: Form) -> Result<Values, StoreError> {
        let applicant = applicant.clone();
        self.call(move |connection| {
            let mut query = connection.prepare_cached(
                "SELECT code, value FROM form_values
                 WHERE mobile = ?1 AND product_id = ?2 AND form = ?3",
            )?;
            let rows = query.query_map(
                (&applicant.mobile, &applicant.product_id, form.as_str()),
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )?;
            Ok(rows.collect::<Result<Values, _>>()?)
        })
        .await
    }

    /// How many times `applicant` submitted `form`.
    pub async fn submission_count(
        &self,
        applicant: &Applicant,
        form: Form,
    ) -> Result<u64, StoreError> {
        let applicant = applicant.clone();
        self.call(move |connection| {
            let count: Option<i64> = connection
                .query_row(
                    "SELECT COUNT(*) FROM submissions
                     WHERE mobile = ?1 AND product_id = ?2 AND form = ?3",
                    (&applicant.mobile, &applicant.product_id, form.as_str()),
                    |row| row.get(0),
                )
                .optional()?;
            Ok(count
                .and_then(|count| u64::try_from(count).ok())
                .unwrap_or(0))
        })
        .await
    }
}
