//! Loading: YAML text to [`Spec`], every node with its place. Syntax errors, unknown keys,
//! missing keys and wrong value types all end here as located [`Diagnostic`]s.

use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};

use crate::diag::{Diagnostic, Loc};
use crate::spec::Spec;

/// Parses spec text. Duplicate keys are errors (YAML forbids them), and so is any key the format
/// does not know, so that a typo like `reqest` cannot silently drop a request.
pub fn load(text: &str) -> Result<Spec, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::new(Loc::FILE, "the spec is empty")
            .help("a spec needs at least `veil: 1`, `api:`, `envelope:` and `services:`; see docs/spec-format.md"));
    }
    serde_saphyr::from_str::<Spec>(text).map_err(|err| {
        let loc = err
            .location()
            .map(|location| Loc::from_saphyr(&location))
            .unwrap_or(Loc::FILE);
        let message = DefaultMessageFormatter.format_message(err.without_snippet());
        Diagnostic::new(loc, message.into_owned())
    })
}
