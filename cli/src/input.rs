//! Reading a spec: from a path or standard input, as text, with every failure an [`Failure`].

use std::io::Read as _;

use veil_codegen::{Diagnostic, Loc};

use crate::outcome::Failure;

/// A spec as read: the name to print in messages and its text.
pub struct SpecInput {
    /// The path as given, or `<stdin>`.
    pub name: String,
    /// The contents.
    pub text: String,
}

/// Reads the spec at `path`, or standard input for `-`. A file that cannot be read is a usage
/// or I/O problem; one that is not UTF-8 is an invalid spec, located at its first bad byte.
pub fn read(path: &str) -> Result<SpecInput, Failure> {
    let (name, bytes) = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|err| {
            Failure::Usage(format!("cannot read the spec from standard input: {err}"))
        })?;
        ("<stdin>".to_owned(), bytes)
    } else {
        let bytes = std::fs::read(path)
            .map_err(|err| Failure::Usage(format!("cannot read the spec `{path}`: {err}")))?;
        (path.to_owned(), bytes)
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SpecInput { name, text }),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let diagnostic = not_utf8(&bytes, valid);
            Err(Failure::Invalid {
                input: SpecInput {
                    name,
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                },
                diagnostics: diagnostic.into(),
            })
        }
    }
}

/// The error for a file whose bytes stop being UTF-8 at `valid`, located there.
fn not_utf8(bytes: &[u8], valid: usize) -> Diagnostic {
    let before = String::from_utf8_lossy(&bytes[..valid]);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    let byte = bytes.get(valid).copied().unwrap_or_default();
    Diagnostic::new(
        Loc::new(line as u64, column as u64),
        format!("the spec is not UTF-8 text: byte 0x{byte:02X} at offset {valid}"),
    )
    .help("save the file as UTF-8")
}

/// Loads and checks a spec, its errors as a [`Failure`].
pub fn compile(input: SpecInput) -> Result<(SpecInput, veil_codegen::ir::Api), Failure> {
    match veil_codegen::compile(&input.text) {
        Ok(api) => Ok((input, api)),
        Err(diagnostics) => Err(Failure::Invalid { input, diagnostics }),
    }
}

/// The spec at `path`, read and checked.
pub fn read_and_compile(path: &str) -> Result<(SpecInput, veil_codegen::ir::Api), Failure> {
    compile(read(path)?)
}
