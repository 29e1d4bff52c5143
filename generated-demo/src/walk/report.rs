//! The walk's table: one row per call, printed as soon as the call completes.

use std::io::{self, Write};
use std::time::Duration;

use veil::client::ClientError;

const STEP_WIDTH: usize = 26;
const PATH_WIDTH: usize = 24;
const NAME_WIDTH: usize = 31;
const CODE_WIDTH: usize = 8;

/// The code column of a failed call: the envelope's code, the HTTP status, or `-` when there
/// was no answer to read one from.
pub fn failure_code(err: &ClientError) -> String {
    match err {
        ClientError::Api { code, .. } => code.clone(),
        ClientError::Status { status, .. } | ClientError::Decode { status, .. } => {
            format!("HTTP {status}")
        }
        _ => "-".to_owned(),
    }
}

/// One row: a call of the walk.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// What the step does.
    pub step: &'a str,
    /// The public path called.
    pub public_path: &'a str,
    /// The endpoint's real name.
    pub real_name: &'a str,
    /// The result code.
    pub code: &'a str,
    /// How long the call took.
    pub elapsed: Duration,
}

/// Writes the table to `out`, flushing after every line.
pub struct Report<'w> {
    out: &'w mut (dyn Write + Send),
    rows: usize,
}

impl std::fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report").field("rows", &self.rows).finish()
    }
}

impl<'w> Report<'w> {
    /// A report to `out`; writes the header.
    pub fn start(out: &'w mut (dyn Write + Send)) -> io::Result<Report<'w>> {
        let mut report = Report { out, rows: 0 };
        report.line(&["#", "step", "public path", "real name", "code", "ms"])?;
        let rule = format!(
            "{}  {}  {}  {}  {}  {}",
            "-".repeat(2),
            "-".repeat(STEP_WIDTH),
            "-".repeat(PATH_WIDTH),
            "-".repeat(NAME_WIDTH),
            "-".repeat(CODE_WIDTH),
            "-".repeat(8)
        );
        writeln!(report.out, "{rule}")?;
        report.out.flush()?;
        Ok(report)
    }

    /// Prints `row`.
    pub fn row(&mut self, row: &Row<'_>) -> io::Result<()> {
        self.rows += 1;
        let number = self.rows.to_string();
        let ms = format!("{:.1}", row.elapsed.as_secs_f64() * 1000.0);
        self.line(&[
            &number,
            row.step,
            row.public_path,
            row.real_name,
            row.code,
            &ms,
        ])
    }

    /// How many rows were printed.
    pub fn rows(&self) -> usize {
        self.rows
    }

    fn line(&mut self, cells: &[&str; 6]) -> io::Result<()> {
        let [number, step, path, name, code, ms] = cells;
        writeln!(
            self.out,
            "{number:>2}  {step:<STEP_WIDTH$}  {path:<PATH_WIDTH$}  {name:<NAME_WIDTH$}  {code:<CODE_WIDTH$}  {ms:>8}"
        )?;
        self.out.flush()
    }
}
