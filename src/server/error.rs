//! The error user code returns.

use std::fmt;

use axum::http::StatusCode;

/// A failure of a trait method, answered as an envelope with this code and message.
///
/// Under the spec's `http_status: always_ok` policy the answer is `200 OK`, as these apps
/// expect; under `mapped` it carries [`ApiError::with_status`]'s status (`200` unless set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// `None` stands for the spec's `internal` code.
    pub(crate) code: Option<String>,
    pub(crate) message: String,
    pub(crate) status: Option<StatusCode>,
}

impl ApiError {
    /// A business failure with its envelope code and message, such as
    /// `ApiError::new("2001", "card number mismatch")`.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: Some(code.into()),
            message: message.into(),
            status: None,
        }
    }

    /// A failure of the server itself, answered with the spec's `internal` code (and `500`
    /// under the `mapped` policy). `message` is sent to the client: keep internals out of it.
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            code: None,
            message: message.into(),
            status: Some(StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    /// The HTTP status to answer with under the `mapped` policy.
    #[must_use]
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = Some(status);
        self
    }

    /// The envelope code, or `None` for the spec's `internal` code.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The envelope message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{code}: {}", self.message),
            None => write!(f, "internal: {}", self.message),
        }
    }
}

impl std::error::Error for ApiError {}
