//! Why a login step failed, in words that name no mobile and no code.

use std::fmt;
use std::time::Duration;

use crate::store::StoreError;

/// Why a code was not issued or a login not accepted.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoginError {
    /// The mobile is not a Mexican mobile number (the reason, never the value).
    InvalidMobile(&'static str),
    /// The code is wrong.
    WrongCode {
        /// Attempts left before the lock.
        attempts_left: u32,
    },
    /// No code is in force for the mobile: never asked for, used, voided or expired.
    NoCode,
    /// Too many wrong codes: the mobile is locked.
    Locked {
        /// How long until the lock ends.
        retry_after: Duration,
    },
    /// The mobile got as many codes as it may in a while; the last one still works.
    TooManyCodes {
        /// How long until a new code may be sent.
        retry_after: Duration,
    },
    /// The operating system's random source failed.
    NoRandomness,
    /// The database failed.
    Storage(StoreError),
}

impl fmt::Display for LoginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoginError::InvalidMobile(reason) => write!(f, "`mobile` {reason}"),
            LoginError::WrongCode { attempts_left } => {
                write!(f, "wrong code: {attempts_left} attempts left")
            }
            LoginError::NoCode => f.write_str("no code in force: ask for a new one"),
            LoginError::Locked { retry_after } => write!(
                f,
                "too many wrong codes: try again in {} minutes",
                retry_after.as_secs().div_ceil(60)
            ),
            LoginError::TooManyCodes { retry_after } => write!(
                f,
                "too many codes sent: use the last one, or ask again in {} minutes",
                retry_after.as_secs().div_ceil(60)
            ),
            LoginError::NoRandomness => f.write_str("no code could be drawn"),
            LoginError::Storage(err) => write!(f, "storage failure: {err}"),
        }
    }
}

impl std::error::Error for LoginError {}

impl From<StoreError> for LoginError {
    fn from(err: StoreError) -> Self {
        LoginError::Storage(err)
    }
}
