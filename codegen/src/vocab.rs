//! veil's own vocabulary: every name the generated code defines or reserves in the module that
//! invokes the macro, written once. `check` reads it to refuse spec names that would clash;
//! `emit` reads it to write those names. Neither keeps a copy.

/// The envelope type, `Envelope<T>`.
pub const ENVELOPE: &str = "Envelope";
/// The enum of the API's app builds.
pub const VARIANT: &str = "Variant";
/// The server's router function.
pub const ROUTER: &str = "router";
/// The server's table of every route.
pub const ROUTES: &str = "ROUTES";
/// The function returning each build's OpenAPI document.
pub const OPENAPI: &str = "openapi";

/// The items generated once per API, with what each is, as clash messages name them.
pub const API_ITEMS: &[(&str, &str)] = &[
    (ENVELOPE, "the API's envelope type"),
    (ROUTER, "the server's `router` function"),
    (ROUTES, "the server's `ROUTES` table"),
    (VARIANT, "the enum of the API's app builds"),
    (OPENAPI, "the `openapi` function"),
];

/// The inherent methods every generated client has; an endpoint method may not take these
/// names.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_client",
    "from_transport",
    "transport",
    "with_variant",
    "variant",
];

/// The suffix of a service's server trait: `CertifyApi`.
pub const API_TRAIT_SUFFIX: &str = "Api";
/// The suffix of a service's client: `CertifyClient`.
pub const CLIENT_SUFFIX: &str = "Client";
/// The suffix of an endpoint's request type, after the method name: `CreditInfoRequest`.
pub const REQUEST_SUFFIX: &str = "Request";

/// The prefix generated code keeps for its own names: locals (`__api`), generics (`__A`),
/// statics (`__ENDPOINT_0`), and what serde's derives generate (`__Visitor`). A type name the
/// spec gives may not start with it.
pub const RESERVED_PREFIX: &str = "__";
