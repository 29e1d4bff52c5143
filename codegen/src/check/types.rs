//! Rules for named types, fields and type references.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::first_seen::FirstSeen;
use super::names::Case;
use super::{Checker, constraints, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::{
    CodedVariant, EnumVariant, Field, Rule, RustName, ScalarForm, TypeDef, TypeKind, TypeRef,
    ValueKind,
};
use crate::spec::{self, CodeSpec, EnumValueSpec, FieldSpec, TypeSpec};

/// Where a list of fields sits, which decides the types it may use.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldsOf {
    /// A named struct: any type but `file`.
    Struct,
    /// A JSON request: any type but `file`.
    JsonRequest,
    /// A form request: scalars only, since form bodies are flat `name=value` pairs.
    FormRequest,
    /// A multipart request: scalars and `file`.
    MultipartRequest,
}

/// Checks the named types: the IR's type list, in spec order, or `None` when a type's name
/// could not become a Rust name (reported).
pub(crate) fn check_types(cx: &mut Checker, specs: &[Spanned<TypeSpec>]) -> Option<Vec<TypeDef>> {
    let rust_names = declare(cx, specs);
    let bodies: Vec<(TypeKind, Vec<Rule>)> = specs
        .iter()
        .map(|spec| {
            let kind = type_kind(cx, spec);
            let rules = type_rules(cx, spec, &kind);
            (kind, rules)
        })
        .collect();
    let kinds: Vec<&TypeKind> = bodies.iter().map(|(kind, _)| kind).collect();
    check_recursion(cx, specs, &kinds);
    specs
        .iter()
        .zip(rust_names)
        .zip(bodies)
        .map(|((spec, rust), (kind, rules))| {
            Some(TypeDef {
                spec_name: spec.value.name.value.clone(),
                rust: rust?,
                description: spec.value.description.clone(),
                kind,
                rules,
            })
        })
        .collect()
}

/// Declares every name and kind first, so that a field may refer to a type declared after
/// it; returns each type's Rust name.
fn declare(cx: &mut Checker, specs: &[Spanned<TypeSpec>]) -> Vec<Option<RustName>> {
    let mut seen = FirstSeen::new("declared");
    let mut rust_names = Vec::with_capacity(specs.len());
    for (index, spec) in specs.iter().enumerate() {
        let ty = &spec.value;
        let at = loc(&ty.name);
        let first = seen.claim(&mut cx.diags, ty.name.value.as_str(), at, || {
            format!("type `{}` is declared twice", ty.name.value)
        });
        if first {
            cx.type_index.insert(ty.name.value.clone(), (index, at));
        }
        let rust = cx.rust_name(&ty.name, ty.rust.as_ref(), Case::UpperCamel, true);
        // A second declaration is reported above, not again as a clash of Rust items.
        if let Some(rust) = &rust
            && first
        {
            cx.claim_item(rust, at, format!("type `{}`", ty.name.value));
        }
        rust_names.push(rust);
        cx.named_kinds
            .push(Declared::of(ty).map(|d| d.value_kind()));
    }
    rust_names
}

/// The rules of a struct type, checked against its fields; other kinds may have none.
fn type_rules(cx: &mut Checker, spec: &Spanned<TypeSpec>, kind: &TypeKind) -> Vec<Rule> {
    match kind {
        TypeKind::Struct(fields) => constraints::rules(cx, &spec.value.rules, fields),
        _ => {
            if let Some(first) = spec.value.rules.first() {
                cx.diags
                    .error(loc(first), "`rules` apply to struct types only");
            }
            Vec::new()
        }
    }
}

/// What a named type declares itself to be: the one reading of its kind keys, shared by the
/// declaration of every type (its value kind, known before any field is checked) and the
/// check of its body. With several kind keys (an error), the first of `fields`, `values`,
/// `codes` and `lenient` wins, so that the rest of the check goes on.
enum Declared<'a> {
    Struct(&'a [Spanned<FieldSpec>]),
    Enum(&'a Spanned<Vec<Spanned<EnumValueSpec>>>),
    Coded(&'a Spanned<Vec<Spanned<CodeSpec>>>),
    Lenient(spec::ScalarForm),
}

impl<'a> Declared<'a> {
    /// The type's kind, or `None` when it has no kind key (an error reported with its body).
    fn of(ty: &'a TypeSpec) -> Option<Self> {
        if let Some(fields) = &ty.fields {
            Some(Declared::Struct(fields))
        } else if let Some(values) = &ty.values {
            Some(Declared::Enum(values))
        } else if let Some(codes) = &ty.codes {
            Some(Declared::Coded(codes))
        } else {
            ty.lenient
                .as_ref()
                .map(|form| Declared::Lenient(form.value))
        }
    }

    fn value_kind(&self) -> ValueKind {
        match self {
            Declared::Struct(_) => ValueKind::Struct,
            Declared::Enum(_) => ValueKind::Enum,
            Declared::Coded(_) => ValueKind::Coded,
            Declared::Lenient(spec::ScalarForm::Integer) => ValueKind::LenientInteger,
            Declared::Lenient(spec::ScalarForm::String) => ValueKind::LenientText,
        }
    }
}

fn type_kind(cx: &mut Checker, spec: &Spanned<TypeSpec>) -> TypeKind {
    let ty = &spec.value;
    let kinds = [
        ty.fields.is_some(),
        ty.values.is_some(),
        ty.codes.is_some(),
        ty.lenient.is_some(),
    ];
    let at = loc(&ty.name);
    if kinds.iter().filter(|k| **k).count() != 1 {
        cx.diags.push(
            Diagnostic::new(
                at,
                format!(
                    "type `{}` must have exactly one of `fields`, `values`, `codes` and `lenient`",
                    ty.name.value
                ),
            )
            .help("`fields` makes a struct, `values` a string enum, `codes` an integer-coded choice, `lenient` a scalar read from a number or a string"),
        );
    }
    if let Some(write) = &ty.write
        && ty.codes.is_none()
    {
        cx.diags
            .error(loc(write), "`write` applies to `codes` types only");
    }
    match Declared::of(ty) {
        Some(Declared::Struct(fields)) => {
            TypeKind::Struct(check_fields(cx, fields, FieldsOf::Struct))
        }
        Some(Declared::Enum(values)) => TypeKind::Enum(enum_variants(cx, &ty.name, values)),
        Some(Declared::Coded(codes)) => TypeKind::Coded {
            variants: coded_variants(cx, &ty.name, codes),
            write: ty
                .write
                .as_ref()
                .map_or(ScalarForm::Integer, |w| w.value.into()),
        },
        Some(Declared::Lenient(form)) => TypeKind::Lenient(form.into()),
        None => TypeKind::Struct(Vec::new()),
    }
}

/// What a value of type `ty` is: built-in types by themselves, named types by what they
/// declared. The one place value kinds are decided; the IR carries the result.
pub(crate) fn value_kind(cx: &Checker, ty: &TypeRef) -> ValueKind {
    match ty {
        TypeRef::String => ValueKind::Text,
        TypeRef::Integer => ValueKind::Integer,
        TypeRef::Number => ValueKind::Number,
        TypeRef::Boolean => ValueKind::Boolean,
        TypeRef::File => ValueKind::File,
        TypeRef::List(inner) => ValueKind::List(Box::new(value_kind(cx, inner))),
        // A type without a kind key is reported where it is declared; it counts as a struct.
        TypeRef::Named(index) => cx
            .named_kinds
            .get(*index)
            .cloned()
            .flatten()
            .unwrap_or(ValueKind::Struct),
    }
}

/// Checks the fields of a struct or request: wire names unique, Rust names unique, types known
/// and allowed where they stand.
pub(crate) fn check_fields(
    cx: &mut Checker,
    specs: &[Spanned<FieldSpec>],
    context: FieldsOf,
) -> Vec<Field> {
    let mut wire_seen = FirstSeen::new("declared");
    let mut rust_seen: HashMap<String, (Loc, &str)> = HashMap::new();
    let mut fields = Vec::with_capacity(specs.len());
    for spec in specs {
        let field = &spec.value;
        let at = loc(&field.name);
        if field.name.value.is_empty() {
            cx.diags.error(at, "a field's wire name is empty");
            continue;
        }
        if context == FieldsOf::MultipartRequest {
            check_part_name(cx, &field.name);
        }
        if !wire_seen.claim(&mut cx.diags, field.name.value.as_str(), at, || {
            format!("field `{}` is declared twice", field.name.value)
        }) {
            continue;
        }
        let Some(rust) = cx.rust_name(&field.name, field.rust.as_ref(), Case::Snake, true) else {
            continue;
        };
        if let Some((first, first_wire)) = rust_seen.get(&rust.text) {
            cx.diags.push(
                Diagnostic::new(
                    at,
                    format!(
                        "fields `{first_wire}` and `{}` both become the Rust field `{}`",
                        field.name.value,
                        rust.source()
                    ),
                )
                .note(*first, format!("`{first_wire}` is declared here"))
                .help("give one of them another Rust name with `rust:`"),
            );
            continue;
        }
        rust_seen.insert(rust.text.clone(), (at, &field.name.value));
        let Some(ty) = type_ref(cx, &field.ty) else {
            continue;
        };
        allowed_in(cx, &ty, &field.ty, context);
        let value = value_kind(cx, &ty);
        let constraints =
            constraints::constraints(cx, field.constraints(), &value, &field.name.value);
        fields.push(Field {
            wire: field.name.value.clone(),
            rust,
            ty,
            value,
            optional: field.optional,
            sensitive: field.sensitive,
            description: field.description.clone(),
            constraints,
        });
    }
    fields
}

/// A multipart part's name travels in a quoted `Content-Disposition` parameter. Names outside
/// printable ASCII, or with `"`, `\`, `%` or spaces, are written in RFC 2231's `name*=` form
/// by some clients and cannot be read back by others: refused, so both sides agree.
pub(crate) fn check_part_name(cx: &mut Checker, name: &Spanned<String>) {
    let bad = name
        .value
        .chars()
        .find(|c| !c.is_ascii_graphic() || matches!(c, '"' | '\\' | '%'));
    if let Some(c) = bad {
        cx.diags.push(
            Diagnostic::new(
                loc(name),
                format!(
                    "`{}` cannot name a multipart part: it has the character `{}`",
                    name.value,
                    c.escape_debug()
                ),
            )
            .help("multipart part names are printable ASCII without spaces, `\"`, `\\` or `%`"),
        );
    }
}

/// Reports a type that cannot stand in a field of `context`.
fn allowed_in(cx: &mut Checker, ty: &TypeRef, node: &Spanned<String>, context: FieldsOf) {
    let at = loc(node);
    let is_file = *ty == TypeRef::File;
    match context {
        FieldsOf::Struct if is_file => {
            cx.diags.push(
                Diagnostic::new(at, "a named type cannot hold a `file`; only a multipart request can")
                    .help("send the file's URL as a string, or move the field into a multipart endpoint's `request`"),
            );
        }
        FieldsOf::JsonRequest if is_file => {
            cx.diags.push(
                Diagnostic::new(at, "a `file` field can only be sent in a multipart request").help(
                    "set `encoding: multipart` on the endpoint, or send the file's URL as a string",
                ),
            );
        }
        FieldsOf::FormRequest | FieldsOf::MultipartRequest if !is_flat(cx, ty) => {
            let encoding = if context == FieldsOf::FormRequest {
                "form"
            } else {
                "multipart"
            };
            cx.diags.push(
                Diagnostic::new(
                    at,
                    format!("`{}` cannot be sent in a {encoding} request: a {encoding} body is flat `name=value` pairs", node.value),
                )
                .help("use a scalar type, or `encoding: json` for nested data"),
            );
        }
        FieldsOf::FormRequest if is_file => {
            cx.diags.push(
                Diagnostic::new(at, "a `file` field can only be sent in a multipart request")
                    .help("set `encoding: multipart` on the endpoint"),
            );
        }
        _ => {}
    }
}

/// True for types that are one `name=value` pair: scalars, enums, coded and lenient types.
/// A named type without a kind key is reported where it is declared, not again here.
fn is_flat(cx: &Checker, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::List(_) => false,
        TypeRef::Named(index) => {
            !matches!(cx.named_kinds.get(*index), Some(Some(ValueKind::Struct)))
        }
        _ => true,
    }
}

/// Parses a type reference: a built-in scalar, `list<T>`, or the name of a declared type.
pub(crate) fn type_ref(cx: &mut Checker, node: &Spanned<String>) -> Option<TypeRef> {
    match parse_type_ref(cx, node.value.trim()) {
        Ok(ty) => Some(ty),
        Err(TypeRefError::Unknown(message)) => {
            cx.diags.push(with_known_types(loc(node), message, cx));
            None
        }
        Err(TypeRefError::Invalid(message)) => {
            cx.diags.error(loc(node), message);
            None
        }
    }
}

/// Why a type reference does not resolve.
enum TypeRefError {
    /// A name that is neither built in nor declared: the help lists what there is.
    Unknown(String),
    /// A malformed reference.
    Invalid(String),
}

fn with_known_types(at: Loc, message: String, cx: &Checker) -> Diagnostic {
    let diagnostic = Diagnostic::new(at, message);
    if cx.type_index.is_empty() {
        diagnostic.help("declare it under `types:`")
    } else {
        let mut known: Vec<&str> = cx.type_index.keys().map(String::as_str).collect();
        known.sort_unstable();
        diagnostic.help(format!(
            "the built-in types are string, integer, number, boolean, file and list<T>; the declared types are {}",
            known.join(", ")
        ))
    }
}

/// How deeply lists may nest: far beyond any real API, and small enough that every walk over
/// a type (here and in the emitters) stays shallow.
const MAX_LIST_NESTING: usize = 16;

fn parse_type_ref(cx: &Checker, text: &str) -> Result<TypeRef, TypeRefError> {
    parse_nested_type_ref(cx, text, 0)
}

fn parse_nested_type_ref(cx: &Checker, text: &str, depth: usize) -> Result<TypeRef, TypeRefError> {
    if let Some(inner) = text.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        if inner.trim().is_empty() {
            return Err(TypeRefError::Invalid("`list<>` has no element type".into()));
        }
        if depth >= MAX_LIST_NESTING {
            return Err(TypeRefError::Invalid(format!(
                "lists nest more than {MAX_LIST_NESTING} deep"
            )));
        }
        let inner = parse_nested_type_ref(cx, inner.trim(), depth + 1)?;
        if inner == TypeRef::File {
            return Err(TypeRefError::Invalid(
                "a list of files is not supported; declare one `file` field per part".into(),
            ));
        }
        return Ok(TypeRef::List(Box::new(inner)));
    }
    Ok(match text {
        "string" => TypeRef::String,
        "integer" => TypeRef::Integer,
        "number" => TypeRef::Number,
        "boolean" => TypeRef::Boolean,
        "file" => TypeRef::File,
        "" => return Err(TypeRefError::Invalid("the type is empty".into())),
        name => match cx.type_index.get(name) {
            Some((index, _)) => TypeRef::Named(*index),
            None => return Err(TypeRefError::Unknown(format!("unknown type `{name}`"))),
        },
    })
}

fn enum_variants(
    cx: &mut Checker,
    type_name: &Spanned<String>,
    values: &Spanned<Vec<Spanned<EnumValueSpec>>>,
) -> Vec<EnumVariant> {
    if values.value.is_empty() {
        cx.diags.push(
            Diagnostic::new(
                loc(values),
                format!("enum `{}` has no values", type_name.value),
            )
            .help("list at least one `- value: ...`"),
        );
    }
    // Every spelling, canonical or alias, must read as exactly one variant.
    let mut spellings: HashMap<&str, (Loc, &str)> = HashMap::new();
    let mut rust_seen: HashMap<String, Loc> = HashMap::new();
    let mut variants = Vec::new();
    for node in &values.value {
        let value = &node.value;
        let repeated = spellings.contains_key(value.value.value.as_str());
        for spelling in std::iter::once(&value.value).chain(&value.aliases) {
            if let Some((first, owner)) = spellings.get(spelling.value.as_str()) {
                cx.diags.push(
                    Diagnostic::new(
                        loc(spelling),
                        format!(
                            "`{}` already reads as the value `{owner}` of enum `{}`",
                            spelling.value, type_name.value
                        ),
                    )
                    .note(*first, "first spelled here"),
                );
            } else {
                spellings.insert(&spelling.value, (loc(spelling), &value.value.value));
            }
        }
        if repeated {
            // Reported above as a repeated spelling; its Rust variant would clash too.
            continue;
        }
        let Some(rust) = cx.rust_name(&value.value, value.rust.as_ref(), Case::UpperCamel, true)
        else {
            continue;
        };
        if let Some(first) = rust_seen.insert(rust.text.clone(), loc(&value.value)) {
            cx.diags.push(
                Diagnostic::new(
                    loc(&value.value),
                    format!(
                        "two values of enum `{}` become the Rust variant `{}`",
                        type_name.value,
                        rust.source()
                    ),
                )
                .note(first, "the other value is here")
                .help("give one of them another Rust name with `rust:`"),
            );
        }
        variants.push(EnumVariant {
            rust,
            value: value.value.value.clone(),
            aliases: value.aliases.iter().map(|a| a.value.clone()).collect(),
            description: value.description.clone(),
        });
    }
    variants
}

fn coded_variants(
    cx: &mut Checker,
    type_name: &Spanned<String>,
    codes: &Spanned<Vec<Spanned<CodeSpec>>>,
) -> Vec<CodedVariant> {
    if codes.value.is_empty() {
        cx.diags.push(
            Diagnostic::new(
                loc(codes),
                format!("coded type `{}` has no codes", type_name.value),
            )
            .help("list at least one `- code: 1` with its `name`"),
        );
    }
    let mut code_seen = FirstSeen::new("listed");
    let mut rust_seen: HashMap<String, Loc> = HashMap::new();
    let mut variants = Vec::new();
    for node in &codes.value {
        let choice = &node.value;
        code_seen.claim(&mut cx.diags, choice.code.value, loc(&choice.code), || {
            format!(
                "code {} of `{}` is listed twice",
                choice.code.value, type_name.value
            )
        });
        let Some(rust) = cx.rust_name(&choice.name, None, Case::UpperCamel, false) else {
            continue;
        };
        if let Some(first) = rust_seen.insert(rust.text.clone(), loc(&choice.name)) {
            cx.diags.push(
                Diagnostic::new(
                    loc(&choice.name),
                    format!(
                        "two codes of `{}` become the Rust variant `{}`",
                        type_name.value,
                        rust.source()
                    ),
                )
                .note(first, "the other code is here"),
            );
        }
        variants.push(CodedVariant {
            rust,
            code: choice.code.value,
            description: choice.description.clone(),
        });
    }
    variants
}

/// A struct that holds itself other than through a list has no finite size. Recursion through
/// `list<T>` is fine (a `Vec` is a pointer); anything else is reported on the field that closes
/// the cycle.
fn check_recursion(cx: &mut Checker, specs: &[Spanned<TypeSpec>], kinds: &[&TypeKind]) {
    // Depth-first, with an explicit stack: a spec may chain thousands of types, and the
    // generator must not run out of stack on any spec. state: 0 unvisited, 1 on the current
    // path, 2 done.
    let mut state = vec![0u8; kinds.len()];
    let mut found = Vec::new();
    for root in 0..kinds.len() {
        if state[root] != 0 {
            continue;
        }
        // Each frame: a type and the index of the next field to follow.
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(frame) = stack.last_mut() {
            let (index, next) = *frame;
            let fields: &[Field] = match kinds[index] {
                TypeKind::Struct(fields) => fields,
                _ => &[],
            };
            let Some(field) = fields.get(next) else {
                state[index] = 2;
                stack.pop();
                continue;
            };
            frame.1 += 1;
            let TypeRef::Named(target) = field.ty else {
                continue;
            };
            match state.get(target) {
                Some(1) => {
                    let at = field_loc(&specs[index], &field.wire);
                    let message = if target == index {
                        format!(
                            "type `{}` contains itself through its field `{}`; a struct cannot contain itself",
                            specs[target].value.name.value, field.wire
                        )
                    } else {
                        format!(
                            "type `{}` contains itself: field `{}` of `{}` holds a `{}`",
                            specs[target].value.name.value,
                            field.wire,
                            specs[index].value.name.value,
                            specs[target].value.name.value
                        )
                    };
                    found.push((at, message));
                }
                Some(0) => {
                    state[target] = 1;
                    stack.push((target, 0));
                }
                _ => {}
            }
        }
    }
    for (at, message) in found {
        cx.diags.push(
            Diagnostic::new(at, message)
                .help("make the field a `list<...>` of the type, which is allowed to recurse"),
        );
    }
}

fn field_loc(spec: &Spanned<TypeSpec>, wire: &str) -> Loc {
    spec.value
        .fields
        .iter()
        .flatten()
        .find(|f| f.value.name.value == wire)
        .map_or_else(|| loc(&spec.value.name), |f| loc(&f.value.ty))
}
