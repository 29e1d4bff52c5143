//! The commands say exactly what the library says: `veil expand` is `generate_file`, `veil
//! openapi` is the generated `openapi(variant)` document (and its 3.0 form), `veil schema` is
//! docs/veil-spec.schema.json.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use veil_codegen::Part;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn veil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veil"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the veil binary runs")
}

fn stdout_of(args: &[&str]) -> String {
    let output = veil(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "veil {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn crapido() -> String {
    std::fs::read_to_string(repo().join("spec/crapido.yaml")).expect("spec/crapido.yaml")
}

#[test]
fn expand_is_generate_file_for_crapido() {
    let expected = veil_codegen::generate_file(&crapido(), Part::DEFAULT).expect("crapido checks");
    assert_eq!(stdout_of(&["expand", "spec/crapido.yaml"]), expected);
    let every_part = veil_codegen::generate_file(&crapido(), Part::ALL).expect("crapido checks");
    assert_eq!(
        stdout_of(&[
            "expand",
            "spec/crapido.yaml",
            "--parts",
            "models,server,client,openapi"
        ]),
        every_part
    );
}

#[test]
fn expand_of_one_build_is_the_macro_with_variant() {
    let api = veil_codegen::compile(&crapido())
        .expect("crapido checks")
        .only_variant("lanaya")
        .expect("crapido has lanaya");
    let expected =
        veil_codegen::expand_file(&api, &[Part::Models, Part::Client]).expect("crapido expands");
    let printed = stdout_of(&[
        "expand",
        "spec/crapido.yaml",
        "--parts",
        "models,client",
        "--variant",
        "lanaya",
    ]);
    assert_eq!(printed, expected);
    assert!(printed.contains("/LanaYa/"));
    assert!(!printed.contains("/Crapido/"), "another build's paths");
}

#[test]
fn openapi_is_the_generated_document_in_either_version() {
    let api = veil_codegen::compile(&crapido()).expect("crapido checks");
    for variant in ["crapido", "lanaya"] {
        let document = veil_codegen::openapi_document(&api, variant)
            .expect("crapido emits")
            .expect("a build");
        let printed = stdout_of(&["openapi", "spec/crapido.yaml", "--variant", variant]);
        let printed: serde_json::Value = serde_json::from_str(&printed).expect("JSON");
        assert_eq!(printed, document);
        assert_eq!(printed["openapi"], "3.1.0");

        let yaml = stdout_of(&[
            "openapi",
            "spec/crapido.yaml",
            "--variant",
            variant,
            "--openapi",
            "3.0",
            "--format",
            "yaml",
        ]);
        let yaml: serde_json::Value = serde_saphyr::from_str(&yaml).expect("YAML");
        assert_eq!(yaml, veil_codegen::openapi30::downgrade(document));
        assert_eq!(yaml["openapi"], "3.0.3");
    }
}

#[test]
fn schema_is_the_committed_file() {
    let committed = std::fs::read_to_string(repo().join("docs/veil-spec.schema.json"))
        .expect("docs/veil-spec.schema.json");
    assert_eq!(stdout_of(&["schema"]), committed);
}

#[test]
fn stdin_is_read_for_a_dash() {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_veil"))
        .args(["routes", "-", "--format", "csv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the veil binary runs");
    child
        .stdin
        .take()
        .expect("a piped stdin")
        .write_all(crapido().as_bytes())
        .expect("the spec is written");
    let output = child.wait_with_output().expect("veil ends");
    assert_eq!(output.status.code(), Some(0));
    let csv = String::from_utf8(output.stdout).expect("UTF-8");
    // A header and one row per build and endpoint: 13 endpoints in 2 builds.
    assert_eq!(csv.lines().count(), 1 + 13 * 2);
}
