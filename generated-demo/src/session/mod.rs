//! Logins and sessions: the demo's stand-in for the app's SMS one-time-code login, and the
//! sessions every request of the API is authenticated by.
//!
//! An applicant asks for a code for their mobile ([`Sessions::send_code`]); the code goes out
//! through a [`CodeSender`] (the SMS stand-ins of [`sender`]) and is stored as its SHA-256
//! digest. Presenting it ([`Sessions::log_in`]) starts a session: a token of 256 random bits,
//! handed to the app once and stored as its digest with an expiry. Every request then carries
//! the token, and [`Sessions::authenticate`] turns it back into the applicant ([`Session`]):
//! the applicant of a request is its session's, never a value the request names. The rules on
//! wrong codes and locks are in [`attempts`].

pub mod attempts;
pub mod clock;
mod error;
pub mod secret;
pub mod sender;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

pub use attempts::{CODE_TTL, CODE_WINDOW, LOCK, MAX_CODES, MAX_FAILURES};
pub use clock::{Clock, ManualClock};
pub use error::LoginError;
pub use sender::{CodeSender, Inbox, StdoutSender};

use crate::applicant::national_mobile;
use crate::store::{Store, StoreError};
use attempts::{Issue, Verdict};
use clock::millis;

/// How long a session lasts after its login.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 60 * 60);

/// The applicant a session belongs to: what every request of the API is about.
///
/// Personal data: `Debug` shows none of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Session {
    mobile: String,
}

impl Session {
    /// The applicant's mobile number: 10 national digits.
    pub fn mobile(&self) -> &str {
        &self.mobile
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session").finish_non_exhaustive()
    }
}

/// A session just started: the token to hand to the app, once.
#[derive(Clone)]
pub struct NewSession {
    /// The session token: 64 hex digits.
    pub token: String,
    /// How long the session lasts.
    pub expires_in: Duration,
}

impl fmt::Debug for NewSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewSession")
            .field("token", &format_args!("<redacted>"))
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// Logins and sessions over the store. Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Sessions {
    store: Store,
    sender: Arc<dyn CodeSender>,
    clock: Clock,
}

impl fmt::Debug for Sessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sessions")
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

impl Sessions {
    /// Sessions stored in `store`, codes sent through `sender`, times read from `clock`.
    pub fn new(store: Store, sender: Arc<dyn CodeSender>, clock: Clock) -> Sessions {
        Sessions {
            store,
            sender,
            clock,
        }
    }

    /// Issues a new code for `mobile` (replacing any earlier one) and sends it; returns how
    /// long it is good for.
    pub async fn send_code(&self, mobile: &str) -> Result<Duration, LoginError> {
        let mobile = national_mobile(mobile).map_err(LoginError::InvalidMobile)?;
        let code = secret::new_code().map_err(|_| LoginError::NoRandomness)?;
        let now = self.clock.now_ms();
        let code_digest = secret::digest(&code);
        let issued = self
            .store
            .update_login(&mobile, move |state| {
                attempts::issue(state, code_digest, now)
            })
            .await?;
        match issued {
            Issue::Issued => {
                self.sender.send(&mobile, &code);
                tracing::info!("login code issued");
                Ok(CODE_TTL)
            }
            Issue::Locked { until } => Err(self.locked(until, now)),
            Issue::TooMany { until } => {
                tracing::warn!("login code refused: too many sent to this mobile");
                let left = u64::try_from(until.saturating_sub(now)).unwrap_or(0);
                Err(LoginError::TooManyCodes {
                    retry_after: Duration::from_millis(left),
                })
            }
        }
    }

    /// Logs `mobile` in with `code`: a new session, or why not.
    pub async fn log_in(&self, mobile: &str, code: &str) -> Result<NewSession, LoginError> {
        let mobile = national_mobile(mobile).map_err(LoginError::InvalidMobile)?;
        let now = self.clock.now_ms();
        let presented = secret::digest(code.trim());
        let verdict = self
            .store
            .update_login(&mobile, move |state| {
                attempts::judge(state, &presented, now)
            })
            .await?;
        match verdict {
            Verdict::Accepted => self.start(&mobile, now).await,
            Verdict::Wrong { attempts_left } => {
                tracing::info!(attempts_left, "wrong login code");
                Err(LoginError::WrongCode { attempts_left })
            }
            Verdict::NoCode => Err(LoginError::NoCode),
            Verdict::Locked { until } => Err(self.locked(until, now)),
        }
    }

    /// The applicant of `credential`: `None` unless it is the token of a session that has not
    /// expired. A credential that is not token-shaped is refused without a lookup.
    pub async fn authenticate(&self, credential: &str) -> Result<Option<Session>, StoreError> {
        if !secret::is_token_shaped(credential) {
            return Ok(None);
        }
        let mobile = self
            .store
            .session_owner(secret::digest(credential), self.clock.now_ms())
            .await?;
        Ok(mobile.map(|mobile| Session { mobile }))
    }

    async fn start(&self, mobile: &str, now: i64) -> Result<NewSession, LoginError> {
        let token = secret::new_token().map_err(|_| LoginError::NoRandomness)?;
        let expires_at = now.saturating_add(millis(SESSION_TTL));
        self.store
            .add_session(secret::digest(&token), mobile, now, expires_at)
            .await?;
        tracing::info!("session started");
        Ok(NewSession {
            token,
            expires_in: SESSION_TTL,
        })
    }

    fn locked(&self, until: i64, now: i64) -> LoginError {
        tracing::warn!("login refused: the mobile is locked after too many wrong codes");
        let left = u64::try_from(until.saturating_sub(now)).unwrap_or(0);
        LoginError::Locked {
            retry_after: Duration::from_millis(left),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_mobile_and_no_token() {
        let session = Session {
            mobile: "5512345678".to_owned(),
        };
        assert_eq!(format!("{session:?}"), "Session { .. }");
        let new = NewSession {
            token: "ab".repeat(32),
            expires_in: SESSION_TTL,
        };
        assert!(!format!("{new:?}").contains("abab"), "{new:?}");
    }
}
