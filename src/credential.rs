//! The secret an app proves its session with.

use std::fmt;
use std::sync::Arc;

/// A session credential (a token): the secret a client sends in the header the spec names, and
/// the server hands to [`Authenticate`](crate::server::Authenticate).
///
/// It is kept out of every place a secret leaks through: `Debug` shows `Credential(<redacted>)`,
/// and it implements neither `Display` nor `Serialize`. Read it with [`Credential::expose`],
/// only where it is checked or sent. Cheap to clone.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential(Arc<str>);

impl Credential {
    /// A credential holding `secret`.
    pub fn new(secret: impl Into<String>) -> Self {
        Credential(Arc::from(secret.into()))
    }

    /// The secret itself, to check or to send.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credential(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let credential = Credential::new("s3cr3t-t0ken");
        let shown = format!("{credential:?} {:#?}", Some(&credential));
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("<redacted>"));
        assert_eq!(credential.expose(), "s3cr3t-t0ken");
    }
}
