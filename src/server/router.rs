//! Building the axum router of a generated server.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::routing::any;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;

use super::failure::Failure;
use super::handle::{Route, failure_response, handle};
use super::names::Names;
use super::session::{Gate, Open, Secured};
use super::{ApiError, Authenticate, RequestContext, ServerOptions};
use crate::__private::meta::{Api, Encoding, Endpoint};

/// Collects the routes of every endpoint; generated `router` functions drive it.
pub struct RouterBuilder {
    api: &'static Api,
    options: ServerOptions,
    router: Router,
    /// One permit per request the router may work on at once, shared by every route.
    in_flight: Arc<Semaphore>,
}

impl RouterBuilder {
    /// Starts a router for `api`.
    pub fn new(api: &'static Api, options: ServerOptions) -> Self {
        let in_flight = Arc::new(Semaphore::new(
            options.max_in_flight.min(Semaphore::MAX_PERMITS),
        ));
        RouterBuilder {
            api,
            options,
            router: Router::new(),
            in_flight,
        }
    }

    /// Routes `endpoint`, open without a session, at each of its public paths (and at its real
    /// name when the options ask for it) to `handler`, the user's trait method.
    #[must_use]
    pub fn endpoint<Req, Data, F, Fut>(self, endpoint: &'static Endpoint, handler: F) -> Self
    where
        Req: DeserializeOwned + crate::validate::Validate + Send + 'static,
        Data: Serialize + Send + 'static,
        F: Fn(Req, RequestContext) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<Data, ApiError>> + Send + 'static,
    {
        self.gated(endpoint, Arc::new(Open), move |request, (), context| {
            handler(request, context)
        })
    }

    /// Routes `endpoint`, which needs a session, like [`RouterBuilder::endpoint`]: each request's
    /// credential is checked by `sessions` before its body is read, and `handler` receives the
    /// session.
    #[must_use]
    pub fn secured_endpoint<A, Req, Data, F, Fut>(
        self,
        endpoint: &'static Endpoint,
        sessions: Arc<A>,
        handler: F,
    ) -> Self
    where
        A: Authenticate,
        Req: DeserializeOwned + crate::validate::Validate + Send + 'static,
        Data: Serialize + Send + 'static,
        F: Fn(Req, A::Session, RequestContext) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<Data, ApiError>> + Send + 'static,
    {
        self.gated(endpoint, Arc::new(Secured(sessions)), handler)
    }

    fn gated<G, Req, Data, F, Fut>(
        mut self,
        endpoint: &'static Endpoint,
        gate: Arc<G>,
        handler: F,
    ) -> Self
    where
        G: Gate,
        Req: DeserializeOwned + crate::validate::Validate + Send + 'static,
        Data: Serialize + Send + 'static,
        F: Fn(Req, G::Session, RequestContext) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<Data, ApiError>> + Send + 'static,
    {
        let mut routes: Vec<(&'static str, Route)> = endpoint
            .disguises
            .iter()
            .map(|disguise| {
                let route =
                    self.route(endpoint, disguise, false, Names::of::<Req>(disguise.decoys));
                (disguise.public_path, route)
            })
            .collect();
        if self.options.route_real_names
            && let Some(first) = endpoint.disguises.first()
        {
            let names = Names::of::<Req>(first.decoys);
            routes.push((endpoint.real_name, self.route(endpoint, first, true, names)));
        }
        for (path, route) in routes {
            let route = Arc::new(route);
            let handler = handler.clone();
            let gate = Arc::clone(&gate);
            // invariant: the spec check guarantees routes that start with `/`, hold no route
            // syntax, and are unique across public paths and real names, so axum accepts them.
            self.router = self.router.route(
                path,
                any(move |request: Request| handle(route, gate, handler, request)),
            );
        }
        self
    }

    fn route(
        &self,
        endpoint: &'static Endpoint,
        disguise: &'static crate::__private::meta::Disguise,
        via_real_name: bool,
        names: Names,
    ) -> Route {
        let policy = &self.api.server;
        let body_limit = self.options.body_limit.unwrap_or(policy.body_limit);
        let upload_limit = self.options.upload_limit.unwrap_or(policy.upload_limit);
        let limit = match endpoint.encoding {
            Encoding::Multipart => upload_limit,
            Encoding::Json | Encoding::Form => body_limit,
        };
        Route {
            api: self.api,
            endpoint,
            disguise,
            via_real_name,
            body_limit,
            upload_limit,
            names,
            in_flight: Arc::clone(&self.in_flight),
            handler_timeout: self.options.handler_timeout,
            body_timeout: self.options.body_timeout_for(limit),
        }
    }

    /// The router, answering every other path with the not-found envelope.
    pub fn finish(self) -> Router {
        let api = self.api;
        self.router.fallback(move || async move {
            tracing::info!(
                code = api.server.codes.not_found,
                "no endpoint at this path"
            );
            failure_response(api, Failure::NotFound).0
        })
    }
}
