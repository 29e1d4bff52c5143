//! The runtime half of generated `validate()` methods: each struct's constraints are one
//! `static` table the generator writes (a row per constrained field: wire name, accessor,
//! rules built with the `const` constructors here), walked by [`fields`].

use std::sync::OnceLock;

use crate::validate::{self, Validate, Violations};

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

/// One rule of a field, in a generated table. Built with the `const` constructors below, so
/// that a table is a `static` and reads as one line per field. A rule that does not fit the
/// value it meets (a length on a number) is never written by the generator, and is skipped.
#[derive(Clone, Copy)]
pub enum Rule {
    /// Inclusive bounds on a text's length in characters.
    Length(Option<u64>, Option<u64>),
    /// A pattern the whole text matches.
    Pattern(&'static Pattern),
    /// A format with rules of its own.
    Format(Format),
    /// An option list: its name and its valid codes; a text holds a code as digits.
    Choice(&'static str, &'static [i64]),
    /// Inclusive bounds on a number.
    Range(Option<f64>, Option<f64>),
}

/// `length: {min, max}`.
pub const fn length(min: u64, max: u64) -> Rule {
    Rule::Length(Some(min), Some(max))
}

/// `length: {min}`.
pub const fn min_length(min: u64) -> Rule {
    Rule::Length(Some(min), None)
}

/// `length: {max}`.
pub const fn max_length(max: u64) -> Rule {
    Rule::Length(None, Some(max))
}

/// `range: {min, max}`.
pub const fn range(min: f64, max: f64) -> Rule {
    Rule::Range(Some(min), Some(max))
}

/// `range: {min}`.
pub const fn min(min: f64) -> Rule {
    Rule::Range(Some(min), None)
}

/// `range: {max}`.
pub const fn max(max: f64) -> Rule {
    Rule::Range(None, Some(max))
}

/// `pattern:`, compiled on first use by the `static` it refers to.
pub const fn pattern(pattern: &'static Pattern) -> Rule {
    Rule::Pattern(pattern)
}

/// `format:`.
pub const fn format(format: Format) -> Rule {
    Rule::Format(format)
}

/// `format: curp`.
pub const CURP: Rule = Rule::Format(Format::Curp);
/// `format: clabe`.
pub const CLABE: Rule = Rule::Format(Format::Clabe);
/// `format: luhn`.
pub const LUHN: Rule = Rule::Format(Format::Luhn);
/// `format: mx_mobile`.
pub const MX_MOBILE: Rule = Rule::Format(Format::MxMobile);
/// `format: email`.
pub const EMAIL: Rule = Rule::Format(Format::Email);
/// `format: date`.
pub const DATE: Rule = Rule::Format(Format::Date);

/// `choice:`, the named option list `name` with its `codes`.
pub const fn choice(name: &'static str, codes: &'static [i64]) -> Rule {
    Rule::Choice(name, codes)
}

/// A field's value as the rules see it.
pub enum Value<'a> {
    /// An optional field left out: nothing to check.
    Absent,
    /// A text.
    Text(&'a str),
    /// An integer.
    Integer(i64),
    /// A number.
    Number(f64),
    /// A struct of its own, validated under the field's path.
    Nested(&'a dyn Validate),
    /// A list of structs, each validated under the field's path and its index.
    Items(&'a dyn Items),
}

/// What a generated table's accessor returns: a field's value, whatever its Rust type.
/// Lenient scalars (newtypes the generator writes) implement it in generated code.
pub trait Checked {
    /// The value, for the rules.
    fn checked(&self) -> Value<'_>;
}

impl Checked for String {
    fn checked(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl Checked for i64 {
    fn checked(&self) -> Value<'_> {
        Value::Integer(*self)
    }
}

impl Checked for f64 {
    fn checked(&self) -> Value<'_> {
        Value::Number(*self)
    }
}

impl<T: Checked> Checked for Option<T> {
    fn checked(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Absent, Checked::checked)
    }
}

// No overlap with the impls above: `Validate` is this crate's, so no other crate can implement
// it for `String`, `Option` or `Vec`.
impl<T: Validate> Checked for T {
    fn checked(&self) -> Value<'_> {
        Value::Nested(self)
    }
}

impl<T: Validate> Checked for Vec<T> {
    fn checked(&self) -> Value<'_> {
        Value::Items(self)
    }
}

/// A list of structs, each validated in turn.
pub trait Items {
    /// Validates every element under `prefix`, `field` and its index.
    fn validate_each(&self, violations: &mut Violations, prefix: &str, field: &str);
}

impl<T: Validate> Items for Vec<T> {
    fn validate_each(&self, violations: &mut Violations, prefix: &str, field: &str) {
        for (index, item) in self.iter().enumerate() {
            item.validate_into(violations, &element(prefix, field, index));
        }
    }
}

/// One row of a struct's generated table: the field's wire name, how to reach its value, and
/// its rules in the order they are reported.
pub struct Field<T: 'static>(
    pub &'static str,
    pub for<'a> fn(&'a T) -> &'a dyn Checked,
    pub &'static [Rule],
);

/// Checks every row of `table` on `value`, in order: what a generated `validate_into` does.
pub fn fields<T>(value: &T, table: &[Field<T>], violations: &mut Violations, prefix: &str) {
    for Field(wire, get, rules) in table {
        check(violations, prefix, wire, get(value), rules);
    }
}

/// Checks `rules` on one value under the field's wire name. Reasons name the rule, never the
/// value.
pub fn check(
    violations: &mut Violations,
    prefix: &str,
    field: &str,
    value: &dyn Checked,
    rules: &[Rule],
) {
    match value.checked() {
        Value::Absent => {}
        Value::Text(text) => {
            for rule in rules {
                text_rule(violations, prefix, field, text, rule);
            }
        }
        Value::Integer(number) => {
            for rule in rules {
                number_rule(violations, prefix, field, number as f64, Some(number), rule);
            }
        }
        Value::Number(number) => {
            for rule in rules {
                number_rule(violations, prefix, field, number, None, rule);
            }
        }
        Value::Nested(nested_value) => {
            nested_value.validate_into(violations, &nested(prefix, field));
        }
        Value::Items(items) => items.validate_each(violations, prefix, field),
    }
}

fn text_rule(violations: &mut Violations, prefix: &str, field: &str, value: &str, rule: &Rule) {
    match *rule {
        Rule::Length(min, max) => {
            let length = value.chars().count() as u64;
            if min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max) {
                violations.push(path(prefix, field), length_reason(min, max));
            }
        }
        Rule::Pattern(pattern) => {
            if !pattern.matches(value) {
                violations.push(path(prefix, field), "does not have the expected form");
            }
        }
        Rule::Format(format) => {
            if let Err(reason) = format.check(value) {
                violations.push(path(prefix, field), reason);
            }
        }
        Rule::Choice(name, codes) => {
            let code = value.trim().parse::<i64>().ok();
            if !code.is_some_and(|code| codes.contains(&code)) {
                violations.push(path(prefix, field), choice_reason(name));
            }
        }
        Rule::Range(..) => {}
    }
}

/// A number's rule; `integer` is the value when it is an integer, which an option list needs.
fn number_rule(
    violations: &mut Violations,
    prefix: &str,
    field: &str,
    value: f64,
    integer: Option<i64>,
    rule: &Rule,
) {
    match *rule {
        Rule::Choice(name, codes) => {
            if !integer.is_some_and(|code| codes.contains(&code)) {
                violations.push(path(prefix, field), choice_reason(name));
            }
        }
        Rule::Range(min, max) => {
            if min.is_some_and(|min| value < min)
                || max.is_some_and(|max| value > max)
                || value.is_nan()
            {
                violations.push(path(prefix, field), range_reason(min, max));
            }
        }
        Rule::Length(..) | Rule::Pattern(_) | Rule::Format(_) => {}
    }
}

fn choice_reason(name: &str) -> String {
    format!("is not one of the options of `{name}`")
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
    const MARRIAGE: &[i64] = &[1, 2, 3, 4];

    #[test]
    fn text_rules_report_reasons_without_values() {
        let mut violations = Violations::default();
        let rules = [
            length(3, 5),
            pattern(&DIGITS),
            format(Format::Curp),
            choice("marriage", MARRIAGE),
        ];
        check(&mut violations, "a.", "b", &"SECRET".to_owned(), &rules);
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
        let text = [
            max_length(2),
            pattern(&DIGITS),
            choice("marriage", MARRIAGE),
        ];
        check(&mut violations, "", "x", &"03".to_owned(), &text);
        let integer = [choice("marriage", MARRIAGE), range(1.0, 4.0)];
        check(&mut violations, "", "n", &4_i64, &integer);
        check(&mut violations, "", "absent", &None::<String>, &text);
        assert_eq!(violations.into_result(), Ok(()));
    }

    #[test]
    fn numbers_out_of_range() {
        let mut violations = Violations::default();
        check(
            &mut violations,
            "",
            "n",
            &9_i64,
            &[choice("marriage", MARRIAGE), min(1.0)],
        );
        check(&mut violations, "", "f", &0.5_f64, &[range(1.0, 2.0)]);
        check(&mut violations, "", "nan", &f64::NAN, &[max(2.0)]);
        assert_eq!(
            violations.to_string(),
            "`n`: is not one of the options of `marriage`; `f`: must be between 1 and 2; \
             `nan`: must be at most 2"
        );
    }
}
