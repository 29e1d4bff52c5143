//! The client part: one client type per service, one async method per endpoint.
//!
//! Each method sends to the endpoint's public path through `veil::client::Transport`, which
//! encodes the request with the decoys and reads the envelope. The generated tables hold public
//! paths, never real names: a client binary must not carry the backend's routes.

use super::code::{Code, code};

use super::Emitted;
use super::docs::{code_span, doc_attrs};
use super::server::decoy_table;
use crate::ir::{Api, Endpoint, Service};
use crate::vocab;

pub(super) fn emit(api: &Api) -> Emitted {
    let clients = api
        .services
        .iter()
        .map(|service| client(api, service))
        .collect::<Result<Vec<_>, _>>()?;
    let envelope = &api.envelope;
    let (code_field, message_field, data_field) = (
        &envelope.code_field,
        &envelope.message_field,
        &envelope.data_field,
    );
    let names = Code::name(ENVELOPE_NAMES);
    // One table of the envelope's names per API, which every endpoint's table refers to.
    Ok(code! {
        static #names: ::veil::__private::meta::EnvelopeNames = ::veil::__private::meta::EnvelopeNames {
            code: #code_field,
            message: #message_field,
            data: #data_field,
        };
        #(#clients)*
    })
}

/// The `static` of the envelope's names that the client tables share; `__`-prefixed, so no
/// name of the spec can take it (`vocab::RESERVED_PREFIX`).
const ENVELOPE_NAMES: &str = "__CLIENT_ENVELOPE";

fn client(api: &Api, service: &Service) -> Emitted {
    let name = Code::ident(&service.client);
    let heading = format!(
        "The client of service {}: one method per endpoint, each sent to its public path with its decoys.",
        code_span(&service.name)
    );
    let docs = doc_attrs([service.description.as_deref(), Some(heading.as_str())]);
    let methods = service
        .endpoints
        .iter()
        .map(|endpoint| method(api, endpoint))
        .collect::<Result<Vec<_>, _>>()?;
    let variant_enum = Code::name(vocab::VARIANT);
    Ok(code! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug)]
        pub struct #name {
            transport: ::veil::client::Transport,
            variant: #variant_enum,
        }
        impl #name {
            /// A client to `base_url` (such as `http://127.0.0.1:8080`), with a new HTTP client.
            pub fn new(base_url: &str) -> ::core::result::Result<Self, ::veil::client::ClientError> {
                ::veil::client::Transport::new(base_url).map(Self::from_transport)
            }

            /// A client to `base_url` over an existing reqwest client.
            pub fn with_client(
                client: ::veil::__private::reqwest::Client,
                base_url: &str,
            ) -> ::core::result::Result<Self, ::veil::client::ClientError> {
                ::veil::client::Transport::with_client(client, base_url).map(Self::from_transport)
            }

            /// A client over a configured transport: timeouts and default headers, set once
            /// with `veil::client::Transport::builder`.
            pub fn from_transport(transport: ::veil::client::Transport) -> Self {
                Self { transport, variant: #variant_enum::BASE }
            }

            /// The same client, speaking another app build's disguise (the base build's
            /// unless set).
            #[must_use]
            pub fn with_variant(mut self, variant: #variant_enum) -> Self {
                self.variant = variant;
                self
            }

            /// The app build whose disguise this client speaks.
            pub fn variant(&self) -> #variant_enum {
                self.variant
            }

            /// The transport this client sends through.
            pub fn transport(&self) -> &::veil::client::Transport {
                &self.transport
            }

            #(#methods)*
        }
    })
}

fn method(api: &Api, endpoint: &Endpoint) -> Emitted {
    let name = Code::ident(&endpoint.rust);
    let request = Code::ident(&endpoint.request.rust);
    let names = Code::name(ENVELOPE_NAMES);
    let encoding = super::encoding_variant(endpoint.encoding);
    let success = &endpoint.success;
    // One table per variant, chosen by the client's variant with a `match`: no index to get
    // wrong, and each table holds only that build's public path and decoys.
    let variant_enum = Code::name(vocab::VARIANT);
    let mut arms = Vec::new();
    let mut tables = Vec::new();
    for (variant, disguise) in api.builds(endpoint)? {
        let session = super::server::session_table(api.session_of(variant, endpoint)?);
        let variant = Code::ident(&variant.rust);
        let public_path = &disguise.public_path;
        let decoys = decoy_table(&disguise.decoys);
        let table = code! {
            static __ENDPOINT: ::veil::__private::meta::ClientEndpoint =
                ::veil::__private::meta::ClientEndpoint {
                    envelope: &#names,
                    public_path: #public_path,
                    encoding: #encoding,
                    success_codes: &[#(#success),*],
                    decoys: #decoys,
                    session: #session,
                };
        };
        arms.push(code! {
            #variant_enum::#variant => {
                #table
                &__ENDPOINT
            }
        });
        tables.push(table);
    }
    // A crate of one build (`variant = "name"`) has one table: the client's variant can only
    // be that build, so there is nothing to choose.
    let choose = match <[Code; 1]>::try_from(tables) {
        Ok([table]) => code! {
            #table
            let __endpoint: &'static ::veil::__private::meta::ClientEndpoint = &__ENDPOINT;
        },
        Err(_) => code! {
            let __endpoint: &'static ::veil::__private::meta::ClientEndpoint = match self.variant {
                #(#arms)*
            };
        },
    };
    let paths = endpoint
        .disguises
        .iter()
        .map(|d| format!("{} ({})", code_span(&d.public_path), d.variant))
        .collect::<Vec<_>>()
        .join(", ");
    let sent = format!("Sent to {paths}, by the client's variant.");
    let docs = doc_attrs([
        Some(endpoint.summary.as_str()),
        endpoint.description.as_deref(),
        Some(sent.as_str()),
    ]);
    let data = super::server::data_type(api, endpoint)?;
    let call = match &endpoint.response {
        Some(_) => code!(call),
        None => code!(call_without_data),
    };
    Ok(code! {
        #docs
        pub async fn #name(
            &self,
            request: &#request,
        ) -> ::core::result::Result<#data, ::veil::client::ClientError> {
            #choose
            self.transport.#call(__endpoint, request).await
        }
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::vocab;

    /// The methods `check` keeps endpoints from taking are exactly the ones every client has.
    #[test]
    fn the_vocabulary_names_every_own_method_of_a_client() {
        let api = crate::compile(include_str!("../../../spec/crapido.yaml")).expect("crapido");
        let file = syn::parse_file(super::emit(&api).expect("emits").as_str())
            .expect("the client part parses");
        let endpoints: BTreeSet<String> = api
            .services
            .iter()
            .flat_map(|s| &s.endpoints)
            .map(|e| e.rust.text.clone())
            .collect();
        let mut clients = 0;
        for item in &file.items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            clients += 1;
            let own: BTreeSet<String> = block
                .items
                .iter()
                .filter_map(|item| match item {
                    syn::ImplItem::Fn(method) => Some(method.sig.ident.to_string()),
                    _ => None,
                })
                .filter(|name| !endpoints.contains(name))
                .collect();
            let expected: BTreeSet<String> = vocab::CLIENT_METHODS
                .iter()
                .map(|m| m.to_string())
                .collect();
            assert_eq!(own, expected);
        }
        assert_eq!(clients, api.services.len());
    }
}
