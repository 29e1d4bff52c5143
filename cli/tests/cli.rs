//! Transcripts of the `veil` command (trycmd): every command and format, valid and invalid
//! specs, bad input (a missing file, a directory, non-UTF-8 bytes, an empty file, an unknown
//! build or part), with the exit status of each. The cases are tests/cmd/*.toml, each with the
//! exact standard output and error beside it; `TRYCMD=overwrite cargo test -p veil-cli --test
//! cli` rewrites them, to be read before committing.

#[test]
fn transcripts() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
