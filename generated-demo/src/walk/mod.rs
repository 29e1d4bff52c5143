//! The generated clients walking the KYC flow as the app does, against any server that speaks
//! the public API.
//!
//! The walk needs a session first ([`WalkCredential`]): against the demo's own server in the
//! same process it logs in through the demo's login routes, reading the code from the
//! server's inbox; against any other server it takes a session token obtained elsewhere,
//! since the login is not part of the seed's API.
//!
//! The walk relies only on what the seed promises: success codes and the shapes of the
//! answers (the generated clients check both), questionnaire and form answers chosen among
//! the options the init endpoints return, and the upload's `is_need_pop` deciding whether the
//! corrected ID data is sent. Whether the server *kept* what was sent (the photos and
//! corrected ID data shown by basic-person-info, the contacts shown by ext-info) is the
//! demo's own behaviour, not the seed's: those checks run only when
//! [`WalkConfig::check_persistence`] is set, as it is against the embedded server. Each call
//! prints a row of the table ([`report`]) as soon as it completes; the walk stops at the first
//! failure. The data sent is fake ([`persona`]) and never printed, nor is the session token.

mod choose;
mod error;
mod flow;
mod login;
pub mod persona;
pub mod report;

use std::fmt;
use std::future::Future;
use std::io::Write;
use std::time::{Duration, Instant};

use veil::Credential;
use veil::client::{ClientError, Transport};

pub use error::{WalkError, describe};

use crate::crapido::{BindCardClient, CertifyClient, ROUTES, Variant};
use crate::session::Inbox;
use report::{Report, Row};

/// How long a call may take before the walk gives up.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What to walk against, and as whom.
#[derive(Clone)]
pub struct WalkConfig {
    /// The server's base URL, such as `http://127.0.0.1:8080`.
    pub base_url: String,
    /// The applicant's mobile number: the one logged in, and sent in the init requests.
    pub mobile: String,
    /// The product applied for.
    pub product_id: String,
    /// Headers sent with every request (the auth a real backend needs).
    pub headers: Vec<(String, String)>,
    /// How long a call may take.
    pub timeout: Duration,
    /// The app build whose disguise the clients speak.
    pub variant: Variant,
    /// Where the session comes from.
    pub credential: WalkCredential,
    /// Whether to check that the server kept what the walk sent, beyond what the seed
    /// promises (see the module's documentation).
    pub check_persistence: bool,
}

impl WalkConfig {
    /// A walk against `base_url` as the default fake applicant, with `credential`; the
    /// persistence checks run when the walk logs in itself (against the demo's server).
    pub fn new(base_url: impl Into<String>, credential: WalkCredential) -> WalkConfig {
        WalkConfig {
            base_url: base_url.into(),
            mobile: persona::DEFAULT_MOBILE.to_owned(),
            product_id: persona::DEFAULT_PRODUCT_ID.to_owned(),
            headers: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            variant: Variant::BASE,
            check_persistence: matches!(credential, WalkCredential::Login(_)),
            credential,
        }
    }
}

/// Where a walk's session comes from.
#[derive(Clone)]
pub enum WalkCredential {
    /// Log in through the demo server's login routes first, reading the code from the inbox
    /// the server sends codes to (a server in the same process).
    Login(Inbox),
    /// A session token obtained outside the walk (`walk --session TOKEN`).
    Session(String),
}

impl fmt::Debug for WalkCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalkCredential::Login(_) => f.write_str("Login"),
            WalkCredential::Session(_) => f.write_str("Session(<redacted>)"),
        }
    }
}

impl fmt::Debug for WalkConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("WalkConfig")
            .field("base_url", &self.base_url)
            .field("mobile", &format_args!("<redacted>"))
            .field("product_id", &self.product_id)
            .field("headers", &header_names)
            .field("timeout", &self.timeout)
            .field("variant", &self.variant)
            .field("credential", &self.credential)
            .field("check_persistence", &self.check_persistence)
            .finish()
    }
}

/// A completed walk.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    /// How many calls were made.
    pub calls: usize,
    /// How long the walk took.
    pub elapsed: Duration,
}

/// Walks the whole flow against `config.base_url`, printing the table to `out`.
pub async fn run(config: &WalkConfig, out: &mut (dyn Write + Send)) -> Result<Summary, WalkError> {
    let started = Instant::now();
    let mut walker = Walker::new(config, out).await?;
    flow::questionnaire(&mut walker).await?;
    flow::documents(&mut walker).await?;
    flow::personal(&mut walker).await?;
    flow::job(&mut walker).await?;
    flow::contacts(&mut walker).await?;
    flow::card(&mut walker).await?;
    Ok(Summary {
        calls: walker.report.rows(),
        elapsed: started.elapsed(),
    })
}

/// The clients, the applicant, and the table.
struct Walker<'w> {
    certify: CertifyClient,
    bind_card: BindCardClient,
    mobile: String,
    product_id: String,
    variant: Variant,
    check_persistence: bool,
    report: Report<'w>,
}

impl<'w> Walker<'w> {
    /// The table started, the session obtained (logging in if asked), and the clients.
    async fn new(
        config: &WalkConfig,
        out: &'w mut (dyn Write + Send),
    ) -> Result<Walker<'w>, WalkError> {
        let mut report = Report::start(out)?;
        let token = match &config.credential {
            WalkCredential::Session(token) => token.clone(),
            WalkCredential::Login(inbox) => {
                login::log_in(
                    &config.base_url,
                    &config.mobile,
                    inbox,
                    config.timeout,
                    &mut report,
                )
                .await?
            }
        };
        let mut builder = Transport::builder(&config.base_url).timeout(config.timeout);
        for (name, value) in &config.headers {
            builder = builder.header(name, value);
        }
        // The clients send it in their build's header, as the spec's `session:` says.
        let transport = builder
            .credential(Credential::new(token))
            .build()
            .map_err(|err| WalkError::Setup(describe(&err)))?;
        Ok(Walker {
            certify: CertifyClient::from_transport(transport.clone()).with_variant(config.variant),
            bind_card: BindCardClient::from_transport(transport).with_variant(config.variant),
            mobile: config.mobile.clone(),
            product_id: config.product_id.clone(),
            variant: config.variant,
            check_persistence: config.check_persistence,
            report,
        })
    }
}

/// Makes the call of `step` to the endpoint `method` (its name in the generated `ROUTES`),
/// times it and prints its row.
async fn call<T>(
    report: &mut Report<'_>,
    variant: Variant,
    step: &'static str,
    method: &'static str,
    call: impl Future<Output = Result<T, ClientError>>,
) -> Result<T, WalkError> {
    let route = ROUTES
        .iter()
        .find(|route| route.method == method && route.variant == variant.name())
        .ok_or_else(|| WalkError::Setup(format!("the spec has no endpoint `{method}`")))?;
    let started = Instant::now();
    let result = call.await;
    let elapsed = started.elapsed();
    let code = match &result {
        Ok(_) => route.success_code.to_owned(),
        Err(err) => report::failure_code(err),
    };
    report.row(&Row {
        step,
        public_path: route.public_path,
        real_name: route.real_name,
        code: &code,
        elapsed,
    })?;
    result.map_err(|err| WalkError::Call {
        step,
        public_path: route.public_path,
        problem: describe(&err),
    })
}
