//! Stand-ins for the SMS gateway that sends the app's one-time codes.
//!
//! The real backend hands a code to an SMS provider; the demo has none. [`StdoutSender`]
//! prints it (what `serve` uses, so that a person with the server's terminal can log in with
//! curl) and [`Inbox`] keeps it in memory for a walk in the same process. Both are for the
//! demo only: printing codes is exactly what a real server must never do. Neither logs: the
//! code and the mobile stay out of tracing output.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Delivers a one-time code to the phone of a mobile number.
pub trait CodeSender: Send + Sync + 'static {
    /// Sends `code` to `mobile` (10 national digits).
    fn send(&self, mobile: &str, code: &str);
}

/// Prints each code to standard output, with the mobile masked: the demo's stand-in for an
/// SMS gateway, for `serve`.
#[derive(Debug, Clone, Copy, Default)]
pub struct StdoutSender;

impl CodeSender for StdoutSender {
    fn send(&self, mobile: &str, code: &str) {
        let mut stdout = std::io::stdout().lock();
        // A lost line is a lost SMS: the applicant asks again. Nothing to report it to.
        let _ = writeln!(
            stdout,
            "SMS stand-in (demo only): login code for {} is {code}",
            masked(mobile)
        )
        .and_then(|()| stdout.flush());
    }
}

/// Keeps the latest code of each mobile in memory, for a walk in the same process (and
/// tests). Clones share the codes.
#[derive(Clone, Default)]
pub struct Inbox(Arc<Mutex<HashMap<String, String>>>);

impl Inbox {
    /// An empty inbox.
    pub fn new() -> Inbox {
        Inbox::default()
    }

    /// Takes the latest code sent to `mobile`, if one arrived since the last take.
    pub fn take(&self, mobile: &str) -> Option<String> {
        self.0.lock().ok()?.remove(mobile)
    }
}

impl CodeSender for Inbox {
    fn send(&self, mobile: &str, code: &str) {
        if let Ok(mut codes) = self.0.lock() {
            codes.insert(mobile.to_owned(), code.to_owned());
        }
    }
}

impl fmt::Debug for Inbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

/// A mobile number as shown to people: its last 4 digits, the others as `*`.
pub fn masked(mobile: &str) -> String {
    const SHOWN: usize = 4;
    let chars: Vec<char> = mobile.chars().collect();
    let hidden = chars.len().saturating_sub(SHOWN);
    let tail: String = chars[hidden..].iter().collect();
    format!("{}{tail}", "*".repeat(hidden))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mobile_is_masked_but_for_its_last_four_digits() {
        assert_eq!(masked("5512345678"), "******5678");
        assert_eq!(masked("123"), "123");
    }

    #[test]
    fn the_inbox_hands_each_code_once() {
        let inbox = Inbox::new();
        inbox.send("5500000000", "123456");
        inbox.send("5500000000", "654321");
        assert_eq!(inbox.take("5500000000").as_deref(), Some("654321"));
        assert_eq!(inbox.take("5500000000"), None);
        assert_eq!(format!("{inbox:?}"), "Inbox { .. }");
    }
}
