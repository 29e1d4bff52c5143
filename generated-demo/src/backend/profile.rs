//! Personal data and job information: personal-info, save-personal-info, job-info,
//! save-job-info.

use veil::server::ApiError;

use super::{Backend, validate};
use crate::applicant::Applicant;
use crate::crapido::{
    FormData, JobInfoRequest, PersonalInfoRequest, SaveJobInfoRequest, SavePersonalInfoRequest,
};
use crate::session::Session;
use crate::store::{Form, Values};

impl Backend {
    /// personal-info: the seed's items, with the applicant's values.
    pub(super) async fn personal_form(
        &self,
        request: PersonalInfoRequest,
        session: &Session,
    ) -> Result<FormData, ApiError> {
        self.init_form(
            session,
            &request.mobile,
            &request.product_id,
            Form::Personal,
        )
        .await
    }

    /// save-personal-info.
    pub(super) async fn save_personal(
        &self,
        request: SavePersonalInfoRequest,
        session: &Session,
    ) -> Result<(), ApiError> {
        let applicant = Applicant::of(session, None, &request.product_id)?;
        let form = &self.forms.personal;
        let mut values = Values::new();
        values.set("birthday", validate::date("birthday", &request.birthday)?);
        values.set("email", validate::email("email", &request.email)?);
        values.set(
            "home_city",
            validate::text("home_city", &request.home_city)?,
        );
        values.set(
            "idcardnumber",
            validate::curp("idcardnumber", &request.idcardnumber)?,
        );
        for (code, answer) in [
            ("sex", &request.sex),
            ("marriage", &request.marriage),
            ("children_num", &request.children_num),
            ("education", &request.education),
        ] {
            values.set(code, validate::choice(form, code, answer)?);
        }
        let order_no = validate::text("order_no", &request.order_no)?;
        self.save(&applicant, Form::Personal, values, Some(order_no))
            .await
    }

    /// job-info: the seed's items, with the applicant's values.
    pub(super) async fn job_form(
        &self,
        request: JobInfoRequest,
        session: &Session,
    ) -> Result<FormData, ApiError> {
        self.init_form(session, &request.mobile, &request.product_id, Form::Job)
            .await
    }

    /// save-job-info.
    pub(super) async fn save_job(
        &self,
        request: SaveJobInfoRequest,
        session: &Session,
    ) -> Result<(), ApiError> {
        let applicant = Applicant::of(session, None, &request.product_id)?;
        let form = &self.forms.job;
        let mut values = Values::new();
        for (code, value) in [
            ("company_address", &request.company_address),
            ("company_full_address", &request.company_full_address),
            ("company_name", &request.company_name),
            ("company_phone", &request.company_phone),
            ("salary_day", &request.salary_day),
            ("salary_day_1", &request.salary_day_1),
        ] {
            values.set(code, validate::text(code, value)?);
        }
        for (code, answer) in [
            ("industry", &request.industry),
            ("job_type", &request.job_type),
            ("monthly_income", &request.monthly_income),
            ("salary_type", &request.salary_type),
        ] {
            values.set(code, validate::choice(form, code, answer)?);
        }
        let order_no = validate::text("order_no", &request.order_no)?;
        self.save(&applicant, Form::Job, values, Some(order_no))
            .await
    }
}
