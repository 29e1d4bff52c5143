//! The rules of a login, as pure functions of a mobile's [`LoginState`] and the time, so that
//! each rule is tested without a database or a wait.
//!
//! - A code is good for [`CODE_TTL`] and for one login.
//! - Wrong codes count per mobile, across codes: asking for a new code does not reset the
//!   count, or an attacker would ask for one every few guesses. A login resets it.
//! - The [`MAX_FAILURES`]th wrong code voids the code and locks the mobile for [`LOCK`]: no
//!   code is issued and no login accepted until then. With 10^6 codes and 5 guesses per
//!   15 minutes, guessing one takes about 5 years on average.
//! - A lock is not extended by attempts during it, so that a stranger cannot keep an
//!   applicant locked out for longer than by locking them once every 15 minutes.
//! - At most [`MAX_CODES`] codes are sent to one mobile per [`CODE_WINDOW`], whoever asks: each
//!   is an SMS to a person's phone, and a stranger must not be able to flood it (or run up the
//!   gateway's bill). The code already sent keeps working.

use std::time::Duration;

use super::clock::millis;
use crate::store::LoginState;

/// How long a code is accepted after it was issued.
pub const CODE_TTL: Duration = Duration::from_secs(5 * 60);
/// Wrong codes that lock a mobile.
pub const MAX_FAILURES: u32 = 5;
/// How long a lock lasts.
pub const LOCK: Duration = Duration::from_secs(15 * 60);
/// Codes sent to one mobile per [`CODE_WINDOW`].
pub const MAX_CODES: u32 = 5;
/// The window [`MAX_CODES`] counts in, from the first code of the window.
pub const CODE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The outcome of asking for a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issue {
    /// A code was issued, good for [`CODE_TTL`].
    Issued,
    /// The mobile is locked until this time (ms).
    Locked {
        /// When the lock ends.
        until: i64,
    },
    /// [`MAX_CODES`] codes were sent in the window that ends at this time (ms).
    TooMany {
        /// When the window ends.
        until: i64,
    },
}

/// The outcome of presenting a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The code is right: log in.
    Accepted,
    /// The code is wrong; this many attempts are left before the lock.
    Wrong {
        /// Attempts left.
        attempts_left: u32,
    },
    /// No code is in force (never issued, used, voided, or expired).
    NoCode,
    /// The mobile is locked until this time (ms).
    Locked {
        /// When the lock ends.
        until: i64,
    },
}

/// Issues the code whose digest is `code_digest` at `now`, unless the mobile is locked or got
/// its [`MAX_CODES`] in the current window. The count of wrong codes is kept.
pub fn issue(state: LoginState, code_digest: String, now: i64) -> (LoginState, Issue) {
    if state.locked_until > now {
        let until = state.locked_until;
        return (state, Issue::Locked { until });
    }
    let window_end = state.window_start.saturating_add(millis(CODE_WINDOW));
    let (window_start, codes_sent) = if now < window_end {
        (state.window_start, state.codes_sent)
    } else {
        (now, 0)
    };
    if codes_sent >= MAX_CODES {
        return (state, Issue::TooMany { until: window_end });
    }
    let next = LoginState {
        code_digest: Some(code_digest),
        expires_at: now.saturating_add(millis(CODE_TTL)),
        codes_sent: codes_sent + 1,
        window_start,
        ..state
    };
    (next, Issue::Issued)
}

/// Judges a login with the code whose digest is `presented_digest` at `now`.
pub fn judge(state: LoginState, presented_digest: &str, now: i64) -> (LoginState, Verdict) {
    if state.locked_until > now {
        let until = state.locked_until;
        return (state, Verdict::Locked { until });
    }
    let in_force = state
        .code_digest
        .as_deref()
        .filter(|_| state.expires_at > now);
    let Some(expected) = in_force else {
        return (state, Verdict::NoCode);
    };
    if expected == presented_digest {
        // A login clears the code and the wrong ones, not the count of codes sent: the SMS
        // limit holds whoever logs in.
        let next = LoginState {
            codes_sent: state.codes_sent,
            window_start: state.window_start,
            ..LoginState::default()
        };
        return (next, Verdict::Accepted);
    }
    let failures = state.failures.saturating_add(1);
    if failures >= MAX_FAILURES {
        let until = now.saturating_add(millis(LOCK));
        let locked = LoginState {
            code_digest: None,
            expires_at: 0,
            failures: 0,
            locked_until: until,
            ..state
        };
        return (locked, Verdict::Locked { until });
    }
    let next = LoginState { failures, ..state };
    (
        next,
        Verdict::Wrong {
            attempts_left: MAX_FAILURES - failures,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_000_000_000;

    fn issued() -> LoginState {
        issue(LoginState::default(), "right".to_owned(), NOW).0
    }

    #[test]
    fn the_right_code_logs_in_once() {
        let (state, verdict) = judge(issued(), "right", NOW + 1);
        assert_eq!(verdict, Verdict::Accepted);
        assert_eq!(judge(state, "right", NOW + 2).1, Verdict::NoCode);
    }

    #[test]
    fn a_code_expires_after_five_minutes() {
        let expiry = NOW + millis(CODE_TTL);
        assert_eq!(judge(issued(), "right", expiry - 1).1, Verdict::Accepted);
        assert_eq!(judge(issued(), "right", expiry).1, Verdict::NoCode);
    }

    #[test]
    fn the_fifth_wrong_code_voids_the_code_and_locks_for_fifteen_minutes() {
        let mut state = issued();
        for left in (1..MAX_FAILURES).rev() {
            let (next, verdict) = judge(state, "wrong", NOW);
            assert_eq!(
                verdict,
                Verdict::Wrong {
                    attempts_left: left
                }
            );
            state = next;
        }
        let (state, verdict) = judge(state, "wrong", NOW);
        let until = NOW + millis(LOCK);
        assert_eq!(verdict, Verdict::Locked { until });
        // The right code is refused during the lock, and no new code is issued.
        let (state, verdict) = judge(state, "right", NOW + 1);
        assert_eq!(verdict, Verdict::Locked { until });
        let (state, issued_during) = issue(state, "new".to_owned(), until - 1);
        assert_eq!(issued_during, Issue::Locked { until });
        // The voided code does not come back after the lock; a new one works.
        assert_eq!(judge(state.clone(), "right", until).1, Verdict::NoCode);
        let (state, _) = issue(state, "new".to_owned(), until);
        assert_eq!(judge(state, "new", until + 1).1, Verdict::Accepted);
    }

    #[test]
    fn a_new_code_does_not_reset_the_count_of_wrong_ones() {
        let mut state = issued();
        for _ in 1..MAX_FAILURES {
            state = judge(state, "wrong", NOW).0;
        }
        let (state, _) = issue(state, "fresh".to_owned(), NOW + 1);
        assert!(matches!(
            judge(state, "wrong", NOW + 2).1,
            Verdict::Locked { .. }
        ));
    }

    #[test]
    fn at_most_five_codes_are_sent_per_window_and_the_last_keeps_working() {
        let mut state = LoginState::default();
        for n in 0..MAX_CODES {
            let (next, outcome) = issue(state, format!("code{n}"), NOW + i64::from(n));
            assert_eq!(outcome, Issue::Issued, "code {n}");
            state = next;
        }
        let until = NOW + millis(CODE_WINDOW);
        let (state, outcome) = issue(state, "one more".to_owned(), NOW + 10);
        assert_eq!(outcome, Issue::TooMany { until });
        // The last code sent still logs in; a login does not reset the count.
        let (state, verdict) = judge(state, "code4", NOW + 11);
        assert_eq!(verdict, Verdict::Accepted);
        assert_eq!(
            issue(state.clone(), "after login".to_owned(), NOW + 12).1,
            Issue::TooMany { until }
        );
        // A new window starts when the old one ends.
        assert_eq!(
            issue(state, "next window".to_owned(), until).1,
            Issue::Issued
        );
    }

    #[test]
    fn a_login_resets_the_count() {
        let mut state = issued();
        for _ in 1..MAX_FAILURES {
            state = judge(state, "wrong", NOW).0;
        }
        let (state, verdict) = judge(state, "right", NOW);
        assert_eq!(verdict, Verdict::Accepted);
        assert_eq!(state.failures, 0);
    }
}
