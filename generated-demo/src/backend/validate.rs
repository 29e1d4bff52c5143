//! Checks of submitted values. Each error names the field, never the value.

use veil::server::ApiError;

use super::codes;
use crate::crapido::{ChoiceValue, FormData, FormOption};
use crate::forms;

/// The longest free-text value accepted, in characters.
const TEXT_MAX_CHARS: usize = 200;

/// A required free-text value, trimmed.
pub fn text(field: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(codes::invalid(field, "is required"));
    }
    optional_text(field, value)
}

/// A free-text value that may be empty, trimmed.
pub fn optional_text(field: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.chars().count() > TEXT_MAX_CHARS {
        return Err(codes::invalid(field, "is too long"));
    }
    Ok(value.to_owned())
}

/// A choice: when `form` has an item for `field` with options, one of their codes; otherwise
/// (a field the seed shows no item for) any non-empty value.
pub fn choice(form: &FormData, field: &str, value: &ChoiceValue) -> Result<String, ApiError> {
    match forms::item(form, field).map(forms::options) {
        Some(options) if !options.is_empty() => among(options, field, value),
        _ => text(field, &value.0),
    }
}

/// One of the codes of `options`, written canonically (as a decimal number).
pub fn among(options: &[FormOption], field: &str, value: &ChoiceValue) -> Result<String, ApiError> {
    forms::option(options, &value.0)
        .map(|option| option.r#type.0.to_string())
        .ok_or_else(|| codes::invalid(field, "is not one of the offered options"))
}

/// A number of exactly `len` digits.
pub fn digits(field: &str, value: &str, len: usize) -> Result<String, ApiError> {
    let value = value.trim();
    if value.len() != len || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(codes::invalid(field, &format!("must be {len} digits")));
    }
    Ok(value.to_owned())
}

/// A value passing one of veil's format checks (`veil::validate`), whose reasons never
/// include the value.
pub fn format(
    field: &str,
    value: &str,
    check: fn(&str) -> Result<(), &'static str>,
) -> Result<String, ApiError> {
    let value = value.trim();
    check(value).map_err(|reason| codes::invalid(field, reason))?;
    Ok(value.to_owned())
}

/// A Mexican mobile number, stored as its 10 national digits.
pub fn mobile(field: &str, value: &str) -> Result<String, ApiError> {
    crate::applicant::national_mobile(value).map_err(|reason| codes::invalid(field, reason))
}

/// A CURP, check digit included.
pub fn curp(field: &str, value: &str) -> Result<String, ApiError> {
    format(field, value, veil::validate::curp)
}

/// A date as DD/MM/YYYY.
pub fn date(field: &str, value: &str) -> Result<String, ApiError> {
    format(field, value, veil::validate::date_dmy)
}

/// An email address.
pub fn email(field: &str, value: &str) -> Result<String, ApiError> {
    format(field, value, veil::validate::email)
}
