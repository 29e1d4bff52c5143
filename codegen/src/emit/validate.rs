//! `validate()` for every struct and request: the spec's constraints and rules as code.
//!
//! Each constrained field gets one runtime call with a `static` table of its rules
//! (`::veil::__private::check`); nested structs and lists of structs are validated in turn,
//! their paths prefixed (`emergent.lineal_mobile`, `items[2].value`). Reasons never hold values.

use super::Emitted;
use super::code::{Code, code};
use crate::ir::{
    Api, Bug, Constraints, Field, Format, Rule, RustName, TypeKind, TypeRef, ValueKind, field,
};

/// `impl Validate` and an inherent `validate()` for a struct or request called `name`.
pub(super) fn emit(
    api: &Api,
    checked: &[bool],
    name: &RustName,
    fields: &[Field],
    rules: &[Rule],
) -> Emitted {
    let name = Code::ident(name);
    let mut checks = Vec::new();
    for field in fields {
        checks.extend(field_check(api, checked, field)?);
    }
    for rule in rules {
        checks.extend(rule_check(api, fields, rule)?);
    }
    let (violations, prefix) = if checks.is_empty() {
        (Code::name("_"), Code::name("_"))
    } else {
        (Code::name("__violations"), Code::name("__prefix"))
    };
    Ok(code! {
        #[automatically_derived]
        impl ::veil::validate::Validate for #name {
            fn validate_into(&self, #violations: &mut ::veil::validate::Violations, #prefix: &str) {
                #(#checks)*
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

/// The check of one field: its constraints, and for structs their own validation.
fn field_check(api: &Api, checked: &[bool], field: &Field) -> Result<Option<Code>, Bug> {
    let rust = Code::ident(&field.rust);
    let wire = &field.wire;
    let binding = Code::name("__value");
    let nested = has_checks(&field.ty, checked);
    let body = match &field.value {
        ValueKind::Struct | ValueKind::List(_) if !nested => return Ok(None),
        ValueKind::Struct => code! {
            ::veil::validate::Validate::validate_into(
                #binding,
                __violations,
                &::veil::__private::check::nested(__prefix, #wire),
            );
        },
        ValueKind::List(inner) if **inner == ValueKind::Struct => code! {
            for (__index, __item) in #binding.iter().enumerate() {
                ::veil::validate::Validate::validate_into(
                    __item,
                    __violations,
                    &::veil::__private::check::element(__prefix, #wire, __index),
                );
            }
        },
        kind => match constraint_check(api, kind, &binding, wire, &field.constraints)? {
            Some(check) => check,
            None => return Ok(None),
        },
    };
    Ok(Some(bind_field(field, &rust, &binding, body)))
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

/// A runtime call checking `constraints` on the value bound to `binding`; `None` when there
/// is nothing to check. Constraints on a value they cannot apply to are refused by `check`.
fn constraint_check(
    api: &Api,
    kind: &ValueKind,
    binding: &Code,
    wire: &str,
    constraints: &Constraints,
) -> Result<Option<Code>, Bug> {
    if constraints.is_empty() {
        return Ok(None);
    }
    let choice = match constraints.choice {
        Some(index) => {
            let list = api.option_list(index)?;
            let name = &list.name;
            let codes = list.options.iter().map(|(code, _)| code);
            code! {
                ::core::option::Option::Some(&::veil::__private::check::Choice {
                    name: #name,
                    codes: &[#(#codes),*],
                })
            }
        }
        None => code!(::core::option::Option::None),
    };
    Ok(Some(match kind {
        ValueKind::Text | ValueKind::LenientText => {
            let text = if *kind == ValueKind::Text {
                code!(#binding.as_str())
            } else {
                code!(#binding.0.as_str())
            };
            let length = option(constraints.length.map(bounds));
            let (pattern_static, pattern) = match &constraints.pattern {
                Some(source) => (
                    code!(static __PATTERN: ::veil::__private::check::Pattern = ::veil::__private::check::Pattern::new(#source);),
                    code!(::core::option::Option::Some(&__PATTERN)),
                ),
                None => (code!(), code!(::core::option::Option::None)),
            };
            let format = option(constraints.format.map(|format| {
                let variant = format_variant(format);
                code!(::veil::__private::check::Format::#variant)
            }));
            code! {
                #pattern_static
                static __RULES: ::veil::__private::check::TextRules = ::veil::__private::check::TextRules {
                    length: #length,
                    pattern: #pattern,
                    format: #format,
                    choice: #choice,
                };
                ::veil::__private::check::text(__violations, __prefix, #wire, #text, &__RULES);
            }
        }
        ValueKind::Integer | ValueKind::LenientInteger | ValueKind::Number => {
            let range = option(constraints.range.map(bounds));
            let (function, number) = match kind {
                ValueKind::Integer => (code!(integer), code!(*#binding)),
                ValueKind::LenientInteger => (code!(integer), code!(#binding.0)),
                _ => (code!(number), code!(*#binding)),
            };
            code! {
                static __RULES: ::veil::__private::check::NumberRules = ::veil::__private::check::NumberRules {
                    range: #range,
                    choice: #choice,
                };
                ::veil::__private::check::#function(__violations, __prefix, #wire, #number, &__RULES);
            }
        }
        other => return Err(Bug(format!("constraints on field `{wire}`, a {other:?}"))),
    }))
}

fn option(value: Option<Code>) -> Code {
    match value {
        Some(value) => {
            code!(::core::option::Option::Some(#value))
        }
        None => code!(::core::option::Option::None),
    }
}

/// `(min, max)` of a length or a range, each an `Option`.
fn bounds<T: super::code::ToCode>(bounds: crate::ir::Bounds<T>) -> Code {
    let (min, max) = (
        (option(bounds.min.map(|v| code!(#v)))),
        (option(bounds.max.map(|v| code!(#v)))),
    );
    code!((#min, #max))
}

fn format_variant(format: Format) -> Code {
    let name = match format {
        Format::Curp => "Curp",
        Format::Clabe => "Clabe",
        Format::Luhn => "Luhn",
        Format::MxMobile => "MxMobile",
        Format::Email => "Email",
        Format::Date => "Date",
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

fn rule_check(api: &Api, fields: &[Field], rule: &Rule) -> Result<Option<Code>, Bug> {
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
                    ::veil::__private::check::not_equal(__violations, __prefix, #a_wire, #b_wire);
                }
            };
            let body = bind_field(b, &Code::ident(&b.rust), &second_binding, body);
            Ok(Some(bind_field(
                a,
                &Code::ident(&a.rust),
                &first_binding,
                body,
            )))
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
            let Some(check) = constraint_check(
                api,
                &constrained.value,
                &target_binding,
                &constrained.wire,
                then,
            )?
            else {
                return Err(Bug(format!(
                    "a `when` rule on `{}` that constrains nothing",
                    constrained.wire
                )));
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
            Ok(Some(bind_field(
                tested,
                &Code::ident(&tested.rust),
                &tested_binding,
                body,
            )))
        }
    }
}
