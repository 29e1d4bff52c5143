//! Loading: YAML text to [`Spec`], every node with its place. Syntax errors, unknown keys,
//! missing keys and wrong value types all end here as located [`Diagnostic`]s.

use serde_saphyr::{Budget, MessageFormatter, Options, UserMessageFormatter};

use crate::diag::{Diagnostic, Loc};
use crate::spec::Spec;

/// Parses spec text. Duplicate keys are errors (YAML forbids them), and so is any key the format
/// does not know, so that a typo like `reqest` cannot silently drop a request.
pub fn load(text: &str) -> Result<Spec, Diagnostic> {
    // A document with no content (only comments, a bare `---`, `~`) is empty too.
    let parsed = serde_saphyr::from_str_with_options::<Option<Spec>>(text, options());
    let spec = parsed.map_err(|err| {
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

/// serde-saphyr's defaults, with room for large APIs. Its default budget caps a document at
/// 250,000 nodes and 1,000,000 parser events: about 1,800 endpoints of spec/crapido.yaml's
/// density (139 nodes per endpoint), so a larger spec failed to load with "YAML document too
/// large or too complex" (found by the 5,000-endpoint benchmark, docs/benchmarks.md). The caps
/// on size are raised twentyfold; those that stop alias and anchor expansion (the "billion
/// laughs" kind of document) stay at serde-saphyr's defaults.
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_nodes = 5_000_000;
    budget.max_events = 20_000_000;
    let mut options = Options::default();
    options.budget = Some(budget);
    options
}
