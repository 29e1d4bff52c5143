//! The envelope codes this backend answers failures with, besides veil's own (`400` malformed
//! request or wrong decoys, `404` unknown path, `413` too large, `415` wrong content type, `500`
//! internal failure, as spec/crapido.yaml sets them).
//!
//! | code | meaning |
//! |---|---|
//! | `1001` | no longer answered: it meant "no applicant" when the demo trusted a header naming one; a request without a valid session is now refused with the spec's unauthorized code ([`UNAUTHORIZED`]) before the backend runs |
//! | `1002` | `confirmCardNo` differs from `cardNo` |
//! | `1003` | invalid input: a field is empty, malformed, or not one of the offered options |
//! | `1004` | out of order: save-basic-info before the front of the ID was uploaded |
//! | `1005` | not yours: the request names another applicant (`mobile`) than its session's |
//! | `1006` | login: the code is wrong, or none is in force (never asked for, used, expired or voided) |
//! | `1007` | login: too many wrong codes, the mobile is locked for a while |
//!
//! The generated server checks the spec's constraints (formats, lengths, the `confirmCardNo`
//! = `cardNo` rule) before the backend runs and answers violations with `400`; the backend's
//! own checks are a second line for what the spec cannot say (an answer that is not one of
//! the offered options, a correction before the photo) and for callers that bypass the
//! router's checks. Messages name the field at fault, never its value: values are personal
//! data.

use veil::server::ApiError;

use crate::store::StoreError;

/// The spec's code for a request without a valid session (`server.codes.unauthorized`): the
/// generated router answers it on the 13 endpoints, and the photos route ([`crate::files`])
/// answers it too.
pub const UNAUTHORIZED: &str = "401";
/// The confirmation of the account number differs from it.
pub const CARD_MISMATCH: &str = "1002";
/// A field is empty, malformed, or not one of the offered options.
pub const INVALID_INPUT: &str = "1003";
/// A step of the flow came before the one it depends on.
pub const OUT_OF_ORDER: &str = "1004";
/// The request names another applicant than its session's.
pub const NOT_YOURS: &str = "1005";
/// The login code is wrong, or none is in force.
pub const WRONG_CODE: &str = "1006";
/// Too many wrong login codes (the mobile is locked), or too many codes sent to it.
pub const LOCKED: &str = "1007";

/// The unauthorized error: no session, or one that is not (or no longer) valid. The
/// message says nothing of which.
pub fn unauthorized() -> ApiError {
    ApiError::new(UNAUTHORIZED, "log in first: no valid session")
}

/// The `1005` error; the message names no mobile.
pub fn not_yours() -> ApiError {
    ApiError::new(
        NOT_YOURS,
        "the request is about another applicant than the session's",
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
