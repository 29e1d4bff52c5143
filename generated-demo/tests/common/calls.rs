//! One valid call of each of the 13 endpoints, as a table, for the tests that must cover
//! every endpoint: each call is made with the generated clients of one session and names
//! `about` wherever its request carries a mobile, and answers what came back as JSON.
//!
//! The values sent are the "other applicant" values of [`other`], distinct from the walk's
//! persona, so that a test can tell whose data an answer shows.

use std::future::Future;
use std::pin::Pin;

use generated_demo::crapido::*;
use generated_demo::walk::persona;
use serde_json::Value;
use veil::FilePart;
use veil::client::ClientError;

/// The values the calls of this table send: nobody's.
pub mod other {
    pub const NAME: &str = "OTRA PERSONA";
    pub const CURP: &str = "XEXX010101MNEXXXA4";
    pub const CONTACT_NAME: &str = "Contacto Ajeno";
    pub const CONTACT_MOBILE: &str = "5500000077";
    pub const CARD: &str = "4111111111111111";
}

/// An answer, or why there is none.
pub type Answer = Result<Value, ClientError>;
/// A call in flight.
pub type Pending<'a> = Pin<Box<dyn Future<Output = Answer> + Send + 'a>>;
/// A call of one endpoint, with the clients of a session, about the mobile `about`.
pub type Call = for<'a> fn(&'a Clients, &'a str) -> Pending<'a>;

/// The generated clients of one session.
#[derive(Clone)]
pub struct Clients {
    pub certify: CertifyClient,
    pub bind_card: BindCardClient,
}

fn json<T: serde::Serialize>(answer: Result<T, ClientError>) -> Answer {
    answer.map(|data| serde_json::to_value(data).unwrap_or(Value::Null))
}

fn unit(answer: Result<(), ClientError>) -> Answer {
    answer.map(|()| Value::Null)
}

fn choice(code: i64) -> ChoiceValue {
    ChoiceValue(code.to_string())
}

const PRODUCT: &str = super::PRODUCT;

/// Every endpoint, by its Rust method name in `ROUTES`.
pub const CALLS: [(&str, Call); 13] = [
    ("credit_info", |c, about| {
        Box::pin(async move {
            let request = CreditInfoRequest {
                mobile: about.into(),
                product_id: PRODUCT.into(),
            };
            json(c.certify.credit_info(&request).await)
        })
    }),
    ("save_credit_info", |c, _| {
        Box::pin(async move {
            let request = SaveCreditInfoRequest {
                is_borrowed_far: choice(1),
                is_network_loan: choice(1),
                is_outstanding: choice(1),
                is_overdue_maximum: choice(1),
                is_overdue_year: choice(1),
                order_no: persona::ORDER_NO.into(),
                product_id: PRODUCT.into(),
            };
            unit(c.certify.save_credit_info(&request).await)
        })
    }),
    ("basic_person_info", |c, about| {
        Box::pin(async move {
            let request = BasicPersonInfoRequest {
                mobile: about.into(),
                product_id: PRODUCT.into(),
            };
            json(c.certify.basic_person_info(&request).await)
        })
    }),
    ("upload_image", |c, _| {
        Box::pin(async move {
            let request = UploadImageRequest {
                attach: FilePart::new(persona::PHOTO, "front.jpg", "image/jpeg"),
                r#type: ImageKind::IdFront,
            };
            json(c.certify.upload_image(&request).await)
        })
    }),
    ("save_basic_info", |c, _| {
        Box::pin(async move {
            let request = SaveBasicInfoRequest {
                name: other::NAME.into(),
                r#type: ImageKind::IdFront,
                id_number: other::CURP.into(),
                birthday: persona::BIRTHDAY.into(),
            };
            unit(c.certify.save_basic_info(&request).await)
        })
    }),
    ("personal_info", |c, about| {
        Box::pin(async move {
            let request = PersonalInfoRequest {
                mobile: about.into(),
                product_id: PRODUCT.into(),
            };
            json(c.certify.personal_info(&request).await)
        })
    }),
    ("save_personal_info", |c, _| {
        Box::pin(async move {
            let request = SavePersonalInfoRequest {
                birthday: persona::BIRTHDAY.into(),
                children_num: choice(1),
                education: choice(1),
                email: "otra@example.invalid".into(),
                home_city: "Otra|Ciudad".into(),
                idcardnumber: other::CURP.into(),
                marriage: choice(1),
                sex: choice(2),
                order_no: persona::ORDER_NO.into(),
                product_id: PRODUCT.into(),
            };
            unit(c.certify.save_personal_info(&request).await)
        })
    }),
    ("job_info", |c, about| {
        Box::pin(async move {
            let request = JobInfoRequest {
                mobile: about.into(),
                product_id: PRODUCT.into(),
            };
            json(c.certify.job_info(&request).await)
        })
    }),
    ("save_job_info", |c, _| {
        Box::pin(async move {
            let request = SaveJobInfoRequest {
                company_address: "Otra|Ciudad".into(),
                company_full_address: "Otra Calle 1".into(),
                company_name: "Otra Empresa".into(),
                company_phone: "5500000066".into(),
                industry: choice(1),
                job_type: choice(1),
                monthly_income: choice(1),
                order_no: persona::ORDER_NO.into(),
                product_id: PRODUCT.into(),
                salary_day: "2".into(),
                salary_day_1: "16".into(),
                salary_type: choice(1),
            };
            unit(c.certify.save_job_info(&request).await)
        })
    }),
    ("ext_info", |c, about| {
        Box::pin(async move {
            let request = ExtInfoRequest {
                mobile: about.into(),
                product_id: PRODUCT.into(),
            };
            json(c.certify.ext_info(&request).await)
        })
    }),
    ("save_ext_info", |c, _| {
        Box::pin(async move {
            let request = SaveExtInfoRequest {
                first_mobile: other::CONTACT_MOBILE.into(),
                first_name: other::CONTACT_NAME.into(),
                first_relation: choice(1),
                product_id: PRODUCT.into(),
                second_mobile: other::CONTACT_MOBILE.into(),
                second_name: other::CONTACT_NAME.into(),
                second_relation: choice(7),
            };
            unit(c.certify.save_ext_info(&request).await)
        })
    }),
    ("card_init", |c, about| {
        Box::pin(async move {
            let request = CardInitRequest {
                mobile: Some(about.into()),
                product_id: PRODUCT.into(),
            };
            json(c.bind_card.card_init(&request).await)
        })
    }),
    ("bind_card_new", |c, _| {
        Box::pin(async move {
            let request = BindCardNewRequest {
                bank_code: choice(40012),
                card_no: other::CARD.into(),
                confirm_card_no: Some(other::CARD.into()),
                product_id: PRODUCT.into(),
                order_no: None,
                user_name: Some(other::NAME.into()),
                bank_type: BankAccountType::DebitCard,
            };
            unit(c.bind_card.bind_card_new(&request).await)
        })
    }),
];

/// Whether the endpoint `method`'s request names a mobile (the init endpoints).
pub fn names_a_mobile(method: &str) -> bool {
    matches!(
        method,
        "credit_info"
            | "basic_person_info"
            | "personal_info"
            | "job_info"
            | "ext_info"
            | "card_init"
    )
}
