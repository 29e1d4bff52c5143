//! Diagnostics: every problem found in a spec, located in the YAML file.
//!
//! A proc-macro span cannot point into a YAML file, so each message carries its own place,
//! `spec/app.yaml:42:7: ...`, and the macro shim puts the rendered text on the span of the
//! spec-path literal. Errors are collected, never thrown one at a time: a spec author sees
//! every mistake of a spec in one build.

use std::fmt;

/// A 1-based line and column in the spec file. Columns count characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    /// 1-based line; 0 when the place is unknown (the file as a whole).
    pub line: u64,
    /// 1-based column, in characters.
    pub column: u64,
}

impl Loc {
    /// A place in the spec file.
    pub const fn new(line: u64, column: u64) -> Self {
        Loc { line, column }
    }

    /// The file as a whole, for errors with no better place (an empty or unreadable file).
    pub const FILE: Loc = Loc { line: 0, column: 0 };

    pub(crate) fn from_saphyr(location: &serde_saphyr::Location) -> Self {
        Loc::new(location.line(), location.column())
    }
}

/// One error in a spec: what is wrong, where, the related place if any, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the error is.
    pub loc: Loc,
    /// What is wrong, in one sentence without a trailing period.
    pub message: String,
    /// Other places that explain the error, such as the first declaration of a duplicate.
    pub notes: Vec<(Loc, String)>,
    /// How to fix it, when that is clear.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `loc`.
    pub fn new(loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            loc,
            message: message.into(),
            notes: Vec::new(),
            help: None,
        }
    }

    /// Adds a related place, rendered as `note: file:line:col: text`.
    #[must_use]
    pub fn note(mut self, loc: Loc, text: impl Into<String>) -> Self {
        self.notes.push((loc, text.into()));
        self
    }

    /// Adds a suggestion, rendered as `help: text`.
    #[must_use]
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Renders the diagnostic the way rustc renders its own: `file:line:col: message`, then
    /// `note:` and `help:` lines. `file` is the spec path as the user wrote it.
    pub fn render(&self, file: &str) -> String {
        let mut out = self.headline(file);
        for (loc, text) in &self.notes {
            out.push_str(&format!("\n  note: {}: {}", Place(file, *loc), text));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("\n  help: {help}"));
        }
        out
    }
}

impl Diagnostic {
    /// The first line of every rendering: `file:line:col: message`.
    pub fn headline(&self, file: &str) -> String {
        format!("{}: {}", Place(file, self.loc), self.message)
    }
}

/// `file:line:col`, or `file` alone when the place is the whole file.
struct Place<'a>(&'a str, Loc);

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Place(file, loc) = self;
        if loc.line == 0 {
            f.write_str(file)
        } else {
            write!(f, "{file}:{}:{}", loc.line, loc.column)
        }
    }
}

/// Every error found in one spec, in the order of their places in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The errors, sorted by place once collection ends.
    pub errors: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records an error and keeps going.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    /// Records a plain error at `loc`.
    pub fn error(&mut self, loc: Loc, message: impl Into<String>) {
        self.push(Diagnostic::new(loc, message));
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Sorts by place (stable, so errors at one place keep their order) and drops exact repeats.
    pub(crate) fn finish(mut self) -> Self {
        self.errors.sort_by_key(|d| d.loc);
        self.errors.dedup();
        self
    }

    /// Renders every error, one block each, separated by blank lines.
    pub fn render(&self, file: &str) -> Vec<String> {
        self.errors.iter().map(|d| d.render(file)).collect()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            errors: vec![diagnostic],
        }
    }
}
