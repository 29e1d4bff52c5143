//! Spec text as `#[doc]` attributes.
//!
//! Spec text is prose, never code: rustdoc would run an indented or fenced block as a doctest
//! (prost issues #374 and #291), and read `[x]` as an intra-doc link. Each line is therefore
//! unindented, fences are defused, and brackets escaped.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes for each paragraph, in order; empty paragraphs are skipped and
/// separated from the previous one by an empty doc line.
pub(crate) fn doc_attrs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs.into_iter().flatten() {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(paragraph.lines().map(prose_line));
    }
    lines
        .iter()
        .map(|line| {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            quote!(#[doc = #line])
        })
        .collect()
}

fn prose_line(line: &str) -> String {
    let line = line.trim();
    let line = if line.starts_with("```") || line.starts_with("~~~") {
        format!("\\{line}")
    } else {
        line.to_owned()
    };
    line.replace('[', "\\[").replace(']', "\\]")
}

/// Code-formats a wire value for a doc line, escaping what markdown would read as syntax.
pub(crate) fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}
