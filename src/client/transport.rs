//! The HTTP side of a generated client.

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ClientError, encode, envelope};
use crate::__private::meta::{ClientEndpoint, Encoding};

/// reqwest, a base URL, and what every request carries: default headers and a timeout.
/// Cheap to clone; clones share the connection pool. `Debug` shows header names, never their
/// values (auth tokens).
#[derive(Clone)]
pub struct Transport {
    client: reqwest::Client,
    base_url: String,
    headers: HeaderMap,
    timeout: Option<Duration>,
}

impl Transport {
    /// A transport to `base_url` (such as `http://127.0.0.1:8080` or `https://api.example/app`)
    /// with a new reqwest client.
    pub fn new(base_url: &str) -> Result<Self, ClientError> {
        Transport::builder(base_url).build()
    }

    /// A transport to `base_url` over an existing reqwest client (its pool, proxy and TLS
    /// settings are kept).
    pub fn with_client(client: reqwest::Client, base_url: &str) -> Result<Self, ClientError> {
        Transport::builder(base_url).client(client).build()
    }

    /// A builder, for timeouts and default headers.
    pub fn builder(base_url: &str) -> TransportBuilder {
        TransportBuilder {
            base_url: base_url.to_owned(),
            client: None,
            headers: Vec::new(),
            timeout: None,
        }
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Calls an endpoint that answers data.
    #[doc(hidden)]
    pub async fn call<Req, Data>(
        &self,
        endpoint: &'static ClientEndpoint,
        request: &Req,
    ) -> Result<Data, ClientError>
    where
        Req: Serialize,
        Data: DeserializeOwned,
    {
        let (status, body) = self.send(endpoint, request).await?;
        let envelope = self.success_envelope(endpoint, status, &body)?;
        let decode_error = |error: String| ClientError::Decode {
            status,
            body: String::from_utf8_lossy(&body).into_owned(),
            error,
        };
        let data = envelope.data.ok_or_else(|| {
            decode_error(format!("the answer has no `{}`", endpoint.envelope.data))
        })?;
        serde_json::from_str(data.get())
            .map_err(|err| decode_error(format!("`{}`: {err}", endpoint.envelope.data)))
    }

    /// Calls an endpoint that answers no data.
    #[doc(hidden)]
    pub async fn call_without_data<Req>(
        &self,
        endpoint: &'static ClientEndpoint,
        request: &Req,
    ) -> Result<(), ClientError>
    where
        Req: Serialize,
    {
        let (status, body) = self.send(endpoint, request).await?;
        self.success_envelope(endpoint, status, &body)?;
        Ok(())
    }

    async fn send<Req: Serialize>(
        &self,
        endpoint: &'static ClientEndpoint,
        request: &Req,
    ) -> Result<(u16, Vec<u8>), ClientError> {
        let url = format!("{}{}", self.base_url, endpoint.public_path);
        let decoys = encode::decoy_values(endpoint.decoys);
        let mut builder = self.client.post(url).headers(self.headers.clone());
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        builder = match endpoint.encoding {
            Encoding::Json => builder
                .header(CONTENT_TYPE, Encoding::Json.media_type())
                .body(encode::json(request, &decoys)?),
            Encoding::Form => builder
                .header(CONTENT_TYPE, Encoding::Form.media_type())
                .body(encode::form(request, &decoys)?),
            Encoding::Multipart => builder.multipart(encode::multipart(request, &decoys)?),
        };
        let response = builder.send().await?;
        let status = response.status();
        let body = response.bytes().await?.to_vec();
        if !status.is_success() {
            return Err(ClientError::Status {
                status: status.as_u16(),
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        Ok((status.as_u16(), body))
    }

    fn success_envelope<'b>(
        &self,
        endpoint: &'static ClientEndpoint,
        status: u16,
        body: &'b [u8],
    ) -> Result<envelope::RawEnvelope<'b>, ClientError> {
        let envelope =
            envelope::read(&endpoint.envelope, body).map_err(|error| ClientError::Decode {
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
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Settings for a [`Transport`].
pub struct TransportBuilder {
    base_url: String,
    client: Option<reqwest::Client>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
}

impl std::fmt::Debug for TransportBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportBuilder")
            .field("base_url", &self.base_url)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl TransportBuilder {
    /// Uses an existing reqwest client.
    #[must_use]
    pub fn client(mut self, client: reqwest::Client) -> Self {
        self.client = Some(client);
        self
    }

    /// Gives up on a request after `timeout` (connect, send and read together).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends this header with every request (an app version, an auth token).
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The transport; fails on a base URL that is not absolute http(s), or an invalid header.
    pub fn build(self) -> Result<Transport, ClientError> {
        let url = reqwest::Url::parse(&self.base_url)
            .map_err(|err| ClientError::Config(format!("`{}`: {err}", self.base_url)))?;
        if !matches!(url.scheme(), "http" | "https")
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(ClientError::Config(format!(
                "`{}`: a base URL is http(s), without query or fragment",
                self.base_url
            )));
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
            None => reqwest::Client::builder().build().map_err(|err| {
                ClientError::Config(format!("the HTTP client could not be built: {err}"))
            })?,
        };
        Ok(Transport {
            client,
            base_url: self.base_url.trim_end_matches('/').to_owned(),
            headers,
            timeout: self.timeout,
        })
    }
}
