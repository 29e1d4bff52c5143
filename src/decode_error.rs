//! Decoding errors that name the field but never the value.
//!
//! serde's messages quote what was sent (`invalid type: string "CORM…", expected i64`); on
//! either side of the wire that text ends up in envelopes, errors and logs, and the values are
//! personal data. The message is rebuilt from the error's path and serde's expectation.

/// `missing field `x` in `path``, or `invalid value for field `path`: expected …`; `mismatch`
/// is the message when the error is at the top (`the body does not match the request`).
pub(crate) fn describe<E: std::fmt::Display>(
    err: &serde_path_to_error::Error<E>,
    mismatch: &str,
) -> String {
    let path = err.path().to_string();
    let inner = err.inner().to_string();
    if let Some(missing) = inner.strip_prefix("missing field ") {
        let missing = without_position(missing);
        // serde names the missing field, nothing else.
        return if path == "." {
            format!("missing field {missing}")
        } else {
            format!("missing field {missing} in `{path}`")
        };
    }
    // serde names a repeated field, nothing else.
    if inner.starts_with("duplicate field ") {
        return without_position(&inner).to_owned();
    }
    // The expectation comes from the type, after serde's last ", expected ".
    let expected = inner
        .rsplit_once(", expected ")
        .map(|(_, expected)| format!(": expected {}", without_position(expected)))
        .unwrap_or_default();
    if path == "." {
        format!("{mismatch}{expected}")
    } else {
        format!("invalid value for field `{path}`{expected}")
    }
}

/// serde_json ends its messages with ` at line L column C`; the path says where already.
fn without_position(text: &str) -> &str {
    match text.rsplit_once(" at line ") {
        Some((head, tail))
            if tail
                .split(" column ")
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            head
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Person {
        name: String,
        age: i64,
    }

    fn message(json: &str) -> String {
        let err = serde_path_to_error::deserialize::<_, Person>(
            &mut serde_json::Deserializer::from_str(json),
        )
        .unwrap_err();
        describe(&err, "the body does not match")
    }

    #[test]
    fn positions_are_dropped() {
        assert_eq!(
            super::without_position("a sequence at line 1 column 15"),
            "a sequence"
        );
        assert_eq!(super::without_position("a sequence"), "a sequence");
        assert_eq!(super::without_position("x at line one"), "x at line one");
    }

    #[test]
    fn names_fields_not_values() {
        assert_eq!(
            message(r#"{"name":"MARICELA","age":"CORM770627"}"#),
            "invalid value for field `age`: expected i64"
        );
        assert_eq!(message(r#"{"name":"MARICELA"}"#), "missing field `age`");
        assert_eq!(
            message(r#""MARICELA""#),
            "the body does not match: expected struct Person"
        );
    }
}
