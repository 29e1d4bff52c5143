//! Models: the envelope, the named types and one request struct per endpoint.
//!
//! - Structs read and write their fields under their exact wire names; optional fields are
//!   `Option`s that are left out when `None`, so a decoded message re-encodes unchanged.
//! - Enums read every spelling (value and aliases) and write the canonical value.
//! - Coded choices and lenient scalars read a number or a numeric string, and write the form
//!   the spec chose.
//! - `Debug` is written out, not derived, so that sensitive fields print a redaction.

use super::code::{Code, code};

use super::docs::{code_span, doc_attrs};
use super::serde_use::{self, SerdeUse, Sides};
use super::{Emitted, Part, rust_type};
use crate::ir::{
    Api, CodedVariant, Endpoint, EnumVariant, Field, RustName, ScalarForm, Service, TypeDef,
    TypeKind,
};
use crate::vocab;

/// The derives of the field-less enums veil generates (string enums, coded choices, variants).
fn copy_derives() -> Code {
    code! {
        #[derive(
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash
        )]
    }
}

/// Expands the models, each type deriving the serde traits the asked-for `parts` call
/// (`serde_use.rs`).
pub(super) fn emit(api: &Api, parts: &[Part]) -> Emitted {
    let sides = Sides::of(parts);
    let envelope = envelope(api, sides.response);
    let variants = variants(api)?;
    let checked = super::validate::checked_types(api);
    let checked = checked.as_slice();
    let uses = serde_use::named_uses(api, sides);
    let types = api
        .types
        .iter()
        .zip(&uses)
        .map(|(def, used)| named_type(api, checked, *used, def))
        .collect::<Result<Vec<_>, _>>()?;
    let requests = api
        .services
        .iter()
        .flat_map(|service| {
            service
                .endpoints
                .iter()
                .map(move |endpoint| request(api, checked, sides.request, service, endpoint))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(code! {
        #envelope
        #variants
        #(#types)*
        #(#requests)*
    })
}

/// The request struct of an endpoint, documented with its base build's disguise.
fn request(
    api: &Api,
    checked: &[bool],
    serde: SerdeUse,
    service: &Service,
    endpoint: &Endpoint,
) -> Emitted {
    let disguise = endpoint.base_disguise()?;
    let mut wire = vec![format!(
        "Public path: {}.",
        code_span(&disguise.public_path)
    )];
    if !disguise.decoys.is_empty() {
        let names: Vec<String> = disguise.decoys.iter().map(|d| code_span(&d.wire)).collect();
        wire.push(format!(
            "Decoys, added on the wire by veil: {}.",
            names.join(", ")
        ));
    }
    let heading = format!(
        "Request of {} ({}): {}",
        code_span(&endpoint.real_name),
        service.name,
        endpoint.summary
    );
    let title = endpoint
        .title
        .as_ref()
        .map(|t| format!("Original title: {t}"));
    let wire = wire.join("\n");
    let docs = doc_attrs([
        Some(heading.as_str()),
        title.as_deref(),
        endpoint.description.as_deref(),
        Some(wire.as_str()),
    ]);
    let request = &endpoint.request;
    let mut item = struct_item(api, &request.rust, docs, serde, &request.fields)?;
    item.push_code(&super::validate::emit(
        api,
        checked,
        &request.rust,
        &request.fields,
        &request.rules,
    )?);
    Ok(item)
}

/// `Variant`: the app builds, each a complete disguise of the API.
fn variants(api: &Api) -> Emitted {
    let copy_derives = copy_derives();
    let docs = doc_attrs([Some(
        format!(
            "The app builds of the {} API, each with its own public paths and decoys. A server \
             serves them all; a client speaks one.",
            api.name
        )
        .as_str(),
    )]);
    let members = api.variants.iter().map(|variant| {
        let rust = Code::ident(&variant.rust);
        let heading = format!("The {} build.", code_span(&variant.name));
        let docs = doc_attrs([Some(heading.as_str()), variant.description.as_deref()]);
        code!(#docs #rust,)
    });
    let variant_enum = Code::name(vocab::VARIANT);
    let all = api.variants.iter().map(|variant| {
        let rust = Code::ident(&variant.rust);
        code!(#variant_enum::#rust)
    });
    let names = api.variants.iter().map(|variant| {
        let rust = Code::ident(&variant.rust);
        let name = &variant.name;
        code!(Self::#rust => #name,)
    });
    let base = api
        .variants
        .first()
        .map(|variant| Code::ident(&variant.rust));
    Ok(code! {
        #docs
        #copy_derives
        pub enum #variant_enum {
            #(#members)*
        }
        impl #variant_enum {
            /// The build the spec's endpoints describe.
            pub const BASE: #variant_enum = #variant_enum::#base;

            /// Every build, in spec order.
            pub const ALL: &'static [#variant_enum] = &[#(#all),*];

            /// The build's name in the spec.
            pub const fn name(self) -> &'static str {
                match self {
                    #(#names)*
                }
            }
        }
    })
}

/// `Envelope<T>`: `{code, message, data}` under the spec's field names.
fn envelope(api: &Api, serde: SerdeUse) -> Code {
    let envelope = &api.envelope;
    let (code_field, message_field, data_field) = (
        &envelope.code_field,
        &envelope.message_field,
        &envelope.data_field,
    );
    let serde = serde.derive();
    let envelope_type = Code::name(vocab::ENVELOPE);
    let docs = doc_attrs([Some(
        format!(
            "The envelope of every answer of the {} API: {}, {} and {}.",
            api.name,
            code_span(code_field),
            code_span(message_field),
            code_span(data_field)
        )
        .as_str(),
    )]);
    code! {
        #docs
        #serde
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::fmt::Debug)]
        pub struct #envelope_type<T> {
            /// The result code; each endpoint lists the codes that mean success.
            #[serde(rename = #code_field)]
            pub code: ::std::string::String,
            /// A human-readable message.
            #[serde(rename = #message_field, default)]
            pub message: ::std::string::String,
            /// The payload, absent when the endpoint answers none or on failure.
            // No `default` here: serde reads a missing `Option` as `None` without it, and
            // with it would require `T: Default`.
            #[serde(
                rename = #data_field,
                skip_serializing_if = "::core::option::Option::is_none"
            )]
            pub data: ::core::option::Option<T>,
        }
    }
}

fn named_type(api: &Api, checked: &[bool], serde: SerdeUse, def: &TypeDef) -> Emitted {
    let docs = doc_attrs([
        def.description.as_deref(),
        Some(format!("Spec type {}.", code_span(&def.spec_name)).as_str()),
    ]);
    Ok(match &def.kind {
        TypeKind::Struct(fields) => {
            let mut item = struct_item(api, &def.rust, docs, serde, fields)?;
            item.push_code(&super::validate::emit(
                api, checked, &def.rust, fields, &def.rules,
            )?);
            item
        }
        TypeKind::Enum(variants) => enum_item(def, docs, serde, variants),
        TypeKind::Coded { variants, write } => coded_item(def, docs, serde, variants, *write),
        TypeKind::Lenient(form) => lenient_item(def, docs, serde, *form),
    })
}

fn struct_item(
    api: &Api,
    name: &RustName,
    docs: Code,
    serde: SerdeUse,
    fields: &[Field],
) -> Emitted {
    let name = Code::ident(name);
    let members = fields
        .iter()
        .map(|field| member(api, serde, field))
        .collect::<Result<Vec<_>, _>>()?;
    let serde = serde.derive();
    // A struct without sensitive fields derives `Debug`, which prints what the impl below
    // would; only a struct that holds personal data needs its own impl.
    if !fields.iter().any(|field| field.sensitive) {
        return Ok(code! {
            #docs
            #serde
            #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::fmt::Debug)]
            pub struct #name {
                #(#members)*
            }
        });
    }
    let debug_fields = fields.iter().map(|field| {
        let rust = Code::ident(&field.rust);
        let label = field.rust.text.as_str();
        if !field.sensitive {
            code!(.field(#label, &self.#rust))
        } else if field.optional {
            code!(.field(#label, &self.#rust.as_ref().map(|_| ::veil::__private::Redacted)))
        } else {
            code!(.field(#label, &::veil::__private::Redacted))
        }
    });
    let label = name.as_str().trim_start_matches("r#");
    Ok(code! {
        #docs
        #serde
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq)]
        pub struct #name {
            #(#members)*
        }

        #[automatically_derived]
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __formatter.debug_struct(#label)
                    #(#debug_fields)*
                    .finish()
            }
        }
    })
}

/// One field of a struct: its docs, its serde attributes, its type. The attributes are
/// only those the derived traits read: a `rename` where the wire name is not the Rust name,
/// and for an optional field `default` (read) and `skip_serializing_if` (written).
fn member(api: &Api, serde: SerdeUse, field: &Field) -> Emitted {
    let rust = Code::ident(&field.rust);
    let wire = &field.wire;
    let mut ty = rust_type(api, &field.ty)?;
    let mut attrs = Vec::new();
    // serde reads a raw identifier's name without its `r#`, as `field.rust.text` holds it.
    if *wire != field.rust.text {
        attrs.push(code!(rename = #wire));
    }
    if field.optional {
        ty = code!(::core::option::Option<#ty>);
        if serde.deserialize {
            attrs.push(code!(default));
        }
        if serde.serialize {
            attrs.push(code!(
                skip_serializing_if = "::core::option::Option::is_none"
            ));
        }
    }
    let attrs = (!attrs.is_empty()).then(|| code!(#[serde(#(#attrs),*)]));
    let sensitive = field
        .sensitive
        .then_some("Sensitive: redacted in `Debug` output, never logged.");
    // The wire name is worth a line only where the field's name does not say it.
    let renamed = *wire != field.rust.text;
    let wire_doc = renamed.then(|| format!("Wire name {}.", code_span(wire)));
    let docs = doc_attrs([field.description.as_deref(), wire_doc.as_deref(), sensitive]);
    Ok(code! {
        #docs
        #attrs
        pub #rust: #ty,
    })
}

fn enum_item(def: &TypeDef, docs: Code, serde: SerdeUse, variants: &[EnumVariant]) -> Code {
    let copy_derives = copy_derives();
    let name = Code::ident(&def.rust);
    let read = serde.deserialize;
    let serde = serde.derive();
    let members = variants.iter().map(|variant| {
        let rust = Code::ident(&variant.rust);
        let value = &variant.value;
        // Aliases are only read; a value spelled as the variant needs no rename.
        let mut attrs = Vec::new();
        if *value != variant.rust.text {
            attrs.push(code!(rename = #value));
        }
        if read {
            attrs.extend(variant.aliases.iter().map(|alias| code!(alias = #alias)));
        }
        let attrs = (!attrs.is_empty()).then(|| code!(#[serde(#(#attrs),*)]));
        let spelled = &variant.aliases;
        let mut spellings = vec![code_span(value)];
        spellings.extend(spelled.iter().map(|a| code_span(a)));
        let wire_doc = format!(
            "Written {}; read from {}.",
            code_span(value),
            spellings.join(", ")
        );
        let docs = doc_attrs([variant.description.as_deref(), Some(wire_doc.as_str())]);
        code! {
            #docs
            #attrs
            #rust,
        }
    });
    let arms = variants.iter().map(|variant| {
        let rust = Code::ident(&variant.rust);
        let value = &variant.value;
        code!(Self::#rust => #value,)
    });
    code! {
        #docs
        #serde
        #copy_derives
        pub enum #name {
            #(#members)*
        }
        impl #name {
            /// The canonical wire value.
            pub const fn as_str(&self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn coded_item(
    def: &TypeDef,
    docs: Code,
    serde: SerdeUse,
    variants: &[CodedVariant],
    write: ScalarForm,
) -> Code {
    let copy_derives = copy_derives();
    let name = Code::ident(&def.rust);
    let type_label = def.spec_name.as_str();
    let members = variants.iter().map(|variant| {
        let rust = Code::ident(&variant.rust);
        let code_doc = format!("Code {}.", variant.code);
        let docs = doc_attrs([variant.description.as_deref(), Some(code_doc.as_str())]);
        code! {
            #docs
            #rust,
        }
    });
    let to_code = variants.iter().map(|variant| {
        let rust = Code::ident(&variant.rust);
        let code = variant.code;
        code!(Self::#rust => #code,)
    });
    let from_code = variants.iter().map(|variant| {
        let rust = Code::ident(&variant.rust);
        let code = variant.code;
        code!(#code => ::core::option::Option::Some(Self::#rust),)
    });
    let form = scalar_form(write);
    let serde_impls = serde_impls(
        &name,
        serde,
        code!(::veil::__private::lenient::serialize_integer(self.code(), #form, __serializer)),
        code! {
            let __code = ::veil::__private::lenient::deserialize_integer(__deserializer)?;
            Self::from_code(__code).ok_or_else(|| {
                ::veil::__private::lenient::unknown_code::<__D::Error>(#type_label, __code)
            })
        },
    );
    code! {
        #docs
        #copy_derives
        pub enum #name {
            #(#members)*
        }
        impl #name {
            /// The integer this choice is coded as.
            pub const fn code(&self) -> i64 {
                match self {
                    #(#to_code)*
                }
            }

            /// The choice coded as `code`, if there is one.
            pub const fn from_code(code: i64) -> ::core::option::Option<Self> {
                match code {
                    #(#from_code)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        #serde_impls
    }
}

fn lenient_item(def: &TypeDef, docs: Code, serde: SerdeUse, form: ScalarForm) -> Code {
    let name = Code::ident(&def.rust);
    let (inner, read, write, derives) = match form {
        ScalarForm::Integer => (
            code!(i64),
            code!(::veil::__private::lenient::deserialize_integer(__deserializer).map(Self)),
            code!(::veil::__private::serde::Serializer::serialize_i64(
                __serializer,
                self.0
            )),
            code!(
                ::core::marker::Copy,
                ::core::cmp::PartialOrd,
                ::core::cmp::Ord,
            ),
        ),
        ScalarForm::String => (
            code!(::std::string::String),
            code!(::veil::__private::lenient::deserialize_string(__deserializer).map(Self)),
            code!(::veil::__private::serde::Serializer::serialize_str(
                __serializer,
                &self.0
            )),
            code!(),
        ),
    };
    let form_doc = match form {
        ScalarForm::Integer => "Read from a number or a numeric string; written as a number.",
        ScalarForm::String => "Read from a string or a number; written as a string.",
    };
    let serde_impls = serde_impls(&name, serde, write, read);
    code! {
        #docs
        #[doc = ""]
        #[doc = #form_doc]
        #[derive(
            ::core::clone::Clone,
            #derives
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash
        )]
        pub struct #name(pub #inner);

        #serde_impls

        // What a constraint on a field of this type checks: the scalar inside.
        #[automatically_derived]
        impl ::veil::__private::check::Checked for #name {
            fn checked(&self) -> ::veil::__private::check::Value<'_> {
                ::veil::__private::check::Checked::checked(&self.0)
            }
        }
    }
}

/// The serde impls a hand-coded type needs in this expansion (see `serde_use`): `Serialize`
/// with `serialize` as its body (over `self` and `__serializer`), `Deserialize` with
/// `deserialize` (over `__deserializer`).
fn serde_impls(name: &Code, serde: SerdeUse, serialize: Code, deserialize: Code) -> Code {
    let serialize = serde.serialize.then(|| {
        code! {
            #[automatically_derived]
            impl ::veil::__private::serde::Serialize for #name {
                fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: ::veil::__private::serde::Serializer,
                {
                    #serialize
                }
            }
        }
    });
    let deserialize = serde.deserialize.then(|| {
        code! {
            #[automatically_derived]
            impl<'de> ::veil::__private::serde::Deserialize<'de> for #name {
                fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: ::veil::__private::serde::Deserializer<'de>,
                {
                    #deserialize
                }
            }
        }
    });
    code! {
        #serialize
        #deserialize
    }
}

fn scalar_form(form: ScalarForm) -> Code {
    match form {
        ScalarForm::Integer => code!(::veil::__private::lenient::WriteAs::Integer),
        ScalarForm::String => code!(::veil::__private::lenient::WriteAs::String),
    }
}
