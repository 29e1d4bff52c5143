//! The OpenAPI part: for each variant, an OpenAPI 3.1 document of the public API, the one the
//! app's traffic shows: public paths, request bodies with the decoys as required constant
//! properties, the envelope answers, and the constraints JSON Schema can express. Real names
//! are not in it.
//!
//! The documents are built here, at compile time, and emitted as string literals behind
//! `openapi(variant)`.

use super::code::{Code, code};
use serde_json::{Map, Value, json};

use crate::vocab;

use super::Emitted;
use crate::ir::{
    Api, Bug, Constraints, DecoyValue, Disguise, Endpoint, Field, Format, HttpStatusPolicy, Rule,
    ScalarForm, SessionHeader, TypeDef, TypeKind, TypeRef, field,
};

pub(super) fn emit(api: &Api) -> Emitted {
    let (openapi, variant_enum) = (Code::name(vocab::OPENAPI), Code::name(vocab::VARIANT));
    let arms = api
        .variants
        .iter()
        .enumerate()
        .map(|(index, variant)| {
            let rust = Code::ident(&variant.rust);
            // `{:#}` is serde_json's pretty form, written without a way to fail.
            let text = format!("{:#}", document(api, index)?);
            Ok(code!(#variant_enum::#rust => #text,))
        })
        .collect::<Result<Vec<_>, Bug>>()?;
    let docs = super::docs::doc_attrs([Some(
        format!(
            "The OpenAPI 3.1 document (JSON) of the public {} API as `variant` serves it: \
             public paths, decoys, envelopes and constraints; no real names.",
            api.name
        )
        .as_str(),
    )]);
    Ok(code! {
        #docs
        pub fn #openapi(variant: #variant_enum) -> &'static str {
            match variant {
                #(#arms)*
            }
        }
    })
}

/// The document of build number `index`.
pub(crate) fn document(api: &Api, index: usize) -> Result<Value, Bug> {
    let no_build = || Bug(format!("no build {index}"));
    let variant = api.variants.get(index).ok_or_else(no_build)?;
    let mut paths = Map::new();
    for service in &api.services {
        for endpoint in &service.endpoints {
            let (_, disguise) = api.builds(endpoint)?.nth(index).ok_or_else(no_build)?;
            let mut operation = operation(api, &service.name, endpoint, disguise)?;
            if api.session_of(variant, endpoint)?.is_none() && variant.session.is_some() {
                // Open without a session, in a document whose default is to need one.
                operation["security"] = json!([]);
            }
            paths.insert(disguise.public_path.clone(), json!({ "post": operation }));
        }
    }
    let schemas = api
        .types
        .iter()
        .map(|def| Ok((def.rust.text.clone(), type_schema(api, def)?)))
        .collect::<Result<Map<String, Value>, Bug>>()?;
    let title = api.title.clone().unwrap_or_else(|| api.name.clone());
    let mut info = json!({
        "title": format!("{title} ({} build)", variant.name),
        "version": "1",
    });
    if let Some(description) = &api.description {
        info["description"] = json!(description);
    }
    let mut document = json!({
        "openapi": "3.1.0",
        "info": info,
        "paths": paths,
        "components": { "schemas": schemas },
    });
    if let Some(session) = &variant.session {
        document["components"]["securitySchemes"] =
            json!({ SECURITY_SCHEME: security_scheme(session) });
        document["security"] = json!([{ SECURITY_SCHEME: [] }]);
    }
    Ok(document)
}

/// The name of the session's security scheme in every document.
const SECURITY_SCHEME: &str = "session";

/// How the build sends its credential, as OpenAPI says it: HTTP's bearer scheme when it is
/// `Authorization: Bearer`, else a key in a header (its scheme, if any, said in words, since
/// OpenAPI has no field for a prefix).
fn security_scheme(session: &SessionHeader) -> Value {
    let bearer = session.header.eq_ignore_ascii_case("authorization")
        && session
            .scheme
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("bearer"));
    if bearer {
        return json!({
            "type": "http",
            "scheme": "bearer",
            "description": "The session credential, as `Authorization: Bearer <credential>`.",
        });
    }
    let description = match &session.scheme {
        Some(scheme) => format!(
            "The session credential, as `{}: {scheme} <credential>`.",
            session.header
        ),
        None => format!(
            "The session credential, alone in header `{}`.",
            session.header
        ),
    };
    json!({
        "type": "apiKey",
        "in": "header",
        "name": session.header,
        "description": description,
    })
}

fn operation(
    api: &Api,
    service: &str,
    endpoint: &Endpoint,
    disguise: &Disguise,
) -> Result<Value, Bug> {
    let media_type = endpoint.encoding.media_type();
    let mut operation = json!({
        "operationId": endpoint.rust.text,
        "summary": endpoint.summary,
        "tags": [service],
        "requestBody": {
            "required": true,
            "content": { media_type: { "schema": request_schema(api, endpoint, disguise)? } },
        },
        "responses": responses(api, endpoint)?,
    });
    if let Some(description) = &endpoint.description {
        operation["description"] = json!(description);
    }
    Ok(operation)
}

fn request_schema(api: &Api, endpoint: &Endpoint, disguise: &Disguise) -> Result<Value, Bug> {
    let fields = &endpoint.request.fields;
    let mut schema = object_schema(api, fields)?;
    for decoy in &disguise.decoys {
        let value = match &decoy.value {
            DecoyValue::Fixed(value) => json!({ "type": "string", "const": value }),
            DecoyValue::Generated { .. } => json!({ "type": "string", "minLength": 1 }),
        };
        schema["properties"][&decoy.wire] = value;
        if let Some(required) = schema["required"].as_array_mut() {
            required.push(json!(decoy.wire));
        }
    }
    let mut conditions = Vec::new();
    for rule in &endpoint.request.rules {
        conditions.extend(rule_schema(api, fields, rule)?);
    }
    if !conditions.is_empty() {
        schema["allOf"] = json!(conditions);
    }
    Ok(schema)
}

/// `when`/`then` rules as JSON Schema's `if`/`then`; `equal` has no JSON Schema form.
fn rule_schema(api: &Api, fields: &[Field], rule: &Rule) -> Result<Option<Value>, Bug> {
    let Rule::When {
        field: tested,
        is,
        target,
        then,
    } = rule
    else {
        return Ok(None);
    };
    let (tested, constrained) = (field(fields, *tested)?, field(fields, *target)?);
    // The value is compared as text, so a number spelling it matches too.
    let mut values = vec![json!(is)];
    if let Ok(number) = is.parse::<i64>() {
        values.push(json!(number));
    }
    Ok(Some(json!({
        "if": {
            "properties": { &tested.wire: { "enum": values } },
            "required": [&tested.wire],
        },
        "then": {
            "properties": { &constrained.wire: constraint_schema(api, &constrained.ty, then)? },
        },
    })))
}

fn responses(api: &Api, endpoint: &Endpoint) -> Result<Value, Bug> {
    let data = match &endpoint.response {
        Some(ty) => Some(type_ref_schema(api, ty)?),
        None => None,
    };
    let success = json!({
        "description": format!(
            "The envelope: codes {} mean success{}; any other code is a failure, with a message.",
            endpoint.success.join(", "),
            if data.is_some() { " and carry data" } else { "" }
        ),
        "content": { "application/json": { "schema": envelope_schema(api, data) } },
    });
    let mut responses = Map::new();
    responses.insert("200".into(), success);
    if api.server.http_status == HttpStatusPolicy::Mapped {
        for (status, what) in [
            ("400", "A malformed or invalid request"),
            ("401", "No session, or a refused credential"),
            ("404", "No endpoint at this path"),
            ("405", "A method other than POST"),
            ("408", "A body that did not arrive within its time limit"),
            ("413", "A body over the limit"),
            ("415", "A content type other than the endpoint's"),
            ("500", "A failure of the server"),
            (
                "503",
                "Busy: too many requests in flight, or no answer in time",
            ),
        ] {
            if status == "401" && !endpoint.needs_session {
                continue;
            }
            responses.insert(
                status.into(),
                json!({
                    "description": what,
                    "content": { "application/json": { "schema": envelope_schema(api, None) } },
                }),
            );
        }
    }
    Ok(Value::Object(responses))
}

fn envelope_schema(api: &Api, data: Option<Value>) -> Value {
    let envelope = &api.envelope;
    let mut properties = Map::new();
    properties.insert(envelope.code_field.clone(), json!({ "type": "string" }));
    properties.insert(envelope.message_field.clone(), json!({ "type": "string" }));
    if let Some(data) = data {
        properties.insert(envelope.data_field.clone(), data);
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": [envelope.code_field, envelope.message_field],
    })
}

fn object_schema(api: &Api, fields: &[Field]) -> Result<Value, Bug> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields {
        let mut schema = constraint_schema(api, &field.ty, &field.constraints)?;
        if let Some(description) = &field.description {
            schema = with_description(schema, description);
        }
        properties.insert(field.wire.clone(), schema);
        if !field.optional {
            required.push(json!(field.wire));
        }
    }
    Ok(json!({ "type": "object", "properties": properties, "required": required }))
}

fn with_description(schema: Value, description: &str) -> Value {
    match schema {
        // A `$ref` sits alone in older readers; wrap it so the description survives.
        Value::Object(map) if map.contains_key("$ref") => {
            json!({ "allOf": [Value::Object(map)], "description": description })
        }
        Value::Object(mut map) => {
            map.insert("description".into(), json!(description));
            Value::Object(map)
        }
        other => other,
    }
}

/// The schema of a value of `ty` with `constraints`.
fn constraint_schema(api: &Api, ty: &TypeRef, constraints: &Constraints) -> Result<Value, Bug> {
    let base = type_ref_schema(api, ty)?;
    let mut parts = Vec::new();
    if let Some(length) = constraints.length {
        let mut part = Map::new();
        if let Some(min) = length.min {
            part.insert("minLength".into(), json!(min));
        }
        if let Some(max) = length.max {
            part.insert("maxLength".into(), json!(max));
        }
        parts.push(Value::Object(part));
    }
    if let Some(pattern) = &constraints.pattern {
        parts.push(json!({ "pattern": pattern }));
    }
    if let Some(range) = constraints.range {
        let mut part = Map::new();
        if let Some(min) = range.min {
            part.insert("minimum".into(), json!(min));
        }
        if let Some(max) = range.max {
            part.insert("maximum".into(), json!(max));
        }
        parts.push(Value::Object(part));
    }
    if let Some(format) = constraints.format {
        parts.push(format_schema(format));
    }
    if let Some(index) = constraints.choice {
        let list = api.option_list(index)?;
        let mut values = Vec::new();
        for (code, _) in &list.options {
            values.push(json!(code.to_string()));
            values.push(json!(code));
        }
        parts.push(json!({ "enum": values }));
    }
    Ok(if parts.is_empty() {
        base
    } else {
        let mut all = vec![base];
        all.extend(parts);
        json!({ "allOf": all })
    })
}

/// What JSON Schema can say of a format: its shape (check digits are beyond it).
fn format_schema(format: Format) -> Value {
    match format {
        Format::Email => json!({ "format": "email" }),
        Format::Curp => {
            json!({ "pattern": "^[A-ZÑ][AEIOUX][A-ZÑ]{2}[0-9]{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-ZÑ]{3}[0-9A-Z][0-9]$" })
        }
        Format::Clabe => json!({ "pattern": "^[0-9]{18}$" }),
        Format::Luhn => json!({ "pattern": "^[0-9]{12,19}$" }),
        Format::MxMobile => json!({ "pattern": "^(\\+52)?[2-9][0-9]{9}$" }),
        Format::Date => json!({ "pattern": "^[0-9]{2}/[0-9]{2}/[0-9]{4}$" }),
    }
}

fn type_ref_schema(api: &Api, ty: &TypeRef) -> Result<Value, Bug> {
    Ok(match ty {
        TypeRef::String => json!({ "type": "string" }),
        TypeRef::Integer => json!({ "type": "integer" }),
        TypeRef::Number => json!({ "type": "number" }),
        TypeRef::Boolean => json!({ "type": "boolean" }),
        TypeRef::File => {
            json!({ "type": "string", "contentMediaType": "application/octet-stream" })
        }
        TypeRef::List(inner) => json!({ "type": "array", "items": type_ref_schema(api, inner)? }),
        TypeRef::Named(index) => {
            let def = api.type_def(*index)?;
            json!({ "$ref": format!("#/components/schemas/{}", def.rust.text) })
        }
    })
}

fn type_schema(api: &Api, def: &TypeDef) -> Result<Value, Bug> {
    let schema = match &def.kind {
        TypeKind::Struct(fields) => object_schema(api, fields)?,
        TypeKind::Enum(variants) => {
            let values: Vec<&String> = variants
                .iter()
                .flat_map(|v| std::iter::once(&v.value).chain(&v.aliases))
                .collect();
            json!({ "type": "string", "enum": values })
        }
        TypeKind::Coded { variants, .. } => {
            let codes: Vec<i64> = variants.iter().map(|v| v.code).collect();
            let texts: Vec<String> = codes.iter().map(i64::to_string).collect();
            json!({ "anyOf": [
                { "type": "integer", "enum": codes },
                { "type": "string", "enum": texts },
            ]})
        }
        TypeKind::Lenient(ScalarForm::Integer) => json!({ "anyOf": [
            { "type": "integer" },
            { "type": "string", "pattern": "^\\s*[-+]?[0-9]+\\s*$" },
        ]}),
        TypeKind::Lenient(ScalarForm::String) => json!({ "type": ["string", "number"] }),
    };
    Ok(match &def.description {
        Some(description) => with_description(schema, description),
        None => schema,
    })
}
