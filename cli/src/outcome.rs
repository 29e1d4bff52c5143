//! What a command ends with: text for standard output, or a failure and its exit status.

use std::io::Write as _;
use std::process::ExitCode;

use veil_codegen::Diagnostics;

use crate::input::SpecInput;

/// Why a command did not do its job.
pub enum Failure {
    /// A usage or I/O problem (exit status 2): a file that cannot be read, an unknown build.
    Usage(String),
    /// The spec is invalid (exit status 1).
    Invalid {
        /// The spec, for the excerpts.
        input: SpecInput,
        /// Every error in it.
        diagnostics: Diagnostics,
    },
}

/// Exit status 1: the spec is invalid.
pub const INVALID: u8 = 1;
/// Exit status 2: a usage or I/O problem.
pub const USAGE: u8 = 2;

impl Failure {
    /// Reports the failure on standard error, with the YAML excerpts for an invalid spec.
    pub fn report(&self) -> ExitCode {
        match self {
            Failure::Usage(message) => {
                write_stderr(&format!("error: {message}\n"));
                ExitCode::from(USAGE)
            }
            Failure::Invalid { input, diagnostics } => {
                write_stderr(&human_errors(input, diagnostics));
                ExitCode::from(INVALID)
            }
        }
    }
}

/// Every error rendered with its excerpt, then a count, as cargo ends a failed build.
pub fn human_errors(input: &SpecInput, diagnostics: &Diagnostics) -> String {
    let mut text = veil_codegen::render::report_all(diagnostics, &input.name, &input.text);
    let count = diagnostics.errors.len();
    let plural = if count == 1 { "" } else { "s" };
    text.push_str(&format!(
        "\n\nerror: {} is not a valid spec: {count} error{plural}\n",
        input.name
    ));
    text
}

/// Writes to standard output. A closed pipe (`veil routes ... | head`) is not an error of ours;
/// any other write failure is an I/O problem.
pub fn write_stdout(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            write_stderr(&format!("error: cannot write to standard output: {err}\n"));
            ExitCode::from(USAGE)
        }
    }
}

/// Writes to standard error, ignoring failures: there is nowhere left to report them.
pub fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
