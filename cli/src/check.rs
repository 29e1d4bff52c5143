//! `veil check`: every error of a spec, for people, for tools, or for GitHub's annotations.

use std::process::ExitCode;

use serde_json::{Value, json};
use veil_codegen::{Diagnostic, Diagnostics, Loc, ir::Api};

use crate::args::CheckFormat;
use crate::input::{self, SpecInput};
use crate::outcome::{self, Failure};

/// Runs `veil check`: exit status 0 for a valid spec, 1 for an invalid one, 2 when it cannot
/// be read.
pub fn run(spec: &str, format: CheckFormat) -> ExitCode {
    let checked = input::read(spec).and_then(input::compile);
    match (checked, format) {
        (Err(Failure::Usage(message)), _) => Failure::Usage(message).report(),
        (Ok((input, api)), CheckFormat::Human) => outcome::write_stdout(&summary(&input, &api)),
        (Ok(_), CheckFormat::Json | CheckFormat::Github) => ExitCode::SUCCESS,
        (Err(invalid @ Failure::Invalid { .. }), CheckFormat::Human) => invalid.report(),
        (Err(Failure::Invalid { input, diagnostics }), format) => {
            let text = if format == CheckFormat::Json {
                json_lines(&input, &diagnostics)
            } else {
                github_annotations(&input, &diagnostics)
            };
            let written = outcome::write_stdout(&text);
            if written == ExitCode::SUCCESS {
                ExitCode::from(outcome::INVALID)
            } else {
                written
            }
        }
    }
}

/// The line a valid spec gets: what it describes, in numbers.
fn summary(input: &SpecInput, api: &Api) -> String {
    let endpoints: usize = api.services.iter().map(|s| s.endpoints.len()).sum();
    let builds: Vec<&str> = api.variants.iter().map(|v| v.name.as_str()).collect();
    format!(
        "{}: valid: {endpoints} endpoint{} in {} service{}, {} build{} ({})\n",
        input.name,
        plural(endpoints),
        api.services.len(),
        plural(api.services.len()),
        builds.len(),
        plural(builds.len()),
        builds.join(", ")
    )
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// One JSON object per error, one per line (as `cargo --message-format json`).
fn json_lines(input: &SpecInput, diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for diagnostic in &diagnostics.errors {
        out.push_str(&json_object(input, diagnostic).to_string());
        out.push('\n');
    }
    out
}

fn json_object(input: &SpecInput, diagnostic: &Diagnostic) -> Value {
    let place = Place::of(&input.text, diagnostic.loc);
    let notes: Vec<Value> = diagnostic
        .notes
        .iter()
        .map(|(loc, message)| {
            let place = Place::of(&input.text, *loc);
            json!({ "line": place.line, "column": place.column, "message": message })
        })
        .collect();
    json!({
        "file": input.name,
        "severity": "error",
        "line": place.line,
        "column": place.column,
        "end_line": place.line,
        "end_column": place.end_column,
        "message": diagnostic.message,
        "notes": notes,
        "help": diagnostic.help,
        "rendered": veil_codegen::render::report(diagnostic, &input.name, &input.text),
    })
}

/// GitHub Actions workflow commands: an `::error` annotation per error, on its line and
/// columns, with the notes and the help in the message.
fn github_annotations(input: &SpecInput, diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for diagnostic in &diagnostics.errors {
        let place = Place::of(&input.text, diagnostic.loc);
        let mut properties = vec![format!("file={}", escape_property(&input.name))];
        if let (Some(line), Some(column)) = (place.line, place.column) {
            properties.push(format!("line={line}"));
            properties.push(format!("col={column}"));
            if let Some(end) = place.end_column {
                properties.push(format!("endColumn={end}"));
            }
        }
        properties.push("title=veil check".to_owned());
        let mut message = diagnostic.message.clone();
        for (loc, note) in &diagnostic.notes {
            match Place::of(&input.text, *loc).line {
                Some(line) => message.push_str(&format!("\nnote: line {line}: {note}")),
                None => message.push_str(&format!("\nnote: {note}")),
            }
        }
        if let Some(help) = &diagnostic.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::error {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// A workflow command's message: `%`, CR and LF escaped.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: the message escapes, and `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A place as tools want it: 1-based line and columns, none for the file as a whole.
struct Place {
    line: Option<u64>,
    column: Option<u64>,
    /// The column just past the token underlined.
    end_column: Option<u64>,
}

impl Place {
    fn of(text: &str, loc: Loc) -> Place {
        if loc == Loc::FILE {
            return Place {
                line: None,
                column: None,
                end_column: None,
            };
        }
        let end_column = veil_codegen::render::token_at(text, loc).map(|span| {
            let line_start = text[..span.start].rfind('\n').map_or(0, |at| at + 1);
            text[line_start..span.end].chars().count() as u64 + 1
        });
        Place {
            line: Some(loc.line),
            column: Some(loc.column),
            end_column,
        }
    }
}
