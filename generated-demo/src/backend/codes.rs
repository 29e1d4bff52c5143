//! The envelope codes this backend answers failures with, besides veil's own (`400` malformed
//! request or wrong decoys, `404` unknown path, `413` too large, `415` wrong content type, `500`
//! internal failure, as spec/crapido.yaml sets them).
//!
//! | code | meaning |
//! |---|---|
//! | `1001` | no applicant: the request has no mobile and no session header ([`SESSION_HEADER`](crate::applicant::SESSION_HEADER)) |
//! | `1002` | `confirmCardNo` differs from `cardNo` |
//! | `1003` | invalid input: a field is empty, malformed, or not one of the offered options |
//! | `1004` | out of order: save-basic-info before the front of the ID was uploaded |
//!
//! The generated server checks the spec's constraints (formats, lengths, the `confirmCardNo`
//! = `cardNo` rule) before the backend runs and answers violations with `400`; the backend's
//! own checks are a second line for what the spec cannot say (an answer that is not one of
//! the offered options, a correction before the photo) and for callers that bypass the
//! router's checks. Messages name the field at fault, never its value: values are personal
//! data.

use veil::server::ApiError;

use crate::store::StoreError;

/// No applicant: neither a mobile in the request nor a session header.
pub const NO_APPLICANT: &str = "1001";
/// The confirmation of the account number differs from it.
pub const CARD_MISMATCH: &str = "1002";
/// A field is empty, malformed, or not one of the offered options.
pub const INVALID_INPUT: &str = "1003";
/// A step of the flow came before the one it depends on.
pub const OUT_OF_ORDER: &str = "1004";

/// The `1001` error.
pub fn no_applicant() -> ApiError {
    ApiError::new(
        NO_APPLICANT,
        "no applicant: log in first (the session header is missing)",
    )
}

/// The `1002` error; the message repeats neither number.
pub fn card_mismatch() -> ApiError {
    ApiError::new(
        CARD_MISMATCH,
        "the confirmation does not match the account number",
    )
}

/// A `1003` error about `field`.
pub fn invalid(field: &str, problem: &str) -> ApiError {
    ApiError::new(INVALID_INPUT, format!("`{field}` {problem}"))
}

/// A `1004` error.
pub fn out_of_order(message: &str) -> ApiError {
    ApiError::new(OUT_OF_ORDER, message)
}

/// A database failure: logged here (without values), answered with veil's internal code.
pub fn storage(err: StoreError) -> ApiError {
    tracing::error!(error = %err, "storage failure");
    ApiError::internal("storage failure")
}
