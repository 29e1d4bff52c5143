//! The JSON Schema of the spec format (docs/veil-spec.schema.json): it is what `veil schema`
//! prints and what the spec types generate, it accepts every spec the loader accepts, and it
//! rejects the mistakes of shape the loader rejects (unknown keys, wrong value types, missing
//! keys), so that an editor flags them as the build would.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn committed_schema() -> Value {
    let path = repo().join("docs/veil-spec.schema.json");
    let text = std::fs::read_to_string(&path).expect("docs/veil-spec.schema.json is committed");
    serde_json::from_str(&text).expect("the committed schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&committed_schema()).expect("the schema is a valid draft-07 schema")
}

/// The YAML file as the JSON value an editor validates.
fn yaml_value(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("a readable fixture");
    serde_saphyr::from_str::<Value>(&text).unwrap_or_else(|err| panic!("{path:?}: {err}"))
}

fn schema_errors(validator: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let value = yaml_value(path);
    validator
        .iter_errors(&value)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a fixture directory")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn committed_schema_is_what_the_spec_types_generate() {
    let path = repo().join("docs/veil-spec.schema.json");
    let committed = std::fs::read_to_string(&path).expect("docs/veil-spec.schema.json exists");
    assert!(
        committed == veil_codegen::schema::spec_schema_text(),
        "docs/veil-spec.schema.json is out of date; regenerate it with\n  \
         cargo run -p veil-cli -- schema > docs/veil-spec.schema.json"
    );
}

#[test]
fn schema_is_draft_07_with_descriptions_from_the_docs() {
    let schema = committed_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    // A doc comment of spec.rs, on a field and on a type.
    assert_eq!(
        schema["properties"]["services"]["description"],
        "Groups of endpoints; each becomes a server trait and a client."
    );
    assert_eq!(
        schema["definitions"]["DecoySpec"]["description"],
        "One decoy field: a wire name and either a fixed `value` or a `generate`d one."
    );
}

#[test]
fn shipped_specs_are_valid() {
    let validator = validator();
    let mut specs = vec![repo().join("spec/crapido.yaml")];
    specs.extend(yaml_files(&repo().join("tests/specs")));
    assert!(specs.len() >= 3, "crapido and the example specs");
    for spec in specs {
        let errors = schema_errors(&validator, &spec);
        assert!(errors.is_empty(), "{spec:?}:\n{}", errors.join("\n"));
    }
}

/// Every fixture of tests/ui whose YAML the loader accepts (its mistake is found later, by the
/// checker) is valid against the schema; every one with an unknown key, a wrong value type or
/// a missing key is not (`veil: 2` among them, which loads and which the checker refuses).
#[test]
fn fixtures_agree_with_the_loader() {
    let validator = validator();
    let ui = repo().join("tests/ui");
    let mut loaded = 0;
    let mut rejected = 0;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&ui)
        .expect("tests/ui")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let kind = dir.file_name().and_then(|name| name.to_str()).unwrap_or("");
        for fixture in yaml_files(&dir) {
            let text = std::fs::read_to_string(&fixture).expect("a readable fixture");
            let shape_error = matches!(kind, "unknown_key" | "wrong_type" | "missing_key");
            if kind == "syntax" || text.trim().is_empty() {
                continue; // Not YAML, or no document: nothing for a schema to say.
            }
            let loads = veil_codegen::load::load(&text).is_ok();
            let errors = schema_errors(&validator, &fixture);
            if shape_error {
                assert!(!errors.is_empty(), "{fixture:?} passes the schema");
                rejected += 1;
            } else if loads {
                assert!(errors.is_empty(), "{fixture:?}:\n{}", errors.join("\n"));
                loaded += 1;
            }
        }
    }
    assert!(loaded >= 50, "only {loaded} loading fixtures validated");
    assert!(rejected >= 12, "only {rejected} shape mistakes rejected");
}

#[test]
fn a_misspelt_key_names_the_key() {
    let validator = validator();
    let fixture = repo().join("tests/ui/unknown_key/endpoint_key_typo.yaml");
    let errors = schema_errors(&validator, &fixture);
    assert!(
        errors
            .iter()
            .any(|error| error.contains("reqest") && error.contains("/services/0/endpoints/0")),
        "{errors:?}"
    );
}
