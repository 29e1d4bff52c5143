//! Spec text as `#[doc]` attributes.
//!
//! Spec text is prose, never code: rustdoc would run an indented or fenced block as a doctest
//! (prost issues #374 and #291), and read `[x]` as an intra-doc link. Each line is therefore
//! unindented, fences are defused, and brackets escaped.

use super::code::{Code, code};

/// `#[doc = "..."]` attributes for each paragraph, in order; empty paragraphs are skipped and
/// separated from the previous one by an empty doc line.
pub(crate) fn doc_attrs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> Code {
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
            code!(#[doc = #line])
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
    escape_brackets(&line)
}

/// Escapes `[` and `]` outside code spans, where rustdoc would read them as links; inside a
/// code span an escape would show literally.
fn escape_brackets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        match c {
            '`' => in_code = !in_code,
            '[' | ']' if !in_code => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Code-formats a wire value for a doc line, escaping what markdown would read as syntax.
pub(crate) fn code_span(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_never_becomes_code_or_links() {
        assert_eq!(prose_line("    indented code"), "indented code");
        assert_eq!(prose_line("```rust"), "\\```rust");
        assert_eq!(
            prose_line("see [x] and `note[]`"),
            "see \\[x\\] and `note[]`"
        );
    }
}
