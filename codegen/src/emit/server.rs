//! The server part: one trait per service, and `router`, which serves an implementation of
//! every trait at the public paths through `veil`'s request pipeline.
//!
//! The generated code only describes: the endpoint tables are `static`s, and each route is a
//! closure that calls the user's method fully qualified (`<A as CertifyApi>::credit_info`), so
//! a method named `clone` or `drop` cannot be mistaken. Decoding, decoys, limits, envelopes and
//! tracing live in the runtime (`veil::server`), written and tested once.

use super::code::{Code, code};

use super::docs::{code_span, doc_attrs};
use super::{Emitted, rust_type};
use crate::ir::{
    Api, DecoyCharset, DecoyPolicy, DecoyValue, Endpoint, HttpStatusPolicy, Service, SessionHeader,
};
use crate::vocab;

pub(super) fn emit(api: &Api) -> Emitted {
    let traits = api
        .services
        .iter()
        .map(|service| service_trait(api, service))
        .collect::<Result<Vec<_>, _>>()?;
    let router = router(api)?;
    let routes = routes(api)?;
    Ok(code! {
        #(#traits)*
        #router
        #routes
    })
}

/// `ROUTES`: every public path with its real name, in spec order.
fn routes(api: &Api) -> Emitted {
    let mut rows = Vec::new();
    for service in &api.services {
        for endpoint in &service.endpoints {
            let success_code = endpoint.success_code()?;
            for disguise in &endpoint.disguises {
                let (name, method, real_name) =
                    (&service.name, &endpoint.rust.text, &endpoint.real_name);
                let (public_path, variant) = (&disguise.public_path, &disguise.variant);
                rows.push(code! {
                    ::veil::server::RouteInfo {
                        service: #name,
                        method: #method,
                        real_name: #real_name,
                        public_path: #public_path,
                        variant: #variant,
                        success_code: #success_code,
                    }
                });
            }
        }
    }
    let docs = doc_attrs([Some(
        format!(
            "Every route of the {} API: public path, real name, variant, in spec order.",
            api.name
        )
        .as_str(),
    )]);
    let routes = Code::name(vocab::ROUTES);
    Ok(code! {
        #docs
        pub static #routes: &[::veil::server::RouteInfo] = &[#(#rows),*];
    })
}

/// The trait's name for a service: `<Service>Api`.
pub(super) fn trait_name(service: &Service) -> Code {
    Code::ident(&service.api_trait)
}

/// The type of the envelope's data: the response type, or `()` for an endpoint that answers
/// none.
pub(super) fn data_type(api: &Api, endpoint: &Endpoint) -> Emitted {
    match &endpoint.response {
        Some(ty) => rust_type(api, ty),
        None => Ok(code!(())),
    }
}

fn service_trait(api: &Api, service: &Service) -> Emitted {
    let name = trait_name(service);
    let heading = format!(
        "The server side of service {}: implement it, then serve it with [`router`].",
        code_span(&service.name)
    );
    let docs = doc_attrs([service.description.as_deref(), Some(heading.as_str())]);
    let methods = service
        .endpoints
        .iter()
        .map(|endpoint| trait_method(api, endpoint))
        .collect::<Result<Vec<_>, _>>()?;
    // One `Authenticate` implementation serves every service: the session is the server's,
    // not a service's.
    let sessions = api
        .needs_sessions()
        .then(|| code!(::veil::server::Authenticate+));
    Ok(code! {
        #docs
        pub trait #name: #sessions ::core::marker::Send + ::core::marker::Sync + 'static {
            #(#methods)*
        }
    })
}

/// A trait's method for one endpoint.
fn trait_method(api: &Api, endpoint: &Endpoint) -> Emitted {
    let method = Code::ident(&endpoint.rust);
    let request = Code::ident(&endpoint.request.rust);
    let data = data_type(api, endpoint)?;
    let wire = endpoint
        .disguises
        .iter()
        .map(|d| format!("{} ({})", code_span(&d.public_path), d.variant))
        .collect::<Vec<_>>()
        .join(", ");
    let routes = format!(
        "Real name {}; served at {wire}.",
        code_span(&endpoint.real_name)
    );
    let session_doc = endpoint.needs_session.then_some(
        "Needs a session: `session` is what `Authenticate::authenticate` made of the request's credential.",
    );
    let docs = doc_attrs([
        Some(endpoint.summary.as_str()),
        endpoint.description.as_deref(),
        Some(routes.as_str()),
        session_doc,
    ]);
    let session = endpoint
        .needs_session
        .then(|| code!(session: <Self as ::veil::server::Authenticate>::Session,));
    Ok(code! {
        #docs
        fn #method(
            &self,
            request: #request,
            #session
            context: ::veil::server::RequestContext,
        ) -> impl ::core::future::Future<
            Output = ::core::result::Result<#data, ::veil::server::ApiError>,
        > + ::core::marker::Send;
    })
}

fn router(api: &Api) -> Emitted {
    let bounds: Vec<Code> = api.services.iter().map(trait_name).collect();
    let api_table = api_table(api);
    let mut tables = Vec::new();
    let mut routes = Vec::new();
    for service in &api.services {
        let service_trait = trait_name(service);
        for endpoint in &service.endpoints {
            let table_name = Code::numbered("__ENDPOINT_", tables.len());
            tables.push(endpoint_table(api, &table_name, endpoint)?);
            let method = Code::ident(&endpoint.rust);
            let request = Code::ident(&endpoint.request.rust);
            routes.push(if endpoint.needs_session {
                code! {
                    .secured_endpoint(&#table_name, ::std::sync::Arc::clone(&__api), {
                        let __api = ::std::sync::Arc::clone(&__api);
                        move |__request: #request,
                              __session: <__A as ::veil::server::Authenticate>::Session,
                              __context: ::veil::server::RequestContext| {
                            let __api = ::std::sync::Arc::clone(&__api);
                            async move {
                                <__A as #service_trait>::#method(
                                    &*__api, __request, __session, __context,
                                )
                                .await
                            }
                        }
                    })
                }
            } else {
                code! {
                    .endpoint(&#table_name, {
                        let __api = ::std::sync::Arc::clone(&__api);
                        move |__request: #request, __context: ::veil::server::RequestContext| {
                            let __api = ::std::sync::Arc::clone(&__api);
                            async move {
                                <__A as #service_trait>::#method(&*__api, __request, __context)
                                    .await
                            }
                        }
                    })
                }
            });
        }
    }
    let docs = doc_attrs([Some(
        format!(
            "An axum router serving every endpoint of the {} API at its public paths, \
             answering each with the envelope, and every other path with the not-found envelope.",
            api.name
        )
        .as_str(),
    )]);
    let router = Code::name(vocab::ROUTER);
    Ok(code! {
        #docs
        pub fn #router<__A>(
            api: __A,
            options: ::veil::server::ServerOptions,
        ) -> ::veil::__private::axum::Router
        where
            __A: #(#bounds)+*,
        {
            #api_table
            #(#tables)*
            let __api = ::std::sync::Arc::new(api);
            ::veil::__private::server::RouterBuilder::new(&__API, options)
                #(#routes)*
                .finish()
        }
    })
}

fn api_table(api: &Api) -> Code {
    let name = &api.name;
    let envelope = &api.envelope;
    let (code, message, data) = (
        &envelope.code_field,
        &envelope.message_field,
        &envelope.data_field,
    );
    let server = &api.server;
    let decoys = match server.decoys {
        DecoyPolicy::Ignore => code!(Ignore),
        DecoyPolicy::Verify => code!(Verify),
    };
    let http_status = match server.http_status {
        HttpStatusPolicy::AlwaysOk => code!(AlwaysOk),
        HttpStatusPolicy::Mapped => code!(Mapped),
    };
    // Limits beyond the address space cannot be reached anyway: saturate.
    let body_limit = usize::try_from(server.body_limit).unwrap_or(usize::MAX);
    let upload_limit = usize::try_from(server.upload_limit).unwrap_or(usize::MAX);
    let success_message = &server.success_message;
    let codes = &server.codes;
    let (bad_request, not_found, unsupported, too_large, internal, busy, unauthorized) = (
        &codes.bad_request,
        &codes.not_found,
        &codes.unsupported_media_type,
        &codes.payload_too_large,
        &codes.internal,
        &codes.busy,
        &codes.unauthorized,
    );
    code! {
        static __API: ::veil::__private::meta::Api = ::veil::__private::meta::Api {
            name: #name,
            envelope: ::veil::__private::meta::EnvelopeNames {
                code: #code,
                message: #message,
                data: #data,
            },
            server: ::veil::__private::meta::ServerPolicy {
                decoys: ::veil::__private::meta::DecoyPolicy::#decoys,
                http_status: ::veil::__private::meta::HttpStatusPolicy::#http_status,
                body_limit: #body_limit,
                upload_limit: #upload_limit,
                success_message: #success_message,
                codes: ::veil::__private::meta::ErrorCodes {
                    bad_request: #bad_request,
                    not_found: #not_found,
                    unsupported_media_type: #unsupported,
                    payload_too_large: #too_large,
                    internal: #internal,
                    busy: #busy,
                    unauthorized: #unauthorized,
                },
            },
        };
    }
}

fn endpoint_table(api: &Api, name: &Code, endpoint: &Endpoint) -> Emitted {
    let real_name = &endpoint.real_name;
    let encoding = super::encoding_variant(endpoint.encoding);
    let success_code = endpoint.success_code()?;
    let has_data = endpoint.response.is_some();
    let mut disguises = Vec::new();
    for (variant, disguise) in api.builds(endpoint)? {
        let variant_name = &disguise.variant;
        let public_path = &disguise.public_path;
        let decoys = decoy_table(&disguise.decoys);
        let session = session_table(api.session_of(variant, endpoint)?);
        disguises.push(code! {
            ::veil::__private::meta::Disguise {
                variant: #variant_name,
                public_path: #public_path,
                decoys: #decoys,
                session: #session,
            }
        });
    }
    Ok(code! {
        static #name: ::veil::__private::meta::Endpoint = ::veil::__private::meta::Endpoint {
            real_name: #real_name,
            encoding: #encoding,
            success_code: #success_code,
            has_data: #has_data,
            disguises: &[#(#disguises),*],
        };
    })
}

/// How a request proves its session, as a runtime table entry; shared with the client.
pub(super) fn session_table(session: Option<&SessionHeader>) -> Code {
    let Some(session) = session else {
        return code!(::core::option::Option::None);
    };
    let header = &session.header;
    match &session.scheme {
        Some(scheme) => code!(::veil::__private::meta::session_with_scheme(#header, #scheme)),
        None => code!(::veil::__private::meta::session(#header)),
    }
}

/// A disguise's decoys as a runtime table, `&[Decoy::fixed(..), ..]`, one `const`
/// constructor per decoy; shared with the client.
pub(super) fn decoy_table(decoys: &[crate::ir::Decoy]) -> Code {
    let entries = decoys
        .iter()
        .map(|decoy| decoy_entry(&decoy.wire, &decoy.value));
    code!(&[#(#entries),*])
}

/// One decoy as a runtime table entry.
fn decoy_entry(wire: &str, value: &DecoyValue) -> Code {
    match value {
        DecoyValue::Fixed(text) => code!(::veil::__private::meta::Decoy::fixed(#wire, #text)),
        DecoyValue::Generated { charset, length } => {
            let charset = match charset {
                DecoyCharset::Digits => code!(Digits),
                DecoyCharset::Hex => code!(Hex),
                DecoyCharset::Alphanumeric => code!(Alphanumeric),
            };
            let length = usize::try_from(*length).unwrap_or(usize::MAX);
            code! {
                ::veil::__private::meta::Decoy::generated(
                    #wire,
                    ::veil::__private::meta::Charset::#charset,
                    #length,
                )
            }
        }
    }
}
