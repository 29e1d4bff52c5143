//! OpenAPI 3.0.3 from the 3.1 documents the OpenAPI part builds ([`crate::openapi_document`]),
//! for the generators that read 3.0 best (progenitor, openapi-generator).
//!
//! 3.1's schemas are JSON Schema 2020-12; 3.0's are an older subset. What the 3.1 documents use
//! and 3.0 lacks is rewritten to its 3.0 equivalent, with the same meaning:
//! - `const: x` is `enum: [x]`;
//! - a list of types is `anyOf` one schema per type, with `null` as `nullable: true`;
//! - `if: A, then: B, else: C` is `anyOf: [{allOf: [A, B]}, {allOf: [{not: A}, C]}]` (without
//!   `else`, `anyOf: [{not: A}, B]`);
//! - `contentMediaType` (a file) is `format: binary`, `contentEncoding: base64` `format: byte`;
//! - a numeric `exclusiveMinimum`/`exclusiveMaximum` is the bound with the boolean flag;
//! - `examples` is `example` (the first).
//!
//! The walk follows the places schemas sit in (component schemas, request bodies, responses,
//! parameters, and the subschemas of each), never keys by name alone: a property called
//! `const` or `if` is a property, not a keyword.

use serde_json::{Map, Value, json};

/// The 3.0.3 form of a 3.1 document.
pub fn downgrade(mut document: Value) -> Value {
    let Some(root) = document.as_object_mut() else {
        return document;
    };
    root.insert("openapi".into(), json!("3.0.3"));
    root.remove("jsonSchemaDialect");
    root.remove("webhooks");
    if let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) {
        info.remove("summary");
        if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
            license.remove("identifier");
        }
    }
    if let Some(schemas) = root
        .get_mut("components")
        .and_then(|components| components.get_mut("schemas"))
    {
        each_value(schemas, schema);
    }
    if let Some(paths) = root.get_mut("paths") {
        each_value(paths, |item| each_value(item, operation));
    }
    document
}

/// Applies `f` to every value of an object.
fn each_value(value: &mut Value, mut f: impl FnMut(&mut Value)) {
    if let Some(map) = value.as_object_mut() {
        map.values_mut().for_each(&mut f);
    }
}

/// An operation (or a path item's `parameters`, which has the same shape inside).
fn operation(operation: &mut Value) {
    if let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        parameters.iter_mut().for_each(parameter);
    }
    if let Some(parameters) = operation.as_array_mut() {
        parameters.iter_mut().for_each(parameter);
    }
    if let Some(body) = operation.get_mut("requestBody") {
        content(body);
    }
    if let Some(responses) = operation.get_mut("responses") {
        each_value(responses, content);
    }
}

fn parameter(parameter: &mut Value) {
    if let Some(inner) = parameter.get_mut("schema") {
        schema(inner);
    }
    content(parameter);
}

/// The schemas of a request body's or response's `content` media types.
fn content(holder: &mut Value) {
    if let Some(media_types) = holder.get_mut("content") {
        each_value(media_types, |media| {
            if let Some(inner) = media.get_mut("schema") {
                schema(inner);
            }
        });
    }
}

/// Rewrites one schema and, first, its subschemas.
fn schema(value: &mut Value) {
    let Some(map) = value.as_object_mut() else {
        return;
    };
    subschemas(map);
    constant(map);
    type_list(map);
    content_media(map);
    exclusive_bounds(map);
    if let Some(Value::Array(examples)) = map.remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        map.entry("example").or_insert(first);
    }
    conditional(map);
}

fn subschemas(map: &mut Map<String, Value>) {
    for key in ["properties", "patternProperties"] {
        if let Some(properties) = map.get_mut(key) {
            each_value(properties, schema);
        }
    }
    for key in ["items", "additionalProperties", "not", "if", "then", "else"] {
        if let Some(inner) = map.get_mut(key) {
            schema(inner);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(list)) = map.get_mut(key) {
            list.iter_mut().for_each(schema);
        }
    }
}

/// Adds a subschema that must also hold: into `allOf`, made if absent.
fn require(map: &mut Map<String, Value>, extra: Value) {
    match map.get_mut("allOf") {
        Some(Value::Array(list)) => list.push(extra),
        _ => {
            map.insert("allOf".into(), json!([extra]));
        }
    }
}

fn constant(map: &mut Map<String, Value>) {
    let Some(value) = map.remove("const") else {
        return;
    };
    if map.contains_key("enum") {
        require(map, json!({ "enum": [value] }));
    } else {
        map.insert("enum".into(), json!([value]));
    }
}

fn type_list(map: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = map.get("type") else {
        return;
    };
    let nullable = types.iter().any(|t| t == "null");
    let types: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    map.remove("type");
    if nullable {
        map.insert("nullable".into(), json!(true));
    }
    match types.as_slice() {
        [] => {}
        [one] => {
            map.insert("type".into(), one.clone());
        }
        many => {
            let each: Vec<Value> = many.iter().map(|t| json!({ "type": t })).collect();
            if map.contains_key("anyOf") {
                require(map, json!({ "anyOf": each }));
            } else {
                map.insert("anyOf".into(), Value::Array(each));
            }
        }
    }
}

fn content_media(map: &mut Map<String, Value>) {
    let media = map.remove("contentMediaType");
    let encoding = map.remove("contentEncoding");
    let format = match (media, encoding) {
        (_, Some(encoding)) if encoding == "base64" => "byte",
        (Some(_), _) => "binary",
        _ => return,
    };
    map.entry("format").or_insert(json!(format));
}

fn exclusive_bounds(map: &mut Map<String, Value>) {
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if map.get(exclusive).is_some_and(Value::is_number)
            && let Some(limit) = map.remove(exclusive)
        {
            map.insert(bound.into(), limit);
            map.insert(exclusive.into(), json!(true));
        }
    }
}

fn conditional(map: &mut Map<String, Value>) {
    let Some(condition) = map.remove("if") else {
        return;
    };
    let then = map.remove("then");
    let otherwise = map.remove("else");
    let negated = json!({ "not": condition.clone() });
    let branches = match (then, otherwise) {
        (Some(then), Some(otherwise)) => json!([
            { "allOf": [condition, then] },
            { "allOf": [negated, otherwise] },
        ]),
        (Some(then), None) => json!([negated, then]),
        (None, Some(otherwise)) => json!([condition, otherwise]),
        (None, None) => return,
    };
    require(map, json!({ "anyOf": branches }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_schema(schema: Value) -> Value {
        let document = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1", "summary": "s" },
            "paths": {},
            "components": { "schemas": { "S": schema } },
        });
        let down = downgrade(document);
        assert_eq!(down["openapi"], "3.0.3");
        assert!(down["info"].get("summary").is_none());
        down["components"]["schemas"]["S"].clone()
    }

    #[test]
    fn keywords_become_their_3_0_forms() {
        assert_eq!(
            one_schema(json!({ "type": "string", "const": "ksjd" })),
            json!({ "type": "string", "enum": ["ksjd"] })
        );
        assert_eq!(
            one_schema(json!({ "type": ["string", "number"] })),
            json!({ "anyOf": [{ "type": "string" }, { "type": "number" }] })
        );
        assert_eq!(
            one_schema(json!({ "type": ["integer", "null"] })),
            json!({ "type": "integer", "nullable": true })
        );
        assert_eq!(
            one_schema(json!({ "type": "string", "contentMediaType": "application/octet-stream" })),
            json!({ "type": "string", "format": "binary" })
        );
        assert_eq!(
            one_schema(json!({ "type": "number", "exclusiveMinimum": 0 })),
            json!({ "type": "number", "minimum": 0, "exclusiveMinimum": true })
        );
        assert_eq!(
            one_schema(json!({ "type": "string", "examples": ["a", "b"] })),
            json!({ "type": "string", "example": "a" })
        );
    }

    #[test]
    fn if_then_is_not_if_or_then() {
        let condition = json!({ "properties": { "t": { "enum": ["1", 1] } }, "required": ["t"] });
        let then = json!({ "properties": { "n": { "pattern": "^[0-9]{18}$" } } });
        let converted = one_schema(json!({
            "type": "object",
            "allOf": [{ "if": condition, "then": then }],
        }));
        assert_eq!(
            converted,
            json!({
                "type": "object",
                "allOf": [{ "allOf": [{ "anyOf": [{ "not": condition }, then] }] }],
            })
        );
    }

    #[test]
    fn properties_named_like_keywords_stay() {
        let converted = one_schema(json!({
            "type": "object",
            "properties": {
                "const": { "type": "string", "const": "x" },
                "if": { "type": "string" },
                "type": { "type": ["string", "number"] },
            },
            "required": ["const", "if", "type"],
        }));
        let properties = &converted["properties"];
        assert_eq!(
            properties["const"],
            json!({ "type": "string", "enum": ["x"] })
        );
        assert_eq!(properties["if"], json!({ "type": "string" }));
        assert!(properties["type"].get("anyOf").is_some());
    }

    #[test]
    fn request_and_response_schemas_are_converted() {
        let document = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "paths": { "/p": { "post": {
                "requestBody": { "content": { "multipart/form-data": { "schema": {
                    "type": "object",
                    "properties": { "photo": { "type": "string", "contentMediaType": "image/jpeg" } },
                } } } },
                "responses": { "200": { "description": "ok", "content": { "application/json": {
                    "schema": { "type": "object", "properties": { "c": { "const": "0000" } } },
                } } } },
            } } },
        });
        let down = downgrade(document);
        let operation = &down["paths"]["/p"]["post"];
        assert_eq!(
            operation.pointer(
                "/requestBody/content/multipart~1form-data/schema/properties/photo/format"
            ),
            Some(&json!("binary"))
        );
        assert_eq!(
            operation.pointer("/responses/200/content/application~1json/schema/properties/c/enum"),
            Some(&json!(["0000"]))
        );
    }
}
