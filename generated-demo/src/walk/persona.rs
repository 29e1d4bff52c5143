//! The applicant the walk plays: obviously fake data, never printed.

use crate::crapido::BankAccountType;

/// The default mobile number: a made-up Mexico City number.
pub const DEFAULT_MOBILE: &str = "5500000000";
/// The default product id, as in the seed's examples.
pub const DEFAULT_PRODUCT_ID: &str = "2";
/// The order number the submissions carry.
pub const ORDER_NO: &str = "DEMO00000000000000000001";

/// The holder's name typed in after OCR could not read the ID.
pub const NAME: &str = "PERSONA DE PRUEBA";
/// The CURP: the pattern of the generic one for foreigners, check digit included; nobody's.
pub const CURP: &str = "XEXX000101HNEXXXA7";
/// The birth date.
pub const BIRTHDAY: &str = "01/01/2000";
/// The email address, in a domain that cannot exist.
pub const EMAIL: &str = "persona@example.invalid";
/// The home address.
pub const HOME_CITY: &str = "Ciudad de México|Demo";

/// The employer.
pub const COMPANY_NAME: &str = "Empresa de Prueba";
/// The employer's address (state|city, as in the seed's example).
pub const COMPANY_ADDRESS: &str = "Ciudad de México|Demo";
/// The employer's full address.
pub const COMPANY_FULL_ADDRESS: &str = "Calle Falsa 123";
/// The employer's phone.
pub const COMPANY_PHONE: &str = "5500000009";
/// The first payday of the month.
pub const SALARY_DAY: &str = "1";
/// The second payday of the month.
pub const SALARY_DAY_1: &str = "15";
/// The pay frequency, when job-info offers no choice for it (the seed's example sends "1").
pub const SALARY_TYPE: &str = "1";

/// The first emergency contact's name.
pub const FIRST_CONTACT_NAME: &str = "Contacto Uno";
/// The first emergency contact's mobile.
pub const FIRST_CONTACT_MOBILE: &str = "5500000001";
/// The second emergency contact's name.
pub const SECOND_CONTACT_NAME: &str = "Contacto Dos";
/// The second emergency contact's mobile.
pub const SECOND_CONTACT_MOBILE: &str = "5500000002";

/// A fake account number of the kind `bank_type`: all zeros, which pass both the Luhn check
/// (debit card, 16 digits) and the CLABE check digit (18 digits).
pub fn account_number(bank_type: BankAccountType) -> &'static str {
    match bank_type {
        BankAccountType::DebitCard => "0000000000000000",
        BankAccountType::Clabe => "000000000000000000",
    }
}

/// The photo uploaded for the face and both sides of the ID: a small drawing of an ID card
/// (a valid 120×76 baseline JPEG), unreadable to any OCR.
pub const PHOTO: &[u8] = include_bytes!("../../assets/id-demo.jpg");
