//! `veil expand`, `veil openapi` and `veil schema`: what the generator makes, printed.

use veil_codegen::{Part, ir::Api};

use crate::args::{DocumentFormat, OpenApiVersion};
use crate::input;
use crate::outcome::Failure;

/// The formatted Rust the macro expands the spec to: `veil_codegen::generate_file`, or the same
/// for one build.
pub fn expand(spec: &str, parts: &[Part], variant: Option<&str>) -> Result<String, Failure> {
    let (input, api) = input::read_and_compile(spec)?;
    let api = match variant {
        Some(name) => only_build(api, name)?,
        None => api,
    };
    let parts = if parts.is_empty() {
        Part::DEFAULT
    } else {
        parts
    };
    veil_codegen::expand_file(&api, parts)
        .map_err(|diagnostics| Failure::Invalid { input, diagnostics })
}

/// One build's OpenAPI document, in the version and syntax asked for.
pub fn openapi(
    spec: &str,
    variant: &str,
    format: DocumentFormat,
    version: OpenApiVersion,
) -> Result<String, Failure> {
    let (input, api) = input::read_and_compile(spec)?;
    let document = veil_codegen::openapi_document(&api, variant)
        .map_err(|diagnostics| Failure::Invalid { input, diagnostics })?
        .ok_or_else(|| Failure::Usage(unknown_build(&api, variant)))?;
    let document = match version {
        OpenApiVersion::V3_1 => document,
        OpenApiVersion::V3_0 => veil_codegen::openapi30::downgrade(document),
    };
    let text = match format {
        DocumentFormat::Json => serde_json::to_string_pretty(&document)
            .map_err(|err| Failure::Usage(format!("cannot write the document as JSON: {err}")))?,
        DocumentFormat::Yaml => serde_saphyr::to_string(&document)
            .map_err(|err| Failure::Usage(format!("cannot write the document as YAML: {err}")))?,
    };
    Ok(with_newline(text))
}

/// The JSON Schema of the spec format: docs/veil-spec.schema.json.
pub fn schema() -> String {
    veil_codegen::schema::spec_schema_text()
}

/// The API with the named build only, or the list of builds it has.
pub fn only_build(api: Api, name: &str) -> Result<Api, Failure> {
    api.only_variant(name).map_err(Failure::Usage)
}

fn unknown_build(api: &Api, name: &str) -> String {
    let names: Vec<&str> = api.variants.iter().map(|v| v.name.as_str()).collect();
    format!("no variant `{name}`; the spec has {}", names.join(", "))
}

fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
