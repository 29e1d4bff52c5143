//! What can go wrong with a call.

use std::fmt;

/// The error of a generated client method.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The request never got an HTTP answer: connection refused, timeout, bad URL.
    Transport(reqwest::Error),
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
    /// The request could not be encoded (a value the encoding cannot carry).
    Encode(String),
    /// The client is misconfigured: a base URL that is not absolute http(s), a header that is
    /// not a valid HTTP header.
    Config(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Transport(err) => write!(f, "request failed: {err}"),
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
            ClientError::Encode(error) => write!(f, "the request could not be encoded: {error}"),
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
