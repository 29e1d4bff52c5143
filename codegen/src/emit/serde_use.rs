//! Which serde traits each generated type implements: only what the asked-for parts call.
//!
//! A client only serializes requests and deserializes answers; a server does the reverse. The
//! serde code of the unused direction is most of what rustc would otherwise compile for a
//! crate that generates one side (docs/benchmarks.md, section 2), so each type derives the
//! directions its uses need:
//!
//! - request structs: `Serialize` with the client part, `Deserialize` with the server part;
//! - answers (the envelope and every endpoint's response type): the reverse;
//! - a named type: the union of the directions of every request, answer or struct that holds
//!   it, followed through nested structs and lists;
//! - `models` without `server` or `client`, and any named type no endpoint reaches: both, since
//!   only the user's code can say how those are used.

use super::Part;
use super::code::{Code, code};
use crate::ir::{Api, TypeKind, TypeRef};

/// The serde traits one generated type implements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct SerdeUse {
    /// `Serialize`: the type is sent.
    pub(super) serialize: bool,
    /// `Deserialize`: the type is received.
    pub(super) deserialize: bool,
}

impl SerdeUse {
    /// Both traits.
    pub(super) const BOTH: SerdeUse = SerdeUse {
        serialize: true,
        deserialize: true,
    };

    fn union(self, other: SerdeUse) -> SerdeUse {
        SerdeUse {
            serialize: self.serialize || other.serialize,
            deserialize: self.deserialize || other.deserialize,
        }
    }

    fn is_none(self) -> bool {
        !self.serialize && !self.deserialize
    }

    /// The serde derive of these traits, with serde's crate path so that users need no
    /// direct serde dependency. Never called with neither trait: every type gets one.
    pub(super) fn derive(self) -> Code {
        let serialize = self
            .serialize
            .then(|| code!(::veil::__private::serde::Serialize,));
        let deserialize = self
            .deserialize
            .then(|| code!(::veil::__private::serde::Deserialize,));
        code! {
            #[derive(#serialize #deserialize)]
            #[serde(crate = "::veil::__private::serde")]
        }
    }
}

/// What the asked-for parts do with requests and with answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Sides {
    /// Requests: the client sends them, the server receives them.
    pub(super) request: SerdeUse,
    /// Answers: the server sends them, the client receives them.
    pub(super) response: SerdeUse,
}

impl Sides {
    /// The sides `parts` generate; both directions everywhere when neither the server nor the
    /// client is asked for.
    pub(super) fn of(parts: &[Part]) -> Sides {
        let (server, client) = (parts.contains(&Part::Server), parts.contains(&Part::Client));
        if !server && !client {
            return Sides {
                request: SerdeUse::BOTH,
                response: SerdeUse::BOTH,
            };
        }
        Sides {
            request: SerdeUse {
                serialize: client,
                deserialize: server,
            },
            response: SerdeUse {
                serialize: server,
                deserialize: client,
            },
        }
    }
}

/// The serde traits of every named type, by index in `api.types`. Computed by iterating to a
/// fixed point rather than recursing, so that long chains of nested types cost no stack.
pub(super) fn named_uses(api: &Api, sides: Sides) -> Vec<SerdeUse> {
    let mut uses = vec![SerdeUse::default(); api.types.len()];
    for endpoint in api.services.iter().flat_map(|service| &service.endpoints) {
        for field in &endpoint.request.fields {
            mark(&mut uses, &field.ty, sides.request);
        }
        if let Some(response) = &endpoint.response {
            mark(&mut uses, response, sides.response);
        }
    }
    loop {
        let mut changed = false;
        for (index, def) in api.types.iter().enumerate() {
            let TypeKind::Struct(fields) = &def.kind else {
                continue;
            };
            let held = uses[index];
            for field in fields {
                changed |= mark(&mut uses, &field.ty, held);
            }
        }
        if !changed {
            break;
        }
    }
    for used in &mut uses {
        if used.is_none() {
            *used = SerdeUse::BOTH;
        }
    }
    uses
}

/// Adds `with` to the named type `ty` refers to, if any; true when that changed anything.
/// An index out of range is left alone: `rust_type` reports it when the field is written.
fn mark(uses: &mut [SerdeUse], ty: &TypeRef, with: SerdeUse) -> bool {
    let mut ty = ty;
    while let TypeRef::List(inner) = ty {
        ty = inner;
    }
    let TypeRef::Named(index) = ty else {
        return false;
    };
    let Some(used) = uses.get_mut(*index) else {
        return false;
    };
    let joined = used.union(with);
    let changed = joined != *used;
    *used = joined;
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crapido() -> Api {
        crate::compile(include_str!("../../../spec/crapido.yaml")).expect("crapido compiles")
    }

    fn use_of(api: &Api, uses: &[SerdeUse], name: &str) -> SerdeUse {
        let index = api
            .types
            .iter()
            .position(|def| def.rust.text == name)
            .unwrap_or_else(|| panic!("crapido has no type {name}"));
        uses[index]
    }

    const SEND: SerdeUse = SerdeUse {
        serialize: true,
        deserialize: false,
    };
    const RECEIVE: SerdeUse = SerdeUse {
        serialize: false,
        deserialize: true,
    };

    #[test]
    fn each_side_derives_only_the_direction_it_calls() {
        let api = crapido();
        let client = named_uses(&api, Sides::of(&[Part::Models, Part::Client]));
        let server = named_uses(&api, Sides::of(&[Part::Models, Part::Server]));
        // FormData is an answer, held through nested structs and lists of items.
        assert_eq!(use_of(&api, &client, "FormData"), RECEIVE);
        assert_eq!(use_of(&api, &server, "FormData"), SEND);
        // ImageKind is a field of a request.
        assert_eq!(use_of(&api, &client, "ImageKind"), SEND);
        assert_eq!(use_of(&api, &server, "ImageKind"), RECEIVE);
        let both = named_uses(&api, Sides::of(&[Part::Models, Part::Server, Part::Client]));
        assert!(both.iter().all(|used| *used == SerdeUse::BOTH));
        let models = named_uses(&api, Sides::of(&[Part::Models]));
        assert!(models.iter().all(|used| *used == SerdeUse::BOTH));
    }

    /// The serde derive written before `item` in the formatted `code`.
    fn derive_of<'a>(code: &'a str, item: &str) -> &'a str {
        let at = code.find(item).unwrap_or_else(|| panic!("no {item}"));
        let derive = code[..at]
            .rfind("#[derive(::veil::__private::serde")
            .expect("a serde derive before the item");
        code[derive..].lines().next().unwrap_or_default()
    }

    #[test]
    fn a_client_crate_encodes_its_requests_and_decodes_its_answers_only() {
        let api = crapido();
        let client = crate::expand_file(&api, &[Part::Models, Part::Client]).expect("emits");
        let request = derive_of(&client, "pub struct CreditInfoRequest");
        assert!(request.contains("serde::Serialize"), "{request}");
        assert!(!request.contains("serde::Deserialize"), "{request}");
        let answer = derive_of(&client, "pub struct FormData");
        assert!(answer.contains("serde::Deserialize"), "{answer}");
        assert!(!answer.contains("serde::Serialize"), "{answer}");
        let server = crate::expand_file(&api, &[Part::Models, Part::Server]).expect("emits");
        let request = derive_of(&server, "pub struct CreditInfoRequest");
        assert!(request.contains("serde::Deserialize") && !request.contains("serde::Serialize"));
    }
}
