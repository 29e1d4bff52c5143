//! `veil`, the command line over `veil-codegen`: it says exactly what the macro says, without a
//! Rust crate. `veil --help` lists the commands; docs/spec-format.md describes them.

mod args;
mod check;
mod commands;
mod input;
mod outcome;
mod routes;

use std::process::ExitCode;

use clap::Parser as _;

use args::{Cli, Command};

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with status 2, help and version with 0.
    let cli = Cli::parse();
    let output = match cli.command {
        Command::Check { spec, format } => return check::run(&spec, format),
        Command::Expand {
            spec,
            parts,
            variant,
        } => commands::expand(&spec, &parts, variant.as_deref()),
        Command::Openapi {
            spec,
            variant,
            format,
            openapi_version,
        } => commands::openapi(&spec, &variant, format, openapi_version),
        Command::Routes { spec, format } => routes::run(&spec, format),
        Command::Schema => Ok(commands::schema()),
    };
    match output {
        Ok(text) => outcome::write_stdout(&text),
        Err(failure) => failure.report(),
    }
}
