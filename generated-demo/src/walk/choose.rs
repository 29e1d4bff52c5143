//! Answers chosen from what the init endpoints offer.

use crate::crapido::{ChoiceValue, FormData, FormOption};
use crate::forms;

/// The code of the first option of the item `code` of `form`.
pub fn first_option(form: &FormData, code: &str) -> Result<ChoiceValue, String> {
    let item = forms::item(form, code).ok_or_else(|| format!("the form has no item `{code}`"))?;
    first_of(forms::options(item), code)
}

/// The code of the first of `options`, offered for `what`.
pub fn first_of(options: &[FormOption], what: &str) -> Result<ChoiceValue, String> {
    options
        .first()
        .map(|option| ChoiceValue(option.r#type.0.to_string()))
        .ok_or_else(|| format!("no option is offered for `{what}`"))
}

/// The code of the first option of the first of the items `codes` that `form` has.
pub fn first_option_of_any(form: &FormData, codes: &[&str]) -> Result<ChoiceValue, String> {
    codes
        .iter()
        .find_map(|code| first_option(form, code).ok())
        .ok_or_else(|| format!("the form offers no option for any of {codes:?}"))
}
