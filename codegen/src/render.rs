//! The one renderer of diagnostics with the spec's own lines: the CLI's human output and the
//! macro's compile errors both come from here, so that `veil check` and a build say the same
//! thing. The drawing is annotate-snippets', the renderer rustc uses for its own errors: the
//! YAML line, carets under the offending value, and the related places as labelled lines.
//!
//! A [`Loc`] is a point; the span underlined is the YAML token that starts there (a scalar, a
//! quoted string, a key, a flow collection on one line), found by [`token_at`].

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diag::{Diagnostic, Loc};

/// The diagnostic as a person reads it in a terminal: `error: message`, the place, the YAML
/// lines with carets under the offending value and the related places, then `= note:` and
/// `= help:` lines. `file` is the spec's name as the user gave it, `text` its contents.
pub fn report(diagnostic: &Diagnostic, file: &str, text: &str) -> String {
    let title = Group::with_title(Level::ERROR.primary_title(&diagnostic.message));
    Renderer::plain().render(&[with_places(title, diagnostic, file, text)])
}

/// The diagnostic as the macro's compile error says it: the first line is
/// `file:line:col: message`, as before the renderer existed (so that build logs and editors
/// still find the place), and the YAML excerpt follows, so that a build log alone shows what is
/// wrong.
pub fn message_with_excerpt(diagnostic: &Diagnostic, file: &str, text: &str) -> String {
    // No title: rustc writes `error: ` and the message's first line, the headline.
    let group = with_places(Group::with_level(Level::ERROR), diagnostic, file, text);
    let excerpt = Renderer::plain().render(&[group]);
    let head = diagnostic.headline(file);
    let excerpt = excerpt.trim_end();
    if excerpt.is_empty() {
        head
    } else {
        format!("{head}\n{excerpt}")
    }
}

/// Every diagnostic of a spec, each as [`report`] renders it, separated by blank lines.
pub fn report_all(diagnostics: &crate::Diagnostics, file: &str, text: &str) -> String {
    let reports: Vec<String> = diagnostics
        .errors
        .iter()
        .map(|diagnostic| report(diagnostic, file, text))
        .collect();
    reports.join("\n\n")
}

/// Adds the diagnostic's places to a group: the YAML excerpt with the error's place as the
/// primary annotation and located notes as labelled context, the other notes and the help as
/// `note:` and `help:` lines.
fn with_places<'a>(
    group: Group<'a>,
    diagnostic: &'a Diagnostic,
    file: &'a str,
    text: &'a str,
) -> Group<'a> {
    let mut annotations = Vec::new();
    let mut messages = Vec::new();
    if let Some(span) = token_at(text, diagnostic.loc) {
        annotations.push(AnnotationKind::Primary.span(span));
    }
    for (loc, note) in &diagnostic.notes {
        match token_at(text, *loc) {
            Some(span) => annotations.push(AnnotationKind::Context.span(span).label(note)),
            None => messages.push(Level::NOTE.message(note)),
        }
    }
    if let Some(help) = &diagnostic.help {
        messages.push(Level::HELP.message(help));
    }
    let mut group = group;
    if !annotations.is_empty() {
        group = group.element(Snippet::source(text).path(file).annotations(annotations));
    }
    group.elements(messages)
}

/// The byte range of the YAML token that starts at `loc`: a quoted string to its closing
/// quote, a flow collection to its closing bracket when that is on the same line, a key to its
/// colon, a plain scalar to the end of its value; at least one character where the line has
/// one. `None` for the whole file ([`Loc::FILE`]) or a line past the end.
pub fn token_at(text: &str, loc: Loc) -> Option<Range<usize>> {
    let line = usize::try_from(loc.line).ok()?.checked_sub(1)?;
    let line_start = line_starts(text).nth(line)?;
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let column = usize::try_from(loc.column).unwrap_or(usize::MAX).max(1) - 1;
    let start = line_text
        .char_indices()
        .nth(column)
        .map_or(line_text.len(), |(offset, _)| offset);
    let rest = &line_text[start..];
    let in_flow = flow_depth(&line_text[..start]) > 0;
    let length = token_len(rest, in_flow);
    Some(line_start + start..line_start + start + length)
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(offset, _)| offset + 1))
}

/// How many flow collections (`[`, `{`) are open at the end of `before`, quotes aside.
fn flow_depth(before: &str) -> usize {
    let mut depth = 0usize;
    let mut quote = None;
    for c in before.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// The byte length of the token at the start of `rest`.
fn token_len(rest: &str, in_flow: bool) -> usize {
    let Some(first) = rest.chars().next() else {
        return 0;
    };
    let end = match first {
        '"' | '\'' => quoted_end(rest, first),
        '[' | '{' => bracket_end(rest),
        _ => None,
    };
    let end = end.unwrap_or_else(|| plain_end(rest, in_flow));
    end.max(first.len_utf8())
}

/// The end of a quoted scalar, past its closing quote (`''` is a quote in single quotes, `\"`
/// in double quotes).
fn quoted_end(rest: &str, quote: char) -> Option<usize> {
    let mut chars = rest.char_indices().skip(1).peekable();
    while let Some((offset, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, next)| *next == '\'') {
                chars.next();
            } else {
                return Some(offset + c.len_utf8());
            }
        }
    }
    None
}

/// The end of a flow collection closed on the same line, past its closing bracket.
fn bracket_end(rest: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (offset, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(offset + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The end of a plain scalar or key: before `: `, ` #`, a flow indicator inside a flow
/// collection, or the end of the line; trailing blanks left out.
fn plain_end(rest: &str, in_flow: bool) -> usize {
    let bytes = rest.as_bytes();
    let mut end = rest.len();
    for (offset, &byte) in bytes.iter().enumerate() {
        let next = bytes.get(offset + 1).copied();
        let ends = match byte {
            b':' => next.is_none_or(|b| b == b' ' || b == b'\t' || (in_flow && b == b',')),
            b'#' => offset > 0 && matches!(bytes[offset - 1], b' ' | b'\t'),
            b',' | b']' | b'}' => in_flow,
            _ => false,
        };
        if ends {
            end = offset;
            break;
        }
    }
    rest[..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, line: u64, column: u64) -> &str {
        let span = token_at(text, Loc::new(line, column)).expect("a place in the text");
        &text[span]
    }

    #[test]
    fn tokens_of_every_kind() {
        let text = "api:\n  name: crapido # the app\n  list: [ \"a, b\", c ]\n  q: 'it''s' # x\n  map: { min: 1, max: 64 }\n";
        assert_eq!(token(text, 1, 1), "api");
        assert_eq!(token(text, 2, 9), "crapido");
        assert_eq!(token(text, 3, 9), "[ \"a, b\", c ]");
        assert_eq!(token(text, 3, 11), "\"a, b\"");
        assert_eq!(token(text, 3, 19), "c");
        assert_eq!(token(text, 4, 6), "'it''s'");
        assert_eq!(token(text, 5, 15), "1");
        assert_eq!(token(text, 5, 23), "64");
    }

    #[test]
    fn places_outside_the_text() {
        let text = "veil: 1\n";
        assert_eq!(token_at(text, Loc::FILE), None);
        assert_eq!(token_at(text, Loc::new(9, 1)), None);
        // Past the end of a line: an empty span at its end, still renderable.
        assert_eq!(token_at(text, Loc::new(1, 40)), Some(7..7));
        assert_eq!(token_at("a: é\n", Loc::new(1, 4)), Some(3..5));
    }

    #[test]
    fn report_shows_the_line_a_caret_and_the_related_place() {
        let text = "services:\n  - name: orders\n  - name: orders\n";
        let diagnostic = Diagnostic::new(Loc::new(3, 11), "service `orders` is declared twice")
            .note(Loc::new(2, 11), "first declared here")
            .help("rename one");
        let report = report(&diagnostic, "app.yaml", text);
        assert!(report.starts_with("error: service `orders` is declared twice\n"));
        assert!(report.contains("--> app.yaml:3:11"), "{report}");
        assert!(
            report.contains("3 |   - name: orders\n  |           ^^^^^^"),
            "{report}"
        );
        assert!(report.contains("------ first declared here"), "{report}");
        assert!(report.contains("= help: rename one"), "{report}");
    }

    #[test]
    fn macro_message_keeps_the_place_first() {
        let text = "veil: 2\n";
        let diagnostic = Diagnostic::new(Loc::new(1, 7), "unsupported spec format version 2");
        let message = message_with_excerpt(&diagnostic, "app.yaml", text);
        let mut lines = message.lines();
        assert_eq!(
            lines.next(),
            Some("app.yaml:1:7: unsupported spec format version 2")
        );
        assert!(message.contains("1 | veil: 2\n  |       ^"), "{message}");
        let whole = Diagnostic::new(Loc::FILE, "the spec is empty").help("add keys");
        assert_eq!(
            message_with_excerpt(&whole, "app.yaml", ""),
            "app.yaml: the spec is empty\n = help: add keys"
        );
    }
}
