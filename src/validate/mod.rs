//! Validators for the formats a KYC API lives on, and the violation type generated
//! `validate()` methods report.
//!
//! Every check returns the reason a value is invalid, never the value: reasons end up in
//! envelopes and logs, and the values are personal data.

mod checksum;
mod curp;
mod text;

pub use checksum::{clabe, luhn};
pub use curp::curp;
pub use text::{date_dmy, email, mx_mobile};

use std::fmt;

/// Types whose values the spec constrains: every generated struct and request. Generated
/// types also have an inherent `validate()` that calls this, so no import is needed.
pub trait Validate {
    /// Records every violation of this value's fields, their paths under `prefix`.
    fn validate_into(&self, violations: &mut Violations, prefix: &str);

    /// Every violation of this value, or `Ok`.
    fn validate(&self) -> Result<(), Violations> {
        let mut violations = Violations::default();
        self.validate_into(&mut violations, "");
        violations.into_result()
    }
}

/// One field that breaks a rule of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The field's wire name (a path like `emergent.lineal_mobile` for nested fields).
    pub field: String,
    /// Why the value is invalid, without the value.
    pub reason: String,
}

/// Every violation of one request, in field order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    /// Records a violation of `field`.
    pub fn push(&mut self, field: impl Into<String>, reason: impl Into<String>) {
        self.0.push(Violation {
            field: field.into(),
            reason: reason.into(),
        });
    }

    /// `Ok` when nothing was recorded.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// The violations.
    pub fn iter(&self) -> impl Iterator<Item = &Violation> {
        self.0.iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, violation) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "`{}`: {}", violation.field, violation.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}
