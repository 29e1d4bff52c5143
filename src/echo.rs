//! Text a sender wrote, made fit to quote in a failure message.
//!
//! A failure message may name what the sender wrote (a part or field name, a parser's reason
//! that quotes one). Quoted as sent, such a name could be megabytes long or carry line breaks
//! and terminal escapes into envelopes and logs. It is quoted capped and escaped instead.

/// The most characters of a sender's name a message quotes.
pub(crate) const MAX_ECHO_CHARS: usize = 64;

/// `text` with control characters escaped (`\n`, `\u{1b}`), cut after [`MAX_ECHO_CHARS`]
/// characters of the original, with `…` when it was cut.
pub(crate) fn echo(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_ECHO_CHARS * 2));
    for (count, c) in text.chars().enumerate() {
        if count == MAX_ECHO_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_kept() {
        assert_eq!(echo("attach"), "attach");
        assert_eq!(echo("ñandú"), "ñandú");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(echo("a\nb\r\u{1b}[31m\0"), "a\\nb\\r\\u{1b}[31m\\u{0}");
    }

    #[test]
    fn long_names_are_cut() {
        let long = "é".repeat(10_000);
        let quoted = echo(&long);
        assert_eq!(quoted.chars().count(), MAX_ECHO_CHARS + 1);
        assert!(quoted.ends_with('…'));
        assert_eq!(
            echo(&"x".repeat(MAX_ECHO_CHARS)),
            "x".repeat(MAX_ECHO_CHARS)
        );
    }
}
