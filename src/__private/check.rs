//! The runtime half of generated `validate()` methods: one call per constrained field, with
//! the field's rules in a `static` table the generator writes.

use std::sync::OnceLock;

use crate::validate::{self, Violations};

/// A field's wire path under `prefix` (`""` at the top, `emergent.` inside a nested struct).
pub fn path(prefix: &str, field: &str) -> String {
    format!("{prefix}{field}")
}

/// The prefix of a nested struct's fields.
pub fn nested(prefix: &str, field: &str) -> String {
    format!("{prefix}{field}.")
}

/// The prefix of the fields of a list's element.
pub fn element(prefix: &str, field: &str, index: usize) -> String {
    format!("{prefix}{field}[{index}].")
}

/// A regular expression, compiled on first use. The generator has compiled it already, so it
/// cannot fail here; if it ever did, every value would be reported as not matching rather than
/// the server panicking.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex::Regex>>,
}

impl Pattern {
    /// A pattern, anchored by the generator (`^(?:...)$`).
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn matches(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regex::Regex::new(self.source).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(value))
    }
}

/// Formats with rules of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A Mexican CURP.
    Curp,
    /// A CLABE.
    Clabe,
    /// A Luhn card number.
    Luhn,
    /// A Mexican mobile number.
    MxMobile,
    /// An email address.
    Email,
    /// A date as DD/MM/YYYY.
    Date,
}

impl Format {
    fn check(self, value: &str) -> Result<(), &'static str> {
        match self {
            Format::Curp => validate::curp(value),
            Format::Clabe => validate::clabe(value),
            Format::Luhn => validate::luhn(value),
            Format::MxMobile => validate::mx_mobile(value),
            Format::Email => validate::email(value),
            Format::Date => validate::date_dmy(value),
        }
    }
}

/// A named option list's codes.
pub struct Choice {
    /// The list's name.
    pub name: &'static str,
    /// The valid codes.
    pub codes: &'static [i64],
}

/// The rules of a text field.
pub struct TextRules {
    /// Inclusive bounds on the length in characters.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// A pattern the whole value matches.
    pub pattern: Option<&'static Pattern>,
    /// A format.
    pub format: Option<Format>,
    /// An option list.
    pub choice: Option<&'static Choice>,
}

/// The rules of a numeric field.
pub struct NumberRules {
    /// Inclusive bounds on the value.
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// An option list.
    pub choice: Option<&'static Choice>,
}

/// Checks a text value. Reasons name the rule, never the value.
pub fn text(
    violations: &mut Violations,
    prefix: &str,
    field: &str,
    value: &str,
    rules: &TextRules,
) {
    if let Some((min, max)) = rules.length {
        let length = value.chars().count() as u64;
        if min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max) {
            violations.push(path(prefix, field), length_reason(min, max));
        }
    }
    if let Some(pattern) = rules.pattern
        && !pattern.matches(value)
    {
        violations.push(path(prefix, field), "does not have the expected form");
    }
    if let Some(format) = rules.format
        && let Err(reason) = format.check(value)
    {
        violations.push(path(prefix, field), reason);
    }
    if let Some(choice) = rules.choice {
        let code = value.trim().parse::<i64>().ok();
        if !code.is_some_and(|code| choice.codes.contains(&code)) {
            violations.push(
                path(prefix, field),
                format!("is not one of the options of `{}`", choice.name),
            );
        }
    }
}

/// Checks an integer value.
pub fn integer(
    violations: &mut Violations,
    prefix: &str,
    field: &str,
    value: i64,
    rules: &NumberRules,
) {
    if let Some(choice) = rules.choice
        && !choice.codes.contains(&value)
    {
        violations.push(
            path(prefix, field),
            format!("is not one of the options of `{}`", choice.name),
        );
    }
    number(
        violations,
        prefix,
        field,
        value as f64,
        &NumberRules {
            range: rules.range,
            choice: None,
        },
    );
}

/// Checks a numeric value.
pub fn number(
    violations: &mut Violations,
    prefix: &str,
    field: &str,
    value: f64,
    rules: &NumberRules,
) {
    if let Some((min, max)) = rules.range
        && (min.is_some_and(|min| value < min)
            || max.is_some_and(|max| value > max)
            || value.is_nan())
    {
        violations.push(path(prefix, field), range_reason(min, max));
    }
}

fn length_reason(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => format!("must be {min} characters long"),
        (Some(min), Some(max)) => format!("must be {min} to {max} characters long"),
        (Some(min), None) => format!("must be at least {min} characters long"),
        (None, Some(max)) => format!("must be at most {max} characters long"),
        (None, None) => "has an invalid length".to_owned(),
    }
}

fn range_reason(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("must be between {min} and {max}"),
        (Some(min), None) => format!("must be at least {min}"),
        (None, Some(max)) => format!("must be at most {max}"),
        (None, None) => "is out of range".to_owned(),
    }
}

/// Reports that `field` differs from `other` (an `equal: [field, other]` rule).
pub fn not_equal(violations: &mut Violations, prefix: &str, field: &str, other: &str) {
    violations.push(
        path(prefix, field),
        format!("must equal `{}`", path(prefix, other)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    static DIGITS: Pattern = Pattern::new("^(?:[0-9]{2})$");
    static CHOICE: Choice = Choice {
        name: "marriage",
        codes: &[1, 2, 3, 4],
    };

    #[test]
    fn text_rules_report_reasons_without_values() {
        let mut violations = Violations::default();
        let rules = TextRules {
            length: Some((Some(3), Some(5))),
            pattern: Some(&DIGITS),
            format: Some(Format::Curp),
            choice: Some(&CHOICE),
        };
        text(&mut violations, "a.", "b", "SECRET", &rules);
        let printed = violations.to_string();
        assert_eq!(
            printed,
            "`a.b`: must be 3 to 5 characters long; `a.b`: does not have the expected form; \
             `a.b`: must be 18 characters; `a.b`: is not one of the options of `marriage`"
        );
        assert!(!printed.contains("SECRET"));
    }

    #[test]
    fn valid_values_pass() {
        let mut violations = Violations::default();
        let rules = TextRules {
            length: Some((None, Some(2))),
            pattern: Some(&DIGITS),
            format: None,
            choice: Some(&CHOICE),
        };
        text(&mut violations, "", "x", "03", &rules);
        integer(
            &mut violations,
            "",
            "n",
            4,
            &NumberRules {
                range: Some((Some(1.0), Some(4.0))),
                choice: Some(&CHOICE),
            },
        );
        assert_eq!(violations.into_result(), Ok(()));
    }

    #[test]
    fn numbers_out_of_range() {
        let mut violations = Violations::default();
        integer(
            &mut violations,
            "",
            "n",
            9,
            &NumberRules {
                range: Some((Some(1.0), None)),
                choice: Some(&CHOICE),
            },
        );
        number(
            &mut violations,
            "",
            "f",
            0.5,
            &NumberRules {
                range: Some((Some(1.0), Some(2.0))),
                choice: None,
            },
        );
        assert_eq!(
            violations.to_string(),
            "`n`: is not one of the options of `marriage`; `f`: must be between 1 and 2"
        );
    }
}
