//! Sessions: the credential a request carries, and what user code says it means.
//!
//! For an endpoint that needs a session, the router reads the credential from the header the
//! request's build uses and asks [`Authenticate`] what it means before the body is read; a
//! missing, malformed or refused credential is answered with the spec's `unauthorized`
//! envelope, and the endpoint's method is never reached. The header is taken out of the
//! request's headers, so the method sees the typed session, never the secret.

use std::future::Future;
use std::sync::Arc;

use axum::http::HeaderMap;

use super::failure::Failure;
use super::{ApiError, RequestContext};
use crate::__private::meta::SessionHeader;
use crate::Credential;

/// What a credential means: implemented once per server, for every endpoint that needs a
/// session. Generated service traits name it as their supertrait when the spec declares
/// `session:`, and their methods receive the [`Authenticate::Session`] this returns.
pub trait Authenticate: Send + Sync + 'static {
    /// Who is calling, as the endpoint methods receive it (a user id, an applicant).
    type Session: Send + 'static;

    /// The session `credential` stands for: `Ok(None)` refuses it (the router answers the
    /// spec's `unauthorized` envelope, the same for every refusal); `Err` answers that error
    /// as is (a store that cannot be reached, say). The context tells which build and endpoint
    /// the request came in through; its headers no longer hold the credential.
    fn authenticate(
        &self,
        credential: Credential,
        context: &RequestContext,
    ) -> impl Future<Output = Result<Option<Self::Session>, ApiError>> + Send;
}

/// What stands before an endpoint's method: nothing, or a session check.
pub(crate) trait Gate: Send + Sync + 'static {
    /// What the method receives: `()` for an open endpoint.
    type Session: Send + 'static;

    /// Admits a request, taking its credential out of `context`'s headers.
    fn admit(
        &self,
        header: Option<SessionHeader>,
        context: &mut RequestContext,
    ) -> impl Future<Output = Result<Self::Session, Failure>> + Send;
}

/// The gate of an endpoint open without a session.
pub(crate) struct Open;

impl Gate for Open {
    type Session = ();

    async fn admit(
        &self,
        _header: Option<SessionHeader>,
        _context: &mut RequestContext,
    ) -> Result<(), Failure> {
        Ok(())
    }
}

/// The gate of an endpoint that needs a session, asking `A` what credentials mean.
pub(crate) struct Secured<A>(pub(crate) Arc<A>);

impl<A: Authenticate> Gate for Secured<A> {
    type Session = A::Session;

    async fn admit(
        &self,
        header: Option<SessionHeader>,
        context: &mut RequestContext,
    ) -> Result<A::Session, Failure> {
        // The table of a secured endpoint always names its header; none would be a bug in
        // veil, and refusing is the safe answer to it.
        let header = header.ok_or(Failure::Unauthorized)?;
        let credential =
            take_credential(&mut context.headers, header).ok_or(Failure::Unauthorized)?;
        match self.0.authenticate(credential, context).await {
            Ok(Some(session)) => Ok(session),
            Ok(None) => Err(Failure::Unauthorized),
            Err(error) => Err(Failure::Api(error)),
        }
    }
}

/// Takes the credential out of `headers`: the one value of the session header, after its
/// scheme when the build writes one. Every other shape (no header, two of them, a value that
/// is not visible ASCII, a wrong scheme, an empty or spaced credential) is `None`.
pub(crate) fn take_credential(
    headers: &mut HeaderMap,
    header: SessionHeader,
) -> Option<Credential> {
    let values = headers.get_all(header.header).iter().count();
    // Removed whatever it holds: a refused secret must not linger in the context either.
    let value = headers.remove(header.header)?;
    if values != 1 {
        return None;
    }
    parse_value(value.to_str().ok()?, header.scheme).map(Credential::new)
}

/// The credential in a header value: `<scheme> <credential>` (the scheme in any case) or the
/// credential alone.
fn parse_value(value: &str, scheme: Option<&str>) -> Option<String> {
    let value = value.trim();
    let credential = match scheme {
        Some(scheme) => {
            let (given, rest) = value.split_once(' ')?;
            if !given.eq_ignore_ascii_case(scheme) {
                return None;
            }
            rest.trim_start()
        }
        None => value,
    };
    let well_formed = !credential.is_empty() && !credential.contains(char::is_whitespace);
    well_formed.then(|| credential.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const TOKEN: SessionHeader = SessionHeader {
        header: "token",
        scheme: None,
    };
    const BEARER: SessionHeader = SessionHeader {
        header: "Authorization",
        scheme: Some("Bearer"),
    };

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).expect("a test header"));
        }
        map
    }

    fn taken(pairs: &[(&'static str, &str)], header: SessionHeader) -> Option<String> {
        take_credential(&mut headers(pairs), header).map(|c| c.expose().to_owned())
    }

    #[test]
    fn a_credential_is_read_alone_or_after_its_scheme() {
        assert_eq!(taken(&[("token", " abc ")], TOKEN).as_deref(), Some("abc"));
        assert_eq!(
            taken(&[("Authorization", "bearer  abc")], BEARER).as_deref(),
            Some("abc")
        );
    }

    #[test]
    fn every_other_shape_is_no_credential() {
        for (pairs, header) in [
            (&[][..], TOKEN),
            (&[("token", "")][..], TOKEN),
            (&[("token", "a b")][..], TOKEN),
            (&[("token", "a"), ("token", "b")][..], TOKEN),
            (&[("authorization", "abc")][..], BEARER),
            (&[("authorization", "Basic abc")][..], BEARER),
            (&[("authorization", "Bearer ")][..], BEARER),
            (&[("x-token", "abc")][..], TOKEN),
        ] {
            assert_eq!(taken(pairs, header), None, "{pairs:?}");
        }
    }

    #[test]
    fn the_header_is_taken_out_of_the_request() {
        let mut map = headers(&[("token", "abc"), ("x-app", "1.2")]);
        assert!(take_credential(&mut map, TOKEN).is_some());
        assert!(map.get("token").is_none());
        assert!(map.get("x-app").is_some());
    }
}
