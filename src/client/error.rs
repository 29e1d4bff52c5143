//! What can go wrong with a call.

use std::fmt;

/// The error of a generated client method.
///
/// `Debug` shows the size of a kept body, not its text: answers hold personal data. The
/// text is in the `body` fields for code that needs it.
#[non_exhaustive]
pub enum ClientError {
    /// The request never got an HTTP answer: connection refused, reset, bad URL.
    Transport(reqwest::Error),
    /// The call took longer than the transport's time limit (connecting included), or the
    /// connection could not be made within the connect limit.
    Timeout {
        /// The endpoint's public path.
        path: &'static str,
        /// The time limit of the whole call.
        timeout: std::time::Duration,
    },
    /// The server answered with a non-2xx status.
    Status {
        /// The HTTP status.
        status: u16,
        /// The body, as text (lossy UTF-8).
        body: String,
    },
    /// The answer was 2xx but not an envelope the endpoint's types can read.
    Decode {
        /// The HTTP status.
        status: u16,
        /// The body, as text (lossy UTF-8).
        body: String,
        /// What did not decode.
        error: String,
    },
    /// The envelope's code is not one of the endpoint's success codes.
    Api {
        /// The envelope's code.
        code: String,
        /// The envelope's message.
        message: String,
    },
    /// The request breaks the spec's constraints; nothing was sent. Each violation names a
    /// field and a reason, never the value.
    Invalid(crate::validate::Violations),
    /// The request could not be encoded (a value the encoding cannot carry).
    Encode(String),
    /// The endpoint needs a session and the transport holds no credential; nothing was sent
    /// (see [`Transport::set_credential`](crate::client::Transport::set_credential)).
    NoCredential {
        /// The endpoint's public path.
        path: &'static str,
    },
    /// The client is misconfigured: a base URL that is not absolute http(s), a header that is
    /// not a valid HTTP header.
    Config(String),
}

impl fmt::Debug for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = |body: &String| format!("<{} bytes>", body.len());
        match self {
            ClientError::Transport(err) => f.debug_tuple("Transport").field(err).finish(),
            ClientError::Timeout { path, timeout } => f
                .debug_struct("Timeout")
                .field("path", path)
                .field("timeout", timeout)
                .finish(),
            ClientError::Status { status, body } => f
                .debug_struct("Status")
                .field("status", status)
                .field("body", &format_args!("{}", size(body)))
                .finish(),
            ClientError::Decode {
                status,
                body,
                error,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("body", &format_args!("{}", size(body)))
                .field("error", error)
                .finish(),
            ClientError::Api { code, message } => f
                .debug_struct("Api")
                .field("code", code)
                .field("message", message)
                .finish(),
            ClientError::Invalid(violations) => f.debug_tuple("Invalid").field(violations).finish(),
            ClientError::Encode(error) => f.debug_tuple("Encode").field(error).finish(),
            ClientError::NoCredential { path } => {
                f.debug_struct("NoCredential").field("path", path).finish()
            }
            ClientError::Config(error) => f.debug_tuple("Config").field(error).finish(),
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The cause is in `source()`; repeating its text here would print it twice.
            ClientError::Transport(err) => {
                let url = err.url().map_or(String::new(), |url| format!(" {url}"));
                if err.is_timeout() {
                    write!(f, "the request to{url} timed out")
                } else if err.is_connect() {
                    write!(f, "could not connect to{url}")
                } else {
                    write!(f, "the request to{url} failed")
                }
            }
            ClientError::Timeout { path, timeout } => {
                write!(f, "the request to {path} timed out (limit {timeout:?})")
            }
            ClientError::Status { status, .. } => write!(f, "the server answered HTTP {status}"),
            ClientError::Decode { status, error, .. } => {
                write!(
                    f,
                    "the answer (HTTP {status}) could not be decoded: {error}"
                )
            }
            ClientError::Api { code, message } => {
                write!(f, "the API answered code {code}: {message}")
            }
            ClientError::Invalid(violations) => write!(f, "invalid request: {violations}"),
            ClientError::Encode(error) => write!(f, "the request could not be encoded: {error}"),
            ClientError::NoCredential { path } => write!(
                f,
                "{path} needs a session, and the transport holds no credential: log in first"
            ),
            ClientError::Config(error) => write!(f, "invalid client configuration: {error}"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(err) => Some(err),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for ClientError {
    fn from(err: reqwest::Error) -> Self {
        ClientError::Transport(err)
    }
}
