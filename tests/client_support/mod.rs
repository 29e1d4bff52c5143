//! Shared by the client tests (tests/client_e2e.rs, tests/client_wire.rs,
//! tests/client_errors.rs): the seed's answers, a good typed request for each of the 13
//! endpoints, and the test session (tests/common/session.rs: the token clients log in with).
//!
//! Each test crate declares `mod crapido { veil::generate!("../spec/crapido.yaml", ...); }` at
//! its root, and this module uses it as `crate::crapido`: a crate that needs no server generates
//! only the models and the clients.
#![allow(dead_code)] // each test binary uses its own share of the helpers

use serde::de::DeserializeOwned;
use serde_json::Value;
use veil::FilePart;

use crate::crapido::*;

#[path = "../common/session.rs"]
pub mod session;
pub use session::*;

// Values from the seed document, and made-up ones where it shows none. Made-up values are
// valid data: CURPs and the CLABE carry their right check digits, mobiles are 10-digit Mexican
// numbers, dates are DD/MM/YYYY, choices are codes the init endpoints offer.
pub const MOBILE: &str = "8553465753";
pub const PRODUCT_ID: &str = "2";
pub const ORDER_NO: &str = "302021101407000223510036";
/// The name and CURP the seed's OCR answer reads from the ID front.
pub const OCR_NAME: &str = "MARICELA";
pub const OCR_CURP: &str = "CORM770627MDFNJR01";
/// What the user types in the edit dialog after OCR misread the ID front.
pub const CORRECTED_NAME: &str = "MARICELA CORTES";
pub const CORRECTED_CURP: &str = "CORM770627MDFNJR19";
pub const BIRTHDAY: &str = "27/06/1977";
pub const EMAIL: &str = "maricela.cortes@gmail.mx";
pub const HOME_CITY: &str = "Coahuila de Zaragoza|Candela";
pub const CLABE: &str = "002010077777777771";
pub const HOLDER: &str = "MARICELA CORTES";
pub const COMPANY_PHONE: &str = "8666123456";
pub const FIRST_CONTACT: &str = "JUANA CORTES";
pub const SECOND_CONTACT: &str = "PEDRO RAMIREZ";
pub const SECOND_MOBILE: &str = "8112345678";

/// A few bytes that start and end like a JPEG, and are not UTF-8 (a CR LF and a `--` inside, so
/// that a multipart body of them is not trivially split).
pub const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, b'\r', b'\n', b'-',
    b'-', 0x80, 0xFE, 0xFF, 0xD9,
];
pub const PHOTO_FILE_NAME: &str = "id_front.jpg";
pub const PHOTO_CONTENT_TYPE: &str = "image/jpeg";

/// A JSON file under tests/seed/.
pub fn seed(path: &str) -> Value {
    let full = format!("{}/tests/seed/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The text of a seed response example, as written in tests/seed/responses/.
pub fn seed_response_text(file: &str) -> String {
    let full = format!("{}/tests/seed/responses/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The `data` of a seed response example, decoded as `T`.
pub fn seed_data<T: DeserializeOwned>(file: &str) -> T {
    let data = seed(&format!("responses/{file}"))
        .get("data")
        .cloned()
        .unwrap_or_else(|| panic!("{file} has no data"));
    serde_json::from_value(data).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn choice(code: &str) -> ChoiceValue {
    ChoiceValue(code.to_owned())
}

pub fn credit_info() -> CreditInfoRequest {
    CreditInfoRequest {
        mobile: MOBILE.into(),
        product_id: PRODUCT_ID.into(),
    }
}

/// The answers are option codes of the credit-info items.
pub fn save_credit_info() -> SaveCreditInfoRequest {
    SaveCreditInfoRequest {
        is_borrowed_far: choice("2"),
        is_network_loan: choice("1"),
        is_outstanding: choice("1"),
        is_overdue_maximum: choice("2"),
        is_overdue_year: choice("1"),
        order_no: ORDER_NO.into(),
        product_id: PRODUCT_ID.into(),
    }
}

pub fn basic_person_info() -> BasicPersonInfoRequest {
    BasicPersonInfoRequest {
        mobile: MOBILE.into(),
        product_id: PRODUCT_ID.into(),
    }
}

/// A photo of `kind`, as [`JPEG`] named `file_name`.
pub fn upload_image(kind: ImageKind, file_name: &str) -> UploadImageRequest {
    UploadImageRequest {
        attach: FilePart::new(JPEG, file_name, PHOTO_CONTENT_TYPE),
        r#type: kind,
    }
}

/// What the app sends after the upload of the ID front answered `is_need_pop` = 1: the data the
/// user corrected in the edit dialog.
pub fn save_basic_info() -> SaveBasicInfoRequest {
    SaveBasicInfoRequest {
        name: CORRECTED_NAME.into(),
        r#type: ImageKind::IdFront,
        id_number: CORRECTED_CURP.into(),
        birthday: BIRTHDAY.into(),
    }
}

pub fn personal_info() -> PersonalInfoRequest {
    PersonalInfoRequest {
        mobile: MOBILE.into(),
        product_id: PRODUCT_ID.into(),
    }
}

pub fn save_personal_info() -> SavePersonalInfoRequest {
    SavePersonalInfoRequest {
        birthday: BIRTHDAY.into(),
        children_num: choice("2"),
        education: choice("2"),
        email: EMAIL.into(),
        home_city: HOME_CITY.into(),
        idcardnumber: OCR_CURP.into(),
        marriage: choice("3"),
        sex: choice("2"),
        order_no: ORDER_NO.into(),
        product_id: PRODUCT_ID.into(),
    }
}

pub fn job_info() -> JobInfoRequest {
    JobInfoRequest {
        mobile: MOBILE.into(),
        product_id: PRODUCT_ID.into(),
    }
}

/// The fields of the document's request example, with realistic values: the example's own
/// (a phone "sss", an income code the job-info options do not list) are not valid data, and
/// tests/seed_examples.rs round-trips the examples themselves.
pub fn save_job_info() -> SaveJobInfoRequest {
    SaveJobInfoRequest {
        company_address: HOME_CITY.into(),
        company_full_address: "Calle Hidalgo 12, Centro, Candela".into(),
        company_name: "Abarrotes La Esperanza".into(),
        company_phone: COMPANY_PHONE.into(),
        industry: choice("3"),
        job_type: choice("2"),
        monthly_income: choice("2"),
        order_no: ORDER_NO.into(),
        product_id: PRODUCT_ID.into(),
        salary_day: "15".into(),
        salary_day_1: "30".into(),
        salary_type: choice("1"),
    }
}

pub fn ext_info() -> ExtInfoRequest {
    ExtInfoRequest {
        mobile: MOBILE.into(),
        product_id: PRODUCT_ID.into(),
    }
}

/// The fields of the document's request example, with realistic values (the example's
/// mobile "110" is not a phone number).
pub fn save_ext_info() -> SaveExtInfoRequest {
    SaveExtInfoRequest {
        first_mobile: MOBILE.into(),
        first_name: FIRST_CONTACT.into(),
        first_relation: choice("1"),
        product_id: PRODUCT_ID.into(),
        second_mobile: SECOND_MOBILE.into(),
        second_name: SECOND_CONTACT.into(),
        second_relation: choice("5"),
    }
}

/// card-init with its optional `mobile` given.
pub fn card_init() -> CardInitRequest {
    CardInitRequest {
        mobile: Some(MOBILE.into()),
        product_id: PRODUCT_ID.into(),
    }
}

/// bind-card-new with every optional field given.
pub fn bind_card_new() -> BindCardNewRequest {
    BindCardNewRequest {
        bank_code: choice("40002"),
        card_no: CLABE.into(),
        confirm_card_no: Some(CLABE.into()),
        product_id: PRODUCT_ID.into(),
        order_no: Some(ORDER_NO.into()),
        user_name: Some(HOLDER.into()),
        bank_type: BankAccountType::Clabe,
    }
}
