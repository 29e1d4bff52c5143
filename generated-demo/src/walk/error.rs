//! Why a walk stopped, worded without any personal value.

use std::fmt;

use veil::client::ClientError;

/// The longest server message repeated, in characters.
const MESSAGE_MAX_CHARS: usize = 160;

/// Why the walk stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum WalkError {
    /// The clients could not be set up (a bad base URL or header).
    Setup(String),
    /// The table could not be written.
    Output(std::io::Error),
    /// A call failed.
    Call {
        /// The step.
        step: &'static str,
        /// The public path called.
        public_path: &'static str,
        /// What went wrong.
        problem: String,
    },
    /// A call succeeded but its answer is not what the flow needs.
    Check {
        /// The step whose answer was checked.
        step: &'static str,
        /// What is wrong with it.
        problem: String,
    },
}

impl WalkError {
    /// A failed check of `step`'s answer.
    pub fn check(step: &'static str, problem: impl Into<String>) -> WalkError {
        WalkError::Check {
            step,
            problem: problem.into(),
        }
    }
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalkError::Setup(problem) => write!(f, "cannot start the walk: {problem}"),
            WalkError::Output(err) => write!(f, "cannot print the table: {err}"),
            WalkError::Call {
                step,
                public_path,
                problem,
            } => write!(f, "step `{step}` ({public_path}) failed: {problem}"),
            WalkError::Check { step, problem } => write!(f, "step `{step}`: {problem}"),
        }
    }
}

impl std::error::Error for WalkError {}

impl From<std::io::Error> for WalkError {
    fn from(err: std::io::Error) -> Self {
        WalkError::Output(err)
    }
}

/// `err` in words that repeat no value of the request or the answer: HTTP bodies are left
/// out, and a decoding error is cut before the first quoted value.
pub fn describe(err: &ClientError) -> String {
    match err {
        ClientError::Api { code, message } => {
            let message: String = message.chars().take(MESSAGE_MAX_CHARS).collect();
            format!("the server answered code {code}: {message}")
        }
        ClientError::Status { status, .. } => format!("the server answered HTTP {status}"),
        ClientError::Decode { status, error, .. } => {
            let reason = error.split('"').next().unwrap_or_default().trim_end();
            format!("the answer (HTTP {status}) does not match the spec: {reason}")
        }
        ClientError::Transport(err) => format!("no answer: {err}"),
        ClientError::Timeout { .. } => format!("no answer in time: {err}"),
        ClientError::Invalid(violations) => {
            format!("the request breaks the spec's constraints: {violations}")
        }
        ClientError::Encode(problem) | ClientError::Config(problem) => problem.clone(),
        _ => "the client failed".to_owned(),
    }
}
