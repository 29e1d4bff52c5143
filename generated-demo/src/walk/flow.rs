//! The steps of the flow, in the app's order.

use veil::FilePart;

use super::choose::{first_of, first_option, first_option_of_any};
use super::{WalkError, Walker, call, persona};
use crate::crapido::{
    BankAccountType, BasicPersonInfoRequest, BindCardNewRequest, CardInitRequest, ChoiceValue,
    CreditInfoRequest, ExtInfoRequest, FormData, ImageKind, JobInfoRequest, PersonDocuments,
    PersonalInfoRequest, SaveBasicInfoRequest, SaveCreditInfoRequest, SaveExtInfoRequest,
    SaveJobInfoRequest, SavePersonalInfoRequest, UploadImageRequest,
};

/// The photos uploaded, in the app's order: step, what it shows, file name.
const UPLOADS: [(&str, ImageKind, &str); 3] = [
    ("upload face", ImageKind::Face, "face.jpg"),
    ("upload ID front", ImageKind::IdFront, "id-front.jpg"),
    ("upload ID back", ImageKind::IdBack, "id-back.jpg"),
];

/// A choice among the options of the item `code` of the form `step` answered.
fn pick(step: &'static str, form: &FormData, code: &str) -> Result<ChoiceValue, WalkError> {
    first_option(form, code).map_err(|problem| WalkError::check(step, problem))
}

/// Credit questionnaire: init, then every question answered with its first option.
pub(super) async fn questionnaire(w: &mut Walker<'_>) -> Result<(), WalkError> {
    const INIT: &str = "questionnaire init";
    let init = CreditInfoRequest {
        mobile: w.mobile.clone(),
        product_id: w.product_id.clone(),
    };
    let form = call(
        &mut w.report,
        w.variant,
        INIT,
        "credit_info",
        w.certify.credit_info(&init),
    )
    .await?;
    let submit = SaveCreditInfoRequest {
        is_borrowed_far: pick(INIT, &form, "is_borrowed_far")?,
        is_network_loan: pick(INIT, &form, "is_network_loan")?,
        is_outstanding: pick(INIT, &form, "is_outstanding")?,
        is_overdue_maximum: pick(INIT, &form, "is_overdue_maximum")?,
        is_overdue_year: pick(INIT, &form, "is_overdue_year")?,
        order_no: persona::ORDER_NO.to_owned(),
        product_id: w.product_id.clone(),
    };
    call(
        &mut w.report,
        w.variant,
        "questionnaire submit",
        "save_credit_info",
        w.certify.save_credit_info(&submit),
    )
    .await?;
    Ok(())
}

/// ID documents: init, the three photos (with the corrected ID data right after an upload
/// that asks for it), then init again, which shows them when persistence is checked.
pub(super) async fn documents(w: &mut Walker<'_>) -> Result<(), WalkError> {
    const CHECK: &str = "ID documents check";
    let init = BasicPersonInfoRequest {
        mobile: w.mobile.clone(),
        product_id: w.product_id.clone(),
    };
    call(
        &mut w.report,
        w.variant,
        "ID documents init",
        "basic_person_info",
        w.certify.basic_person_info(&init),
    )
    .await?;
    let mut corrected = false;
    for (step, kind, file_name) in UPLOADS {
        let upload = UploadImageRequest {
            attach: FilePart::new(persona::PHOTO, file_name, "image/jpeg"),
            r#type: kind,
        };
        let answer = call(
            &mut w.report,
            w.variant,
            step,
            "upload_image",
            w.certify.upload_image(&upload),
        )
        .await?;
        if !answer.status {
            return Err(WalkError::check(step, "the photo was not accepted"));
        }
        if answer.is_need_pop == 1 {
            let correction = SaveBasicInfoRequest {
                name: persona::NAME.to_owned(),
                r#type: ImageKind::IdFront,
                id_number: persona::CURP.to_owned(),
                birthday: persona::BIRTHDAY.to_owned(),
            };
            call(
                &mut w.report,
                w.variant,
                "save corrected ID data",
                "save_basic_info",
                w.certify.save_basic_info(&correction),
            )
            .await?;
            corrected = true;
        }
    }
    let documents = call(
        &mut w.report,
        w.variant,
        CHECK,
        "basic_person_info",
        w.certify.basic_person_info(&init),
    )
    .await?;
    if !w.check_persistence {
        return Ok(());
    }
    check_documents(&documents, corrected).map_err(|problem| WalkError::check(CHECK, problem))
}

/// The uploaded photos show as uploaded, and the corrected ID data (if sent) as the front's.
fn check_documents(documents: &PersonDocuments, corrected: bool) -> Result<(), &'static str> {
    let uploaded = [&documents.id_front, &documents.id_back, &documents.liveness]
        .iter()
        .all(|photo| photo.status == 1);
    if !uploaded {
        return Err("basic-person-info does not show every uploaded photo");
    }
    if corrected {
        let shown = documents
            .id_front
            .info
            .as_ref()
            .is_some_and(|info| info.name == persona::NAME && info.id_number == persona::CURP);
        if !shown {
            return Err("basic-person-info does not show the corrected ID data");
        }
    }
    Ok(())
}

/// Personal data: init, then submit with choices among the offered options.
pub(super) async fn personal(w: &mut Walker<'_>) -> Result<(), WalkError> {
    const INIT: &str = "personal data init";
    let init = PersonalInfoRequest {
        mobile: w.mobile.clone(),
        product_id: w.product_id.clone(),
    };
    let form = call(
        &mut w.report,
        w.variant,
        INIT,
        "personal_info",
        w.certify.personal_info(&init),
    )
    .await?;
    let submit = SavePersonalInfoRequest {
        birthday: persona::BIRTHDAY.to_owned(),
        children_num: pick(INIT, &form, "children_num")?,
        education: pick(INIT, &form, "education")?,
        email: persona::EMAIL.to_owned(),
        home_city: persona::HOME_CITY.to_owned(),
        idcardnumber: persona::CURP.to_owned(),
        marriage: pick(INIT, &form, "marriage")?,
        sex: pick(INIT, &form, "sex")?,
        order_no: persona::ORDER_NO.to_owned(),
        product_id: w.product_id.clone(),
    };
    call(
        &mut w.report,
        w.variant,
        "personal data submit",
        "save_personal_info",
        w.certify.save_personal_info(&submit),
    )
    .await?;
    Ok(())
}

/// Job information: init, then submit. The pay frequency is chosen among job-info's options
/// when it offers an item for it (the seed's does not).
pub(super) async fn job(w: &mut Walker<'_>) -> Result<(), WalkError> {
    const INIT: &str = "job init";
    let init = JobInfoRequest {
        mobile: w.mobile.clone(),
        product_id: w.product_id.clone(),
    };
    let form = call(
        &mut w.report,
        w.variant,
        INIT,
        "job_info",
        w.certify.job_info(&init),
    )
    .await?;
    let salary_type = first_option(&form, "salary_type")
        .unwrap_or_else(|_| ChoiceValue(persona::SALARY_TYPE.to_owned()));
    let submit = SaveJobInfoRequest {
        company_address: persona::COMPANY_ADDRESS.to_owned(),
        company_full_address: persona::COMPANY_FULL_ADDRESS.to_owned(),
        company_name: persona::COMPANY_NAME.to_owned(),
        company_phone: persona::COMPANY_PHONE.to_owned(),
        industry: pick(INIT, &form, "industry")?,
        job_type: pick(INIT, &form, "job_type")?,
        monthly_income: pick(INIT, &form, "monthly_income")?,
        order_no: persona::ORDER_NO.to_owned(),
        product_id: w.product_id.clone(),
        salary_day: persona::SALARY_DAY.to_owned(),
        salary_day_1: persona::SALARY_DAY_1.to_owned(),
        salary_type,
    };
    call(
        &mut w.report,
        w.variant,
        "job submit",
        "save_job_info",
        w.certify.save_job_info(&submit),
    )
    .await?;
    Ok(())
}

/// Emergency contacts: init, submit, and init again, which must show what was saved when
/// persistence is checked.
pub(super) async fn contacts(w: &mut Walker<'_>) -> Result<(), WalkError> {
    const INIT: &str = "contacts init";
    const CHECK: &str = "contacts check";
    let init = ExtInfoRequest {
        mobile: w.mobile.clone(),
        product_id: w.product_id.clone(),
    };
    let offered = call(
        &mut w.report,
        w.variant,
        INIT,
        "ext_info",
        w.certify.ext_info(&init),
    )
    .await?;
    let relations = &offered.emergent;
    let submit = SaveExtInfoRequest {
        first_mobile: persona::FIRST_CONTACT_MOBILE.to_owned(),
        first_name: persona::FIRST_CONTACT_NAME.to_owned(),
        first_relation: first_of(&relations.lineal_list, "first_relation")
            .map_err(|problem| WalkError::check(INIT, problem))?,
        product_id: w.product_id.clone(),
        second_mobile: persona::SECOND_CONTACT_MOBILE.to_owned(),
        second_name: persona::SECOND_CONTACT_NAME.to_owned(),
        second_relation: first_of(&relations.other_list, "second_relation")
            .map_err(|problem| WalkError::check(INIT, problem))?,
    };
    call(
        &mut w.report,
        w.variant,
        "contacts submit",
        "save_ext_info",
        w.certify.save_ext_info(&submit),
    )
    .await?;
    let saved = call(
        &mut w.report,
        w.variant,
        CHECK,
        "ext_info",
        w.certify.ext_info(&init),
    )
    .await?;
    if !w.check_persistence {
        return Ok(());
    }
    let shown = &saved.emergent;
    let same = |shown: &str, sent: &str| shown.trim() == sent.trim();
    let matches = same(&shown.lineal_name, &submit.first_name)
        && same(&shown.lineal_mobile, &submit.first_mobile)
        && same(&shown.lineal_relation.0, &submit.first_relation.0)
        && same(&shown.other_name, &submit.second_name)
        && same(&shown.other_mobile, &submit.second_mobile)
        && same(&shown.other_relation.0, &submit.second_relation.0);
    if matches {
        Ok(())
    } else {
        Err(WalkError::check(
            CHECK,
            "ext-info does not show the contacts just saved",
        ))
    }
}

/// Bank account: init, then bind an account of the first offered type at the first bank.
pub(super) async fn card(w: &mut Walker<'_>) -> Result<(), WalkError> {
    const INIT: &str = "bank account init";
    let init = CardInitRequest {
        mobile: Some(w.mobile.clone()),
        product_id: w.product_id.clone(),
    };
    let form = call(
        &mut w.report,
        w.variant,
        INIT,
        "card_init",
        w.bind_card.card_init(&init),
    )
    .await?;
    let type_code = pick(INIT, &form, "bankType")?;
    let bank_type = type_code
        .0
        .parse()
        .ok()
        .and_then(BankAccountType::from_code)
        .ok_or_else(|| WalkError::check(INIT, "the first account type offered is unknown"))?;
    let bank_code = first_option_of_any(&form, &["bankCode", "hotBank"])
        .map_err(|problem| WalkError::check(INIT, problem))?;
    let number = persona::account_number(bank_type);
    let bind = BindCardNewRequest {
        bank_code,
        card_no: number.to_owned(),
        confirm_card_no: Some(number.to_owned()),
        product_id: w.product_id.clone(),
        order_no: Some(persona::ORDER_NO.to_owned()),
        user_name: Some(persona::NAME.to_owned()),
        bank_type,
    };
    call(
        &mut w.report,
        w.variant,
        "bind bank account",
        "bind_card_new",
        w.bind_card.bind_card_new(&bind),
    )
    .await?;
    Ok(())
}
