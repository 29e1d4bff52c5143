//! The credit questionnaire: credit-info and save-credit-info.

use veil::server::ApiError;

use super::{Backend, validate};
use crate::applicant::Applicant;
use crate::crapido::{CreditInfoRequest, FormData, SaveCreditInfoRequest};
use crate::session::Session;
use crate::store::{Form, Values};

impl Backend {
    /// credit-info: the seed's questions, with the applicant's answers.
    pub(super) async fn questionnaire(
        &self,
        request: CreditInfoRequest,
        session: &Session,
    ) -> Result<FormData, ApiError> {
        self.init_form(session, &request.mobile, &request.product_id, Form::Credit)
            .await
    }

    /// save-credit-info: each answer must be the code of one of its question's options.
    pub(super) async fn save_questionnaire(
        &self,
        request: SaveCreditInfoRequest,
        session: &Session,
    ) -> Result<(), ApiError> {
        let applicant = Applicant::of(session, None, &request.product_id)?;
        let form = &self.forms.credit;
        let mut values = Values::new();
        for (code, answer) in [
            ("is_borrowed_far", &request.is_borrowed_far),
            ("is_network_loan", &request.is_network_loan),
            ("is_outstanding", &request.is_outstanding),
            ("is_overdue_maximum", &request.is_overdue_maximum),
            ("is_overdue_year", &request.is_overdue_year),
        ] {
            values.set(code, validate::choice(form, code, answer)?);
        }
        let order_no = validate::text("order_no", &request.order_no)?;
        self.save(&applicant, Form::Credit, values, Some(order_no))
            .await
    }
}
