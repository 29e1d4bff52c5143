//! The spec's enums as the IR's own: the one place that maps one to the other, so that the
//! emitters never read a spec type.

use crate::{ir, spec};

impl From<spec::Encoding> for ir::Encoding {
    fn from(encoding: spec::Encoding) -> Self {
        match encoding {
            spec::Encoding::Json => ir::Encoding::Json,
            spec::Encoding::Form => ir::Encoding::Form,
            spec::Encoding::Multipart => ir::Encoding::Multipart,
        }
    }
}

impl From<spec::DecoyPolicy> for ir::DecoyPolicy {
    fn from(policy: spec::DecoyPolicy) -> Self {
        match policy {
            spec::DecoyPolicy::Ignore => ir::DecoyPolicy::Ignore,
            spec::DecoyPolicy::Verify => ir::DecoyPolicy::Verify,
        }
    }
}

impl From<spec::HttpStatusPolicy> for ir::HttpStatusPolicy {
    fn from(policy: spec::HttpStatusPolicy) -> Self {
        match policy {
            spec::HttpStatusPolicy::AlwaysOk => ir::HttpStatusPolicy::AlwaysOk,
            spec::HttpStatusPolicy::Mapped => ir::HttpStatusPolicy::Mapped,
        }
    }
}

impl From<spec::DecoyCharset> for ir::DecoyCharset {
    fn from(charset: spec::DecoyCharset) -> Self {
        match charset {
            spec::DecoyCharset::Digits => ir::DecoyCharset::Digits,
            spec::DecoyCharset::Hex => ir::DecoyCharset::Hex,
            spec::DecoyCharset::Alphanumeric => ir::DecoyCharset::Alphanumeric,
        }
    }
}

impl From<spec::ScalarForm> for ir::ScalarForm {
    fn from(form: spec::ScalarForm) -> Self {
        match form {
            spec::ScalarForm::Integer => ir::ScalarForm::Integer,
            spec::ScalarForm::String => ir::ScalarForm::String,
        }
    }
}

impl From<spec::Format> for ir::Format {
    fn from(format: spec::Format) -> Self {
        match format {
            spec::Format::Curp => ir::Format::Curp,
            spec::Format::Clabe => ir::Format::Clabe,
            spec::Format::Luhn => ir::Format::Luhn,
            spec::Format::MxMobile => ir::Format::MxMobile,
            spec::Format::Email => ir::Format::Email,
            spec::Format::Date => ir::Format::Date,
        }
    }
}
