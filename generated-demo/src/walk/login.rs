//! The walk's login through the demo server's own routes ([`crate::login`]), which are not in
//! the spec, so the generated clients do not know them: a plain request each, read as the
//! envelope they answer. The code is read from the server's [`Inbox`] in the same process, as
//! the app reads it from an SMS.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::WalkError;
use super::report::{Report, Row};
use crate::login::{CODE_ROUTE, SESSION_ROUTE};
use crate::session::Inbox;

/// The real-name column of the login rows: they have none.
const NOT_IN_SPEC: &str = "(demo login, not in the spec)";
/// The success code of the envelope.
const SUCCESS: &str = "00";

/// Logs `mobile` in: asks for a code, takes it from `inbox`, and answers the session token.
pub async fn log_in(
    base_url: &str,
    mobile: &str,
    inbox: &Inbox,
    timeout: Duration,
    report: &mut Report<'_>,
) -> Result<String, WalkError> {
    const ASK: &str = "log in: ask for a code";
    const ENTER: &str = "log in: enter the code";
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|err| WalkError::Setup(format!("cannot build the login client: {err}")))?;
    let base_url = base_url.trim_end_matches('/');
    post(
        &client,
        base_url,
        ASK,
        CODE_ROUTE,
        &json!({ "mobile": mobile }),
        report,
    )
    .await?;
    // The server sends to the national number, as it stores every mobile.
    let national = crate::applicant::national_mobile(mobile).unwrap_or_else(|_| mobile.to_owned());
    let code = inbox
        .take(&national)
        .ok_or_else(|| WalkError::check(ASK, "no code arrived in the inbox"))?;
    let body = json!({ "mobile": mobile, "code": code });
    let data = post(&client, base_url, ENTER, SESSION_ROUTE, &body, report).await?;
    data.get("token")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| WalkError::check(ENTER, "the answer holds no token"))
}

/// POSTs `body` to `route`, prints the row, and answers the envelope's `data`.
async fn post(
    client: &reqwest::Client,
    base_url: &str,
    step: &'static str,
    route: &'static str,
    body: &Value,
    report: &mut Report<'_>,
) -> Result<Value, WalkError> {
    let started = Instant::now();
    let answer = send(client, &format!("{base_url}{route}"), body).await;
    let code = match &answer {
        Ok(envelope) => envelope
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or("-")
            .to_owned(),
        Err(_) => "-".to_owned(),
    };
    report.row(&Row {
        step,
        public_path: route,
        real_name: NOT_IN_SPEC,
        code: &code,
        elapsed: started.elapsed(),
    })?;
    let failed = |problem: String| WalkError::Call {
        step,
        public_path: route,
        problem,
    };
    let mut envelope = answer.map_err(failed)?;
    if code != SUCCESS {
        let message = envelope
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("");
        return Err(failed(format!(
            "the server answered code {code}: {message}"
        )));
    }
    Ok(envelope
        .get_mut("data")
        .map(Value::take)
        .unwrap_or(Value::Null))
}

/// The envelope answered to `body` at `url`, or why there is none. The problem repeats
/// neither the request nor the answer's body.
async fn send(client: &reqwest::Client, url: &str, body: &Value) -> Result<Value, String> {
    let response = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
        .send()
        .await
        .map_err(|err| format!("no answer: {}", err.without_url()))?;
    let status = response.status();
    let bytes = response
        .bytes()
        .await
        .map_err(|err| format!("no answer: {}", err.without_url()))?;
    serde_json::from_slice(&bytes)
        .map_err(|_| format!("the answer (HTTP {status}) is not an envelope"))
}
