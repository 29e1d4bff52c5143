//! Spec names meet Rust names.
//!
//! Wire names are free text (`bankCode`, `a-b`, `9lives`, `ñandú`, `type`); Rust names must be
//! identifiers that follow Rust's casing, so that generated code is warning-free in a user's
//! crate. The mapping, decided once here:
//! - case: heck's `snake_case` for fields and methods, `UpperCamelCase` for types and variants;
//! - keywords become raw identifiers (`type` → `r#type`), except those that cannot be raw
//!   (`self`, `Self`, `super`, `crate`), which get a trailing underscore (`self_`);
//! - a leading digit gets a leading underscore (`9lives` → `_9lives`), as prost does;
//! - anything that is still not an identifier (a name made only of punctuation) is an error
//!   that asks for an explicit `rust:` name.
//!
//! An explicit `rust:` name is taken as written, but must already be in the right case.

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::ir::RustName;
use crate::vocab;

/// The Rust casing a name must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// Fields, methods, modules.
    Snake,
    /// Types and variants.
    UpperCamel,
}

impl Case {
    fn apply(self, text: &str) -> String {
        match self {
            Case::Snake => text.to_snake_case(),
            Case::UpperCamel => text.to_upper_camel_case(),
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Case::Snake => "snake_case",
            Case::UpperCamel => "UpperCamelCase",
        }
    }
}

/// Keywords of Rust 2024 (strict and reserved) that a raw identifier can spell.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const UNRAWABLE_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Derives a Rust name from a spec name in `case`.
pub(crate) fn derive(spec_name: &str, case: Case) -> Result<RustName, String> {
    let mut text = case.apply(spec_name);
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        text.insert(0, '_');
    }
    finish(text).ok_or_else(|| format!("`{spec_name}` cannot become a Rust identifier"))
}

/// Takes an explicit `rust:` name, which must be an identifier already in `case`.
pub(crate) fn explicit(rust: &str, case: Case) -> Result<RustName, String> {
    // `r#type` and `type` both mean the keyword; `finish` makes it raw where needed.
    let bare = rust.strip_prefix("r#").unwrap_or(rust);
    // Leading underscores are allowed (`_9lives`) and kept; casing is judged on the rest.
    let body = bare.trim_start_matches('_');
    let expected = case.apply(body);
    if !body.is_empty() && expected != body {
        let prefix = &bare[..bare.len() - body.len()];
        return Err(format!(
            "`rust: {rust}` is not {}; write `{prefix}{expected}`",
            case.describe()
        ));
    }
    // Generated code and serde's derives name their own generics and helpers `__A`, `__D`,
    // `__Visitor`, ...: a type of that name would be shadowed inside them. Derived names
    // never start with `__`.
    if case == Case::UpperCamel && bare.starts_with(vocab::RESERVED_PREFIX) {
        return Err(format!(
            "`rust: {rust}` starts with `{}`, which generated code keeps for its own names",
            vocab::RESERVED_PREFIX
        ));
    }
    finish(bare.to_owned()).ok_or_else(|| format!("`rust: {rust}` is not a Rust identifier"))
}

/// Makes keywords usable, then checks that the result is an identifier.
fn finish(mut text: String) -> Option<RustName> {
    let mut raw = false;
    if UNRAWABLE_KEYWORDS.contains(&text.as_str()) {
        text.push('_');
    } else if RAW_KEYWORDS.contains(&text.as_str()) {
        raw = true;
    }
    let name = RustName { text, raw };
    syn::parse_str::<syn::Ident>(&name.source()).ok()?;
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snake(s: &str) -> String {
        derive(s, Case::Snake)
            .map(|n| n.source())
            .unwrap_or_else(|e| e)
    }

    fn camel(s: &str) -> String {
        derive(s, Case::UpperCamel)
            .map(|n| n.source())
            .unwrap_or_else(|e| e)
    }

    #[test]
    fn wire_names_become_snake_case_fields() {
        assert_eq!(snake("bankCode"), "bank_code");
        assert_eq!(snake("product_id"), "product_id");
        assert_eq!(snake("salary_day_1"), "salary_day_1");
        assert_eq!(snake("a-b"), "a_b");
        assert_eq!(snake("ñandú"), "ñandú");
    }

    #[test]
    fn keywords_and_digits_are_made_usable() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(camel("self"), "Self_");
        assert_eq!(snake("9lives"), "_9lives");
        assert_eq!(camel("9lives"), "_9lives");
    }

    #[test]
    fn punctuation_only_names_are_errors() {
        assert_eq!(snake("$$"), "`$$` cannot become a Rust identifier");
        assert_eq!(snake(""), "`` cannot become a Rust identifier");
    }

    #[test]
    fn explicit_names_must_have_the_right_case() {
        assert_eq!(
            explicit("CardNumber", Case::UpperCamel).map(|n| n.source()),
            Ok("CardNumber".into())
        );
        assert_eq!(
            explicit("cardNo", Case::Snake).unwrap_err(),
            "`rust: cardNo` is not snake_case; write `card_no`"
        );
        assert_eq!(
            explicit("type", Case::Snake).map(|n| n.source()),
            Ok("r#type".into())
        );
        assert_eq!(
            explicit("r#type", Case::Snake).map(|n| n.source()),
            Ok("r#type".into())
        );
        assert_eq!(
            explicit("_9lives", Case::Snake).map(|n| n.source()),
            Ok("_9lives".into())
        );
        assert_eq!(
            explicit("_fooBar", Case::Snake).unwrap_err(),
            "`rust: _fooBar` is not snake_case; write `_foo_bar`"
        );
    }

    #[test]
    fn type_names_leave_the_double_underscore_to_generated_code() {
        assert_eq!(
            explicit("__A", Case::UpperCamel).unwrap_err(),
            "`rust: __A` starts with `__`, which generated code keeps for its own names"
        );
        assert_eq!(camel("__A"), "A");
        assert_eq!(
            explicit("__api", Case::Snake).map(|n| n.source()),
            Ok("__api".into())
        );
    }
}
