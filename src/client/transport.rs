//! The HTTP side of a generated client.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ClientError, encode, envelope};
use crate::__private::meta::SessionHeader;
use crate::__private::meta::{ClientEndpoint, Encoding};
use crate::Credential;
use crate::body::{BodyBuffer, TooLarge};
use crate::validate::Validate;

/// reqwest, a base URL, and what every request carries: default headers and a timeout
/// ([`Transport::DEFAULT_TIMEOUT`] unless set, so that no call waits forever).
/// Cheap to clone; clones share the connection pool and the session credential, so that the
/// clients of every service built from one transport use the credential of a later login.
/// `Debug` shows header names, never their values, and never the credential.
#[derive(Clone)]
pub struct Transport {
    client: reqwest::Client,
    base_url: String,
    headers: HeaderMap,
    /// The session credential, sent to the endpoints that need one in the header their build
    /// names.
    credential: Arc<RwLock<Option<Credential>>>,
    timeout: Duration,
    validate_requests: bool,
    max_response_bytes: usize,
}

/// The largest answer read by default: far above any answer of these APIs.
const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

impl Transport {
    /// The default time limit of a whole call, from connecting to the last byte of the answer:
    /// 30 s.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default time limit on connecting, for the HTTP client a transport makes itself:
    /// 10 s.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

    /// A transport to `base_url` (such as `http://127.0.0.1:8080` or `https://api.example/app`)
    /// with a new reqwest client.
    pub fn new(base_url: &str) -> Result<Self, ClientError> {
        Transport::builder(base_url).build()
    }

    /// A transport to `base_url` over an existing reqwest client (its pool, proxy and TLS
    /// settings are kept).
    ///
    /// Its redirect policy is kept too, and reqwest offers no way to override it per request.
    /// Build the client with `reqwest::redirect::Policy::none()`, as [`Transport::new`] does:
    /// a client that follows redirects sends the transport's headers (all but reqwest's few
    /// sensitive ones, and those too on the same host), the session credential when its header
    /// is not `Authorization`, and, on 307 and 308, the request body to wherever the server
    /// points. Such a call fails with [`ClientError::Config`] once the
    /// redirect was followed, and its answer is not read.
    pub fn with_client(client: reqwest::Client, base_url: &str) -> Result<Self, ClientError> {
        Transport::builder(base_url).client(client).build()
    }

    /// A builder, for timeouts and default headers.
    pub fn builder(base_url: &str) -> TransportBuilder {
        TransportBuilder {
            base_url: base_url.to_owned(),
            client: None,
            headers: Vec::new(),
            credential: None,
            timeout: Transport::DEFAULT_TIMEOUT,
            connect_timeout: Transport::DEFAULT_CONNECT_TIMEOUT,
            validate_requests: true,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends `credential` from now on to every endpoint that needs a session, from this
    /// transport and its clones (after a login, or to replace an expired session).
    pub fn set_credential(&self, credential: Credential) {
        *self
            .credential
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(credential);
    }

    /// Forgets the credential (a logout): calls to endpoints that need a session fail with
    /// [`ClientError::NoCredential`] until one is set again.
    pub fn clear_credential(&self) {
        *self
            .credential
            .write()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Whether a credential is set.
    pub fn has_credential(&self) -> bool {
        self.credential
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    /// The header that proves the session, as `header` says to send it; marked sensitive, so
    /// that HTTP/2 never indexes it and reqwest's `Debug` hides it.
    fn session_header(
        &self,
        header: SessionHeader,
        path: &'static str,
    ) -> Result<(HeaderName, HeaderValue), ClientError> {
        let guard = self
            .credential
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        let credential = guard.as_ref().ok_or(ClientError::NoCredential { path })?;
        let text = match header.scheme {
            Some(scheme) => format!("{scheme} {}", credential.expose()),
            None => credential.expose().to_owned(),
        };
        // Neither error names the credential.
        let name = HeaderName::from_bytes(header.header.as_bytes()).map_err(|_| {
            ClientError::Config(format!("`{}` is not a valid header name", header.header))
        })?;
        let mut value = HeaderValue::from_str(&text).map_err(|_| {
            ClientError::Config("the credential cannot be sent in an HTTP header".into())
        })?;
        value.set_sensitive(true);
        Ok((name, value))
    }

    /// Calls an endpoint that answers data.
    #[doc(hidden)]
    pub async fn call<Req, Data>(
        &self,
        endpoint: &'static ClientEndpoint,
        request: &Req,
    ) -> Result<Data, ClientError>
    where
        Req: Serialize + Validate,
        Data: DeserializeOwned,
    {
        let (status, body) = self.send(endpoint, request).await?;
        read_data(endpoint, status, &body)
    }

    /// Calls an endpoint that answers no data.
    #[doc(hidden)]
    pub async fn call_without_data<Req>(
        &self,
        endpoint: &'static ClientEndpoint,
        request: &Req,
    ) -> Result<(), ClientError>
    where
        Req: Serialize + Validate,
    {
        let (status, body) = self.send(endpoint, request).await?;
        success_envelope(endpoint, status, &body)?;
        Ok(())
    }

    async fn send<Req: Serialize + Validate>(
        &self,
        endpoint: &'static ClientEndpoint,
        request: &Req,
    ) -> Result<(u16, Vec<u8>), ClientError> {
        // Fail fast, without a round trip, on what the server would refuse anyway.
        if self.validate_requests {
            request.validate().map_err(ClientError::Invalid)?;
        }
        let url = format!("{}{}", self.base_url, endpoint.public_path);
        let mut builder = self
            .client
            .post(&url)
            .headers(self.headers.clone())
            .timeout(self.timeout);
        if let Some(header) = endpoint.session {
            let (name, value) = self.session_header(header, endpoint.public_path)?;
            builder = builder.header(name, value);
        }
        builder = match endpoint.encoding {
            Encoding::Json => builder
                .header(CONTENT_TYPE, Encoding::Json.media_type())
                .body(encode::json(request, encode::each_decoy(endpoint.decoys))?),
            Encoding::Form => builder
                .header(CONTENT_TYPE, Encoding::Form.media_type())
                .body(encode::form(
                    request,
                    &encode::decoy_values(endpoint.decoys),
                )?),
            Encoding::Multipart => builder.multipart(encode::multipart(
                request,
                &encode::decoy_values(endpoint.decoys),
            )?),
        };
        // A timeout names the public path and the limit, never the request.
        let failed = |err: reqwest::Error| {
            if err.is_timeout() {
                ClientError::Timeout {
                    path: endpoint.public_path,
                    timeout: self.timeout,
                }
            } else {
                ClientError::Transport(err)
            }
        };
        let mut response = builder.send().await.map_err(failed)?;
        if response.url().as_str() != url {
            return Err(ClientError::Config(
                "the HTTP client followed a redirect; build it with \
                 `reqwest::redirect::Policy::none()`"
                    .into(),
            ));
        }
        let status = response.status();
        // One buffer, whatever the chunking (see `crate::body`).
        let too_large = || ClientError::Decode {
            status: status.as_u16(),
            body: String::new(),
            error: format!(
                "the answer is larger than {} bytes",
                self.max_response_bytes
            ),
        };
        let declared = response.content_length();
        if declared.is_some_and(|length| length > self.max_response_bytes as u64) {
            return Err(too_large());
        }
        let mut body = BodyBuffer::new(self.max_response_bytes, declared);
        while let Some(chunk) = response.chunk().await.map_err(failed)? {
            body.push(&chunk).map_err(|TooLarge| too_large())?;
        }
        let body = body.into_vec();
        if !status.is_success() {
            return Err(ClientError::Status {
                status: status.as_u16(),
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        Ok((status.as_u16(), body))
    }
}

// The reading of an answer, apart from `Transport` so that `__private::bench` measures the
// very code a call runs.

/// The `data` of a 2xx answer `body`, decoded as `Data`, when the envelope says success.
pub(crate) fn read_data<Data: DeserializeOwned>(
    endpoint: &'static ClientEndpoint,
    status: u16,
    body: &[u8],
) -> Result<Data, ClientError> {
    // The common answer, a success whose data has the endpoint's type, in one pass at the cost
    // of plain serde. Any other answer is read again below, the careful way, which gives the
    // same value where this one answers and the located errors where it does not (measured in
    // benches/client_codec.rs: the careful way alone cost 2x hand-written serde on card-init).
    if let Some(envelope) = envelope::read_typed::<Data>(endpoint.envelope, body)
        && endpoint.success_codes.contains(&envelope.code.as_str())
        && let Some(data) = envelope.data
    {
        return Ok(data);
    }
    let envelope = success_envelope(endpoint, status, body)?;
    let decode_error = |error: String| ClientError::Decode {
        status,
        body: String::from_utf8_lossy(body).into_owned(),
        error,
    };
    let data = envelope
        .data
        .ok_or_else(|| decode_error(format!("the answer has no `{}`", endpoint.envelope.data)))?;
    let mut deserializer = serde_json::Deserializer::from_str(data.get());
    serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        // Named by path and expected type, never by value: answers hold personal data.
        let what = format!("`{}` does not match its type", endpoint.envelope.data);
        decode_error(crate::decode_error::describe(&err, &what))
    })
}

/// The envelope of a 2xx answer `body`, when its code is one of the endpoint's success codes.
pub(crate) fn success_envelope<'b>(
    endpoint: &'static ClientEndpoint,
    status: u16,
    body: &'b [u8],
) -> Result<envelope::RawEnvelope<'b>, ClientError> {
    let envelope =
        envelope::read(endpoint.envelope, body).map_err(|error| ClientError::Decode {
            status,
            body: String::from_utf8_lossy(body).into_owned(),
            error,
        })?;
    if endpoint.success_codes.contains(&envelope.code.as_str()) {
        Ok(envelope)
    } else {
        Err(ClientError::Api {
            code: envelope.code,
            message: envelope.message,
        })
    }
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("credential", &self.has_credential().then_some("<redacted>"))
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Settings for a [`Transport`].
pub struct TransportBuilder {
    base_url: String,
    client: Option<reqwest::Client>,
    headers: Vec<(String, String)>,
    credential: Option<Credential>,
    timeout: Duration,
    connect_timeout: Duration,
    validate_requests: bool,
    max_response_bytes: usize,
}

impl std::fmt::Debug for TransportBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportBuilder")
            .field("base_url", &shown_url(&self.base_url))
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

/// A base URL not yet checked, as `Debug` may show it: without its user, password, query and
/// fragment, which may hold secrets.
fn shown_url(text: &str) -> String {
    match reqwest::Url::parse(text) {
        Ok(mut url) => {
            // Both fail only on URLs that cannot have credentials, which then hold none.
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            url.to_string()
        }
        Err(_) => "<not a URL>".to_owned(),
    }
}

impl TransportBuilder {
    /// Uses an existing reqwest client; see [`Transport::with_client`] on its redirect policy.
    #[must_use]
    pub fn client(mut self, client: reqwest::Client) -> Self {
        self.client = Some(client);
        self
    }

    /// Gives up on a call after `timeout`, connecting, sending and reading the answer together
    /// ([`Transport::DEFAULT_TIMEOUT`], 30 s, unless set); the call then returns
    /// [`ClientError::Timeout`].
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Gives up on connecting after `timeout` ([`Transport::DEFAULT_CONNECT_TIMEOUT`], 10 s,
    /// unless set). Only for the HTTP client the transport makes itself: one passed with
    /// [`client`](Self::client) keeps its own, and the call's whole `timeout` still applies.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Whether requests are checked against the spec's constraints before they are sent (on
    /// by default). Off, an invalid request goes out and the server refuses it.
    #[must_use]
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = validate;
        self
    }

    /// The largest answer read, in bytes (16 MiB unless set); a larger one is a
    /// [`ClientError::Decode`] and is not kept.
    #[must_use]
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// The session credential to start with; see [`Transport::set_credential`].
    #[must_use]
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credential = Some(credential);
        self
    }

    /// Sends this header with every request (an app version, a gateway's key). A session
    /// credential goes with [`credential`](Self::credential) instead, which sends it only
    /// where the spec says and in the header of the build.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The transport; fails on a base URL that is not absolute http(s), or an invalid header.
    pub fn build(self) -> Result<Transport, ClientError> {
        // The base URL is never quoted: it may hold a password or a token in its query.
        let url = reqwest::Url::parse(&self.base_url)
            .map_err(|err| ClientError::Config(format!("the base URL is not a URL: {err}")))?;
        if !url.username().is_empty() || url.password().is_some() {
            // Credentials in a URL end up in logs; they belong in a header.
            return Err(ClientError::Config(
                "a base URL must not hold credentials; send them with `header`".into(),
            ));
        }
        if !matches!(url.scheme(), "http" | "https")
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(ClientError::Config(
                "a base URL is http(s), without query or fragment".into(),
            ));
        }
        let mut headers = HeaderMap::new();
        for (name, value) in self.headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ClientError::Config(format!("`{name}` is not a valid header name")))?;
            let header_value = HeaderValue::from_str(&value).map_err(|_| {
                ClientError::Config(format!("the value of header `{name}` is not valid"))
            })?;
            headers.append(header_name, header_value);
        }
        let client = match self.client {
            Some(client) => client,
            // `Client::new` panics where `build` returns the error.
            // No redirects: a 301/302 would turn the POST into a bodiless GET elsewhere.
            None => reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(|err| {
                    ClientError::Config(format!("the HTTP client could not be built: {err}"))
                })?,
        };
        Ok(Transport {
            client,
            base_url: self.base_url.trim_end_matches('/').to_owned(),
            headers,
            credential: Arc::new(RwLock::new(self.credential)),
            timeout: self.timeout,
            validate_requests: self.validate_requests,
            max_response_bytes: self.max_response_bytes,
        })
    }
}
