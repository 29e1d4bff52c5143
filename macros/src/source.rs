//! Finding and reading the spec file.
//!
//! The path resolves against the directory of the file that invokes the macro, as
//! `include_str!` does: it works the same in a crate, in its tests, and in trybuild's
//! copies of them (whose manifest dir is a generated project, not the user's crate).
//! Absolute paths are refused: a build must not depend on one machine's layout.

use std::path::{Path, PathBuf};

use syn::LitStr;

/// The spec's text and where it was found.
pub(crate) struct SpecSource {
    /// The file's contents.
    pub(crate) text: String,
    /// The resolved path, for `include_bytes!`.
    pub(crate) absolute_path: PathBuf,
}

pub(crate) fn read(literal: &LitStr) -> syn::Result<SpecSource> {
    let written = literal.value();
    let error = |message: String| syn::Error::new(literal.span(), message);
    if written.is_empty() {
        return Err(error("the spec path is empty".into()));
    }
    if Path::new(&written).is_absolute() {
        return Err(error(format!(
            "{written}: the spec path is absolute; write it relative to this source file, as with `include_str!`"
        )));
    }
    let invoking_file = proc_macro::Span::call_site().local_file().ok_or_else(|| {
        error(format!(
            "{written}: the compiler gave no source file for this invocation, so the relative spec path cannot be resolved"
        ))
    })?;
    let base = invoking_file.parent().unwrap_or(Path::new("."));
    let joined = base.join(&written);
    let absolute_path = joined.canonicalize().map_err(|err| {
        error(format!(
            "{written}: cannot open the spec ({err}); the path is relative to {}",
            base.display()
        ))
    })?;
    let text = std::fs::read_to_string(&absolute_path)
        .map_err(|err| error(format!("{written}: cannot read the spec ({err})")))?;
    Ok(SpecSource {
        text,
        absolute_path,
    })
}
