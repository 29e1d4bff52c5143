//! Who a request is about.
//!
//! The backend keys every submission by applicant: the mobile number and the product id. The
//! mobile is always the session's ([`Session`]): the init endpoints also carry one in their
//! body, and a body naming another mobile than the session's is refused (code
//! [`NOT_YOURS`](crate::backend::codes::NOT_YOURS)), so that nobody reads another
//! applicant's forms by typing their number. The product id comes from the request.
//!
//! Identity documents (photos, corrected ID data) belong to the person, not to a loan product:
//! they are keyed by the mobile number alone.

use std::fmt;

use veil::server::ApiError;

use crate::backend::codes;
use crate::session::Session;

/// The longest product id accepted.
const PRODUCT_ID_MAX_LEN: usize = 32;

/// An applicant: a person (mobile number) applying for a product.
///
/// Personal data: `Debug` shows the product id only.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Applicant {
    /// The mobile number: 10 national digits.
    pub mobile: String,
    /// The product applied for.
    pub product_id: String,
}

impl fmt::Debug for Applicant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Applicant")
            .field("mobile", &format_args!("<redacted>"))
            .field("product_id", &self.product_id)
            .finish()
    }
}

impl Applicant {
    /// The applicant of a request of `session` for `product_id`. A `request_mobile` (the
    /// mobile an init endpoint's body carries) must be the session's own.
    pub fn of(
        session: &Session,
        request_mobile: Option<&str>,
        product_id: &str,
    ) -> Result<Applicant, ApiError> {
        if let Some(mobile) = request_mobile.map(str::trim).filter(|m| !m.is_empty()) {
            let mobile =
                national_mobile(mobile).map_err(|reason| codes::invalid("mobile", reason))?;
            if mobile != session.mobile() {
                return Err(codes::not_yours());
            }
        }
        let product_id = product_id.trim();
        if product_id.is_empty() || product_id.len() > PRODUCT_ID_MAX_LEN {
            return Err(codes::invalid("product_id", "must be 1 to 32 characters"));
        }
        Ok(Applicant {
            mobile: session.mobile().to_owned(),
            product_id: product_id.to_owned(),
        })
    }
}

/// A Mexican mobile number as its 10 national digits, or the reason it is not one (never the
/// value).
pub fn national_mobile(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    veil::validate::mx_mobile(value)?;
    Ok(value.strip_prefix("+52").unwrap_or(value).to_owned())
}
