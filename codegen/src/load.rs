//! Loading: YAML text to [`Spec`], every node with its place. Syntax errors, unknown keys,
//! missing keys and wrong value types all end here as located [`Diagnostic`]s.

use serde_saphyr::{MessageFormatter, UserMessageFormatter};

use crate::diag::{Diagnostic, Loc};
use crate::spec::Spec;

/// Parses spec text. Duplicate keys are errors (YAML forbids them), and so is any key the format
/// does not know, so that a typo like `reqest` cannot silently drop a request.
pub fn load(text: &str) -> Result<Spec, Diagnostic> {
    // A document with no content (only comments, a bare `---`, `~`) is empty too.
    let spec = serde_saphyr::from_str::<Option<Spec>>(text).map_err(|err| {
        let loc = err
            .location()
            .map(|location| Loc::from_saphyr(&location))
            .unwrap_or(Loc::FILE);
        // The user formatter: the default one gives advice to the Rust caller, not the author.
        let message = UserMessageFormatter.format_message(err.without_snippet());
        Diagnostic::new(loc, message.into_owned())
    })?;
    spec.ok_or_else(|| {
        Diagnostic::new(Loc::FILE, "the spec is empty")
            .help("a spec needs at least `veil: 1`, `api:`, `envelope:` and `services:`; see docs/spec-format.md")
    })
}
