//! The bank account: card-init and bind-card-new ([`BindCardApi`]).
//!
//! An applicant has one account per product: a second bind replaces the first.

use veil::server::{ApiError, RequestContext};

use super::{Backend, codes, validate};
use crate::applicant::Applicant;
use crate::crapido::{BankAccountType, BindCardApi, BindCardNewRequest, CardInitRequest, FormData};
use crate::forms;
use crate::session::Session;
use crate::store::{Form, Values};

/// The item codes of card-init that list banks: the frequent ones and all of them.
const BANK_ITEMS: [&str; 2] = ["hotBank", "bankCode"];
/// The digits of a debit card number (a CLABE has 18, checked by `veil::validate::clabe`).
const DEBIT_CARD_DIGITS: usize = 16;
/// How many trailing digits of the account number its display value shows.
const SHOWN_DIGITS: usize = 4;

impl BindCardApi for Backend {
    /// The seed's items, filled with the bound account: its type, bank and number, the number
    /// masked but for its last digits in both `value` and `displayValue`, as the app shows it
    /// (the full number never leaves the server once bound).
    async fn card_init(
        &self,
        request: CardInitRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<FormData, ApiError> {
        let applicant = Applicant::of(&session, request.mobile.as_deref(), &request.product_id)?;
        let mut form = self.filled_form(&applicant, Form::Card).await?;
        let bank_type = chosen_bank_type(&form);
        if let Some(item) = form
            .items
            .iter_mut()
            .find(|item| item.code.as_deref() == Some("cardNo"))
            && let Some(number) = item.value.as_deref()
        {
            let masked = masked(number);
            if !number.is_empty() {
                item.value = Some(masked.clone());
            }
            item.display_value = Some(masked);
            item.bank_type = bank_type;
        }
        Ok(form)
    }

    /// Binds the account, replacing any earlier one. A `confirmCardNo` that differs from
    /// `cardNo` is answered with code 1002, whose message repeats neither (over HTTP, the
    /// spec's `equal` rule refuses it first, with `400`).
    async fn bind_card_new(
        &self,
        request: BindCardNewRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<(), ApiError> {
        let applicant = Applicant::of(&session, None, &request.product_id)?;
        if let Some(confirm) = &request.confirm_card_no
            && confirm.trim() != request.card_no.trim()
        {
            return Err(codes::card_mismatch());
        }
        let card_no = match request.bank_type {
            BankAccountType::DebitCard => {
                validate::digits("cardNo", &request.card_no, DEBIT_CARD_DIGITS)?;
                validate::format("cardNo", &request.card_no, veil::validate::luhn)?
            }
            BankAccountType::Clabe => {
                validate::format("cardNo", &request.card_no, veil::validate::clabe)?
            }
        };
        let mut values = Values::new();
        values.set("bankType", request.bank_type.code().to_string());
        values.set("cardNo", card_no);
        let banks: Vec<_> = BANK_ITEMS
            .iter()
            .filter_map(|code| forms::item(&self.forms.card, code))
            .flat_map(|item| forms::options(item).iter().cloned())
            .collect();
        values.set(
            "bankCode",
            validate::among(&banks, "bankCode", &request.bank_code)?,
        );
        if let Some(user_name) = &request.user_name {
            let user_name = validate::optional_text("userName", user_name)?;
            if !user_name.is_empty() {
                values.set("userName", user_name);
            }
        }
        let order_no = match &request.order_no {
            Some(order_no) => Some(validate::text("order_no", order_no)?),
            None => None,
        };
        self.save(&applicant, Form::Card, values, order_no).await
    }
}

/// An account number as the app shows it: `****` and its last digits.
fn masked(number: &str) -> String {
    let shown = number.len().saturating_sub(SHOWN_DIGITS);
    format!("****{}", number.get(shown..).unwrap_or(""))
}

/// The code of the account type chosen in a filled card-init form.
fn chosen_bank_type(form: &FormData) -> Option<i64> {
    forms::item(form, "bankType")?
        .value
        .as_deref()?
        .parse()
        .ok()
}
