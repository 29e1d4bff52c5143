//! `validate()` for every struct and request: the spec's constraints and rules as code.
//!
//! Each struct's constrained fields are one `static` table walked by one runtime function
//! (`::veil::__private::check`); nested structs and lists of structs are rows too, validated in
//! turn with their paths prefixed (`emergent.lineal_mobile`, `items[2].value`). Reasons never
//! hold values.

use super::Emitted;
use super::code::{Code, code};
use crate::ir::{
    Api, Bug, Constraints, Field, Format, Rule, RustName, TypeKind, TypeRef, ValueKind, field,
};

/// `impl Validate` and an inherent `validate()` for a struct or request called `name`.
///
/// The fields' constraints are one `static` table (a row per constrained or nested field: wire
/// name, accessor, rules built with `const` constructors), walked by one runtime function;
/// patterns are `static`s of their own, compiled once per process on first use. Rules across
/// fields, which are rare, stay code after the table, so violations keep their order: fields
/// in spec order, then rules.
pub(super) fn emit(
    api: &Api,
    checked: &[bool],
    name: &RustName,
    fields: &[Field],
    rules: &[Rule],
) -> Emitted {
    let name = Code::ident(name);
    let mut patterns = Patterns::default();
    let mut rows = Vec::new();
    for field in fields {
        rows.extend(field_row(api, checked, &mut patterns, field)?);
    }
    let mut checks = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        checks.push(rule_check(api, &mut patterns, fields, index, rule)?);
    }
    let body = if rows.is_empty() && checks.is_empty() {
        None
    } else {
        let table = (!rows.is_empty()).then(|| {
            code! {
                static __FIELDS: &[__c::Field<#name>] = &[#(#rows),*];
                __c::fields(self, __FIELDS, __violations, __prefix);
            }
        });
        let patterns = patterns.statics();
        Some(code! {
            use ::veil::__private::check as __c;
            #(#patterns)*
            #table
            #(#checks)*
        })
    };
    let (violations, prefix) = if body.is_none() {
        (Code::name("_"), Code::name("_"))
    } else {
        (Code::name("__violations"), Code::name("__prefix"))
    };
    Ok(code! {
        #[automatically_derived]
        impl ::veil::validate::Validate for #name {
            fn validate_into(&self, #violations: &mut ::veil::validate::Violations, #prefix: &str) {
                #body
            }
        }
        impl #name {
            /// Checks every constraint of the spec on this value: `Ok`, or every violation with
            /// the field's wire name and a reason (never the value).
            pub fn validate(&self) -> ::core::result::Result<(), ::veil::validate::Violations> {
                <Self as ::veil::validate::Validate>::validate(self)
            }
        }
    })
}

/// The distinct patterns of one struct, each a `static` (`__P0`, `__P1`, ...) in its
/// `validate_into`, so that each is compiled once per process.
#[derive(Default)]
struct Patterns(Vec<String>);

impl Patterns {
    /// The `static` holding `source`, added on first sight.
    fn static_for(&mut self, source: &str) -> Code {
        let index = match self.0.iter().position(|known| known == source) {
            Some(index) => index,
            None => {
                self.0.push(source.to_owned());
                self.0.len() - 1
            }
        };
        Code::numbered("__P", index)
    }

    fn statics(&self) -> Vec<Code> {
        self.0
            .iter()
            .enumerate()
            .map(|(index, source)| {
                let name = Code::numbered("__P", index);
                code!(static #name: __c::Pattern = __c::Pattern::new(#source);)
            })
            .collect()
    }
}

/// For each named type, whether a value of it has anything to check: a constrained field or
/// a rule, itself or in a struct it holds. Computed once per API, by iterating to a fixed point
/// rather than recursing, so that long chains of types cost no stack. Structs with nothing to
/// check are not descended into, so validating a large answer of plain data costs nothing.
pub(super) fn checked_types(api: &Api) -> Vec<bool> {
    let mut checked: Vec<bool> = api
        .types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(fields) => {
                !def.rules.is_empty() || fields.iter().any(|f| !f.constraints.is_empty())
            }
            _ => false,
        })
        .collect();
    loop {
        let mut changed = false;
        for (index, def) in api.types.iter().enumerate() {
            if checked[index] {
                continue;
            }
            if let TypeKind::Struct(fields) = &def.kind
                && fields.iter().any(|field| has_checks(&field.ty, &checked))
            {
                checked[index] = true;
                changed = true;
            }
        }
        if !changed {
            return checked;
        }
    }
}

/// True when a value of type `ty` has anything to check, given [`checked_types`].
fn has_checks(ty: &TypeRef, checked: &[bool]) -> bool {
    let mut ty = ty;
    while let TypeRef::List(inner) = ty {
        ty = inner;
    }
    match ty {
        // An index out of range never reaches here alone: the field's type is written first,
        // and `rust_type` reports it.
        TypeRef::Named(index) => checked.get(*index).copied().unwrap_or(false),
        _ => false,
    }
}

/// The table row of one field: its constraints, or its own validation for a struct or a list
/// of structs that has anything to check; `None` when there is nothing to check.
fn field_row(
    api: &Api,
    checked: &[bool],
    patterns: &mut Patterns,
    field: &Field,
) -> Result<Option<Code>, Bug> {
    let rules = match &field.value {
        ValueKind::Struct | ValueKind::List(_) if !has_checks(&field.ty, checked) => {
            return Ok(None);
        }
        // The runtime sees a struct, or a list of structs, through its accessor alone.
        ValueKind::Struct => Vec::new(),
        ValueKind::List(inner) if **inner == ValueKind::Struct => Vec::new(),
        _ if field.constraints.is_empty() => return Ok(None),
        kind => constraint_rules(api, patterns, kind, &field.wire, &field.constraints)?,
    };
    let (wire, rust) = (&field.wire, Code::ident(&field.rust));
    Ok(Some(
        code!(__c::Field(#wire, |__v| &__v.#rust, &[#(#rules),*])),
    ))
}

/// Wraps `body` so that `binding` refers to the field's value, when it is present.
fn bind_field(field: &Field, rust: &Code, binding: &Code, body: Code) -> Code {
    if field.optional {
        code! {
            if let ::core::option::Option::Some(#binding) = &self.#rust {
                #body
            }
        }
    } else {
        code! {
            {
                let #binding = &self.#rust;
                #body
            }
        }
    }
}

/// The rules of `constraints` on a value of `kind`, in the order the runtime reports them:
/// for a text length, pattern, format, option list; for a number option list, range.
/// Constraints on a value they cannot apply to are refused by `check`.
fn constraint_rules(
    api: &Api,
    patterns: &mut Patterns,
    kind: &ValueKind,
    wire: &str,
    constraints: &Constraints,
) -> Result<Vec<Code>, Bug> {
    let choice = match constraints.choice {
        Some(index) => {
            let list = api.option_list(index)?;
            let name = &list.name;
            let codes = list.options.iter().map(|(code, _)| Code::unsuffixed(*code));
            Some(code!(__c::choice(#name, &[#(#codes),*])))
        }
        None => None,
    };
    let mut rules = Vec::new();
    match kind {
        ValueKind::Text | ValueKind::LenientText => {
            if let Some(length) = constraints.length {
                rules.push(length_rule(length));
            }
            if let Some(source) = &constraints.pattern {
                let pattern = patterns.static_for(source);
                rules.push(code!(__c::pattern(&#pattern)));
            }
            if let Some(format) = constraints.format {
                let rule = format_rule(format);
                rules.push(code!(__c::#rule));
            }
            rules.extend(choice);
        }
        ValueKind::Integer | ValueKind::LenientInteger | ValueKind::Number => {
            if *kind != ValueKind::Number {
                rules.extend(choice);
            }
            if let Some(range) = constraints.range {
                rules.push(range_rule(range));
            }
        }
        other => return Err(Bug(format!("constraints on field `{wire}`, a {other:?}"))),
    }
    Ok(rules)
}

/// A length rule through the constructor of its bounds.
fn length_rule(bounds: crate::ir::Bounds<u64>) -> Code {
    let (min, max) = (
        bounds.min.map(Code::unsuffixed),
        bounds.max.map(Code::unsuffixed),
    );
    match (min, max) {
        (Some(min), Some(max)) => code!(__c::length(#min, #max)),
        (Some(min), None) => code!(__c::min_length(#min)),
        (None, Some(max)) => code!(__c::max_length(#max)),
        (None, None) => code!(__c::Rule::Length(
            ::core::option::Option::None,
            ::core::option::Option::None
        )),
    }
}

/// A range rule through the constructor of its bounds.
fn range_rule(bounds: crate::ir::Bounds<f64>) -> Code {
    let (min, max) = (bounds.min.map(Code::float), bounds.max.map(Code::float));
    match (min, max) {
        (Some(min), Some(max)) => code!(__c::range(#min, #max)),
        (Some(min), None) => code!(__c::min(#min)),
        (None, Some(max)) => code!(__c::max(#max)),
        (None, None) => code!(__c::Rule::Range(
            ::core::option::Option::None,
            ::core::option::Option::None
        )),
    }
}

/// The runtime's `const` rule of a format.
fn format_rule(format: Format) -> Code {
    let name = match format {
        Format::Curp => "CURP",
        Format::Clabe => "CLABE",
        Format::Luhn => "LUHN",
        Format::MxMobile => "MX_MOBILE",
        Format::Email => "EMAIL",
        Format::Date => "DATE",
    };
    Code::name(name)
}

/// The value bound to `binding` as text, for comparisons in rules.
fn as_text(kind: &ValueKind, binding: &Code) -> Code {
    match kind {
        ValueKind::Text | ValueKind::Enum => {
            code!(::std::borrow::Cow::<str>::Borrowed(#binding.as_str()))
        }
        ValueKind::LenientText => code!(::std::borrow::Cow::<str>::Borrowed(#binding.0.as_str())),
        ValueKind::LenientInteger => {
            code!(::std::borrow::Cow::<str>::Owned(#binding.0.to_string()))
        }
        ValueKind::Coded => code!(::std::borrow::Cow::<str>::Owned(#binding.code().to_string())),
        _ => code!(::std::borrow::Cow::<str>::Owned(#binding.to_string())),
    }
}

/// The check of a rule across fields, after the table. A `when` rule's constraints are a
/// `static` list of rules of their own (`__RULES0`, ...), numbered by the rule's `index`.
fn rule_check(
    api: &Api,
    patterns: &mut Patterns,
    fields: &[Field],
    index: usize,
    rule: &Rule,
) -> Emitted {
    match rule {
        Rule::Equal { first, second } => {
            let (a, b) = (field(fields, *first)?, field(fields, *second)?);
            let (first_binding, second_binding) = (Code::name("__first"), Code::name("__second"));
            let (first_text, second_text) = (
                (as_text(&a.value, &first_binding)),
                (as_text(&b.value, &second_binding)),
            );
            let (a_wire, b_wire) = (&a.wire, &b.wire);
            let body = code! {
                if #first_text != #second_text {
                    __c::not_equal(__violations, __prefix, #a_wire, #b_wire);
                }
            };
            let body = bind_field(b, &Code::ident(&b.rust), &second_binding, body);
            Ok(bind_field(a, &Code::ident(&a.rust), &first_binding, body))
        }
        Rule::When {
            field: tested,
            is,
            target,
            then,
        } => {
            let (tested, constrained) = (field(fields, *tested)?, field(fields, *target)?);
            let (tested_binding, target_binding) = (Code::name("__tested"), Code::name("__value"));
            let tested_text = as_text(&tested.value, &tested_binding);
            let wire = &constrained.wire;
            let rules = constraint_rules(api, patterns, &constrained.value, wire, then)?;
            if rules.is_empty() {
                return Err(Bug(format!(
                    "a `when` rule on `{wire}` that constrains nothing"
                )));
            }
            let list = Code::numbered("__RULES", index);
            let check = code! {
                static #list: &[__c::Rule] = &[#(#rules),*];
                __c::check(__violations, __prefix, #wire, #target_binding, #list);
            };
            let body = bind_field(
                constrained,
                &Code::ident(&constrained.rust),
                &target_binding,
                check,
            );
            let body = code! {
                if #tested_text == #is {
                    #body
                }
            };
            Ok(bind_field(
                tested,
                &Code::ident(&tested.rust),
                &tested_binding,
                body,
            ))
        }
    }
}
