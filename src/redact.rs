//! Redaction of personal data in `Debug` output.

use core::fmt;

/// Prints `<redacted>` in place of a sensitive value. Generated `Debug` impls use it for every
/// field the spec marks `sensitive`, so names, CURPs, phones and account numbers never reach a
/// log through `{:?}`.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::Redacted;

    #[test]
    fn prints_a_redaction_and_nothing_else() {
        assert_eq!(format!("{Redacted:?}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(Redacted)), "Some(<redacted>)");
    }
}
