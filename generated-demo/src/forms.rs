//! The form items of the seed document, and those items filled with stored values.
//!
//! The init endpoints answer the questions the seed document's examples show (credit-info,
//! personal-info, job-info, card-init, and ext-info's relation lists), read from the repaired
//! examples in `tests/seed/responses/` at compile time and decoded by the generated types.
//! [`filled`] marks the items an applicant answered: `status` 1 and the stored `value`.

use std::fmt;

use crate::crapido::{ContactsData, Envelope, FormData, FormItem, FormOption};
use crate::store::{Form, Values};

const CREDIT_INFO: &str = include_str!("../../tests/seed/responses/01-credit-info.json");
const PERSONAL_INFO: &str = include_str!("../../tests/seed/responses/06-personal-info.json");
const JOB_INFO: &str = include_str!("../../tests/seed/responses/08-job-info.json");
const EXT_INFO: &str = include_str!("../../tests/seed/responses/10-ext-info.json");
const CARD_INIT: &str = include_str!("../../tests/seed/responses/12-card-init.json");

/// The status of an answered item.
pub const STATUS_FILLED: i64 = 1;
/// The status text of an answered item (已认证, certified).
pub const STATUS_FILLED_NAME: &str = "已认证";

/// The seed document's forms, as templates with nothing filled in.
#[derive(Debug, Clone)]
pub struct SeedForms {
    /// credit-info's questions.
    pub credit: FormData,
    /// personal-info's items.
    pub personal: FormData,
    /// job-info's items.
    pub job: FormData,
    /// card-init's items.
    pub card: FormData,
    /// ext-info's relations for the first contact.
    pub lineal_relations: Vec<FormOption>,
    /// ext-info's relations for the second contact.
    pub other_relations: Vec<FormOption>,
}

/// A seed example that the generated types could not read: the spec and the examples
/// disagree.
#[derive(Debug)]
pub struct SeedError {
    example: &'static str,
    error: String,
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "seed example {}: {}", self.example, self.error)
    }
}

impl std::error::Error for SeedError {}

impl SeedForms {
    /// Decodes the seed examples.
    pub fn load() -> Result<SeedForms, SeedError> {
        let contacts: ContactsData = data("10-ext-info.json", serde_json::from_str(EXT_INFO))?;
        Ok(SeedForms {
            credit: data("01-credit-info.json", serde_json::from_str(CREDIT_INFO))?,
            personal: data("06-personal-info.json", serde_json::from_str(PERSONAL_INFO))?,
            job: data("08-job-info.json", serde_json::from_str(JOB_INFO))?,
            card: data("12-card-init.json", serde_json::from_str(CARD_INIT))?,
            lineal_relations: contacts.emergent.lineal_list,
            other_relations: contacts.emergent.other_list,
        })
    }

    /// The template of `form`; `None` for the contacts, which are not a list of items.
    pub fn template(&self, form: Form) -> Option<&FormData> {
        match form {
            Form::Credit => Some(&self.credit),
            Form::Personal => Some(&self.personal),
            Form::Job => Some(&self.job),
            Form::Card => Some(&self.card),
            Form::Contacts => None,
        }
    }
}

/// The `data` of a seed example, decoded (by the caller) as an envelope.
fn data<T>(
    example: &'static str,
    decoded: Result<Envelope<T>, serde_json::Error>,
) -> Result<T, SeedError> {
    let envelope = decoded.map_err(|err| SeedError {
        example,
        error: err.to_string(),
    })?;
    envelope.data.ok_or(SeedError {
        example,
        error: "no `data`".to_owned(),
    })
}

/// The item of `form` submitted as `code`.
pub fn item<'a>(form: &'a FormData, code: &str) -> Option<&'a FormItem> {
    form.items
        .iter()
        .find(|item| item.code.as_deref() == Some(code))
}

/// The options of `item`; empty for a free-text item.
pub fn options(item: &FormItem) -> &[FormOption] {
    item.note.as_deref().unwrap_or_default()
}

/// The option of `options` whose code is `value` (a decimal number, as submitted).
pub fn option<'a>(options: &'a [FormOption], value: &str) -> Option<&'a FormOption> {
    let code: i64 = value.trim().parse().ok()?;
    options.iter().find(|option| option.r#type.0 == code)
}

/// `template` with every item that `values` holds a value for marked answered: status 1,
/// the value, and (where the template shows one) the display value: the chosen option's name
/// for a choice, the value itself for free text.
pub fn filled(template: &FormData, values: &Values) -> FormData {
    let mut form = template.clone();
    for item in &mut form.items {
        let Some(value) = item.code.as_deref().and_then(|code| values.get(code)) else {
            continue;
        };
        let display = match option(options(item), value) {
            Some(chosen) => chosen.name.clone(),
            None => value.to_owned(),
        };
        item.status = STATUS_FILLED;
        item.status_name = Some(STATUS_FILLED_NAME.to_owned());
        item.value = Some(value.to_owned());
        if item.display_value.is_some() {
            item.display_value = Some(display);
        }
    }
    form
}
