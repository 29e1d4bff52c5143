//! The command line, declared with clap's derive: commands, options and their help.

use clap::{Parser, Subcommand, ValueEnum};
use veil_codegen::Part;

/// veil: check a spec, read its expansion, print a build's OpenAPI document or routes.
///
/// Every command that reads a spec takes its path, or `-` for standard input. Exit status: 0
/// when the command did its job, 1 when the spec is invalid (its errors on standard error), 2
/// on a usage or I/O problem.
#[derive(Debug, Parser)]
// Help is printed as written (no wrapping at the terminal's width), so that it reads the same
// everywhere and its transcripts do not depend on the terminal.
#[command(name = "veil", version, propagate_version = true, term_width = 0)]
#[command(after_help = "Examples:
  veil check spec/crapido.yaml
  veil check --format github spec/crapido.yaml      # annotations in a GitHub workflow
  veil expand spec/crapido.yaml --parts models,client --variant lanaya > src/lanaya.rs
  veil openapi spec/crapido.yaml --variant lanaya --openapi 3.0 --format yaml
  veil routes spec/crapido.yaml --format csv
  veil schema > veil-spec.schema.json")]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a spec: every error, each with its YAML line and a caret under the mistake.
    #[command(
        after_help = "Exit status: 0 when the spec is valid, 1 when it is not, 2 when it \
cannot be read.

Examples:
  veil check spec/crapido.yaml
  veil check --format json spec/crapido.yaml | jq -r .message
  cat spec/crapido.yaml | veil check -"
    )]
    Check {
        /// The spec file, or `-` for standard input.
        spec: String,
        /// How to report: `human` (excerpts with carets, on standard error), `json` (one object
        /// per error and line, on standard output) or `github` (workflow-command annotations,
        /// on standard output).
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
    },
    /// Print the Rust source the macro expands the spec to, formatted.
    #[command(after_help = "Examples:
  veil expand spec/crapido.yaml | less
  veil expand spec/crapido.yaml --parts models,client --variant lanaya > src/lanaya.rs")]
    Expand {
        /// The spec file, or `-` for standard input.
        spec: String,
        /// The parts, as the macro names them: models, server, client, openapi (models are
        /// always included). Default: models, server and client, as the macro.
        #[arg(long, value_delimiter = ',', value_parser = parse_part)]
        parts: Vec<Part>,
        /// One app build only, as the macro's `variant = "..."`.
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
    },
    /// Print one build's OpenAPI document: public paths, decoys, envelopes, constraints.
    #[command(after_help = "Examples:
  veil openapi spec/crapido.yaml --variant crapido > crapido.json
  veil openapi spec/crapido.yaml --variant lanaya --openapi 3.0 --format yaml > lanaya.yaml")]
    Openapi {
        /// The spec file, or `-` for standard input.
        spec: String,
        /// The app build whose document to print.
        #[arg(long, value_name = "NAME")]
        variant: String,
        /// The document's syntax.
        #[arg(long, value_enum, default_value_t = DocumentFormat::Json)]
        format: DocumentFormat,
        /// The OpenAPI version: 3.1 as generated code has it, or 3.0 (3.0.3), which
        /// progenitor and openapi-generator read best.
        #[arg(long = "openapi", value_name = "VERSION", value_enum, default_value_t = OpenApiVersion::V3_1)]
        openapi_version: OpenApiVersion,
    },
    /// List every build's endpoints: public path, real name, method, encoding, decoys, success
    /// codes.
    #[command(after_help = "Examples:
  veil routes spec/crapido.yaml
  veil routes spec/crapido.yaml --format csv > routes.csv
  veil routes spec/crapido.yaml --format json | jq '.[] | select(.build == \"lanaya\")'")]
    Routes {
        /// The spec file, or `-` for standard input.
        spec: String,
        /// A table for people, or JSON or CSV for tools.
        #[arg(long, value_enum, default_value_t = RoutesFormat::Table)]
        format: RoutesFormat,
    },
    /// Print the JSON Schema (draft-07) of the spec format, for editors.
    #[command(after_help = "Point an editor at it with a first line in the spec:
  # yaml-language-server: $schema=path/to/veil-spec.schema.json

Examples:
  veil schema > veil-spec.schema.json")]
    Schema,
}

/// `veil check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Excerpts of the YAML with carets, as rustc shows Rust.
    Human,
    /// One JSON object per error, one per line.
    Json,
    /// GitHub Actions workflow commands (`::error file=...`).
    Github,
}

/// `veil openapi --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// JSON, pretty-printed.
    Json,
    /// YAML.
    Yaml,
}

/// `veil openapi --openapi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OpenApiVersion {
    /// OpenAPI 3.1.0.
    #[value(name = "3.1")]
    V3_1,
    /// OpenAPI 3.0.3.
    #[value(name = "3.0")]
    V3_0,
}

/// `veil routes --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoutesFormat {
    /// Aligned columns.
    Table,
    /// A JSON array, one object per build and endpoint.
    Json,
    /// CSV with a header row.
    Csv,
}

/// A part named as the macro names it.
fn parse_part(name: &str) -> Result<Part, String> {
    Part::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Part::ALL.iter().map(|part| part.name()).collect();
        format!("unknown part `{name}`; the parts are {}", names.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
