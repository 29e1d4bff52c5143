//! The session every test of spec/crapido.yaml logs in with: one token, accepted by every test
//! server and sent by every test client.
//!
//! Shared by tests/common (the server tests) and tests/client_support (the client tests), and
//! by the few test files that use neither (`#[path = "common/session.rs"] mod session;`).
//! crapido's base build sends the token alone in a `token` header; the `lanaya` build sends it
//! as `Authorization: Bearer <token>`.
#![allow(dead_code)] // each test binary uses its own share of the helpers

use veil::Credential;
use veil::server::RequestContext;

/// The token the test servers accept: the only one.
pub const TEST_TOKEN: &str = "veil-test-session-4b1f0c8e";
/// A well-formed token the test servers refuse.
pub const WRONG_TOKEN: &str = "veil-test-session-00000000";

/// The header crapido's base build sends the token in.
pub const TOKEN_HEADER: &str = "token";
/// The header, and the scheme before the token, of the `lanaya` build.
pub const BEARER_HEADER: &str = "authorization";
pub const BEARER_SCHEME: &str = "Bearer";

/// [`TEST_TOKEN`] as a credential, for a client's transport.
pub fn test_credential() -> Credential {
    Credential::new(TEST_TOKEN)
}

/// What a test server makes of [`TEST_TOKEN`]: the build the request came in through, so that
/// a method can check the session it receives is the one made of its own request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TestSession {
    pub variant: &'static str,
}

/// The test servers' check: exactly [`TEST_TOKEN`] is a session, every other credential is
/// refused.
pub fn test_session(credential: &Credential, context: &RequestContext) -> Option<TestSession> {
    (credential.expose() == TEST_TOKEN).then(|| TestSession {
        variant: context.variant(),
    })
}

/// The header and value that carry [`TEST_TOKEN`] to a public path of `variant`.
pub fn session_header_of(variant: &str) -> (&'static str, String) {
    match variant {
        "lanaya" => (BEARER_HEADER, format!("{BEARER_SCHEME} {TEST_TOKEN}")),
        _ => (TOKEN_HEADER, TEST_TOKEN.to_owned()),
    }
}

/// Implements `veil::server::Authenticate` for a test backend with [`test_session`]:
/// `type Session = TestSession`, accepting exactly [`TEST_TOKEN`]. `TestSession` and
/// `test_session` must be in scope where it is used (`use common::*`, `use session::*`).
#[allow(unused_macros)] // not every test binary implements a backend of its own
macro_rules! accept_test_token {
    ($backend:ty) => {
        impl ::veil::server::Authenticate for $backend {
            type Session = TestSession;

            async fn authenticate(
                &self,
                credential: ::veil::Credential,
                context: &::veil::server::RequestContext,
            ) -> ::core::result::Result<
                ::core::option::Option<TestSession>,
                ::veil::server::ApiError,
            > {
                ::core::result::Result::Ok(test_session(&credential, context))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use accept_test_token;
