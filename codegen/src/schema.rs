//! The JSON Schema of the spec format, for editors: draft-07, the version yaml-language-server
//! validates, generated from the types of [`crate::spec`] (whose serde attributes schemars
//! follows: `deny_unknown_fields` is `additionalProperties: false`, `default` keys are not
//! required) with their doc comments as descriptions, so that hovering a key explains it.
//!
//! The committed copy is docs/veil-spec.schema.json; `veil schema` prints it, and a test
//! regenerates it and compares.

use schemars::generate::SchemaSettings;

use crate::spec::Spec;

/// The schema of a whole spec file, as a JSON value.
pub fn spec_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Spec>();
    schema.insert("title".into(), "veil spec".into());
    schema.to_value()
}

/// The schema as the committed file holds it: pretty JSON with a final newline.
pub fn spec_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&spec_schema()).unwrap_or_default();
    text.push('\n');
    text
}
