//! Who a request is about.
//!
//! The backend keys every submission by applicant: the mobile number and the product id. The
//! init endpoints carry both; the submit endpoints carry only the product id (and the upload
//! and save-basic-info not even that). The real app is logged in, and its session tells the
//! backend who is calling; this demo stands in for that session with the [`SESSION_HEADER`]
//! header, holding the applicant's mobile number. A mobile in the request wins over the header.
//!
//! Identity documents (photos, corrected ID data) belong to the person, not to a loan product:
//! they are keyed by the mobile number alone.

use std::fmt;

use axum::http::HeaderMap;
use veil::server::ApiError;

use crate::backend::{codes, validate};

/// The header that stands in for the app's login session: the applicant's mobile number.
pub const SESSION_HEADER: &str = "X-Applicant";

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
    /// The applicant of a request: the mobile from the request when it has one, else from the
    /// session header; the product id from the request.
    pub fn resolve(
        request_mobile: Option<&str>,
        product_id: &str,
        headers: &HeaderMap,
    ) -> Result<Applicant, ApiError> {
        let mobile = match request_mobile.map(str::trim).filter(|m| !m.is_empty()) {
            Some(mobile) => validate::mobile("mobile", mobile)?,
            None => session_mobile(headers)?,
        };
        let product_id = product_id.trim();
        if product_id.is_empty() || product_id.len() > 32 {
            return Err(codes::invalid("product_id", "must be 1 to 32 characters"));
        }
        Ok(Applicant {
            mobile,
            product_id: product_id.to_owned(),
        })
    }
}

/// The mobile number of the session header, for requests that carry neither a mobile nor a
/// product id.
pub fn session_mobile(headers: &HeaderMap) -> Result<String, ApiError> {
    let value = headers
        .get(SESSION_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .ok_or_else(codes::no_applicant)?;
    validate::mobile(SESSION_HEADER, value)
}
