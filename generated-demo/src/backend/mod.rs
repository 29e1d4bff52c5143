//! The generated server traits ([`CertifyApi`](crate::crapido::CertifyApi),
//! [`BindCardApi`](crate::crapido::BindCardApi)) implemented with real behaviour.
//!
//! Every request is of a logged-in applicant: the generated router asks the backend's
//! `Authenticate` what the request's credential means ([`crate::session`]) before the body is
//! read, and hands each method the [`Session`]. Every submission is validated against the
//! seed's forms (a choice must be one of the offered options) and stored per applicant (see
//! [`crate::applicant`], always the session's); the init endpoints answer the seed's items
//! filled with what was stored. Failures are envelopes with the codes of [`codes`]. Nothing
//! personal is logged: only endpoint names, form names and counts.

mod card;
mod certify;
pub mod codes;
mod contacts;
mod documents;
mod profile;
mod questionnaire;
pub(crate) mod validate;

use std::sync::Arc;

use veil::Credential;
use veil::server::{ApiError, Authenticate, RequestContext};

use crate::applicant::Applicant;
use crate::crapido::FormData;
use crate::forms::{self, SeedError, SeedForms};
use crate::session::{Session, Sessions};
use crate::store::{Form, Store, Values};

/// The backend of the demo server.
#[derive(Debug, Clone)]
pub struct Backend {
    store: Store,
    sessions: Sessions,
    forms: Arc<SeedForms>,
    files_base: String,
}

impl Backend {
    /// A backend storing into `store`, authenticating requests by `sessions`, answering photo
    /// URLs under `files_base` (the server's own base URL, such as `http://127.0.0.1:8080`).
    pub fn new(
        store: Store,
        sessions: Sessions,
        files_base: impl Into<String>,
    ) -> Result<Backend, SeedError> {
        Ok(Backend {
            store,
            sessions,
            forms: Arc::new(SeedForms::load()?),
            files_base: files_base.into().trim_end_matches('/').to_owned(),
        })
    }

    /// The URL a stored photo is served at.
    fn photo_url(&self, token: &str) -> String {
        format!("{}{}", self.files_base, crate::files::path_of(token))
    }

    /// An init endpoint of a form: the applicant of the request, and the seed's items filled
    /// with what they stored.
    async fn init_form(
        &self,
        session: &Session,
        mobile: &str,
        product_id: &str,
        form: Form,
    ) -> Result<FormData, ApiError> {
        let applicant = Applicant::of(session, Some(mobile), product_id)?;
        self.filled_form(&applicant, form).await
    }

    /// The seed's items of `form`, filled with what `applicant` stored.
    async fn filled_form(&self, applicant: &Applicant, form: Form) -> Result<FormData, ApiError> {
        let template = self
            .forms
            .template(form)
            .ok_or_else(|| ApiError::internal("no such form"))?;
        let values = self
            .store
            .load_form(applicant, form)
            .await
            .map_err(codes::storage)?;
        Ok(forms::filled(template, &values))
    }

    /// Stores a submission of `form`.
    async fn save(
        &self,
        applicant: &Applicant,
        form: Form,
        values: Values,
        order_no: Option<String>,
    ) -> Result<(), ApiError> {
        let fields = values.len();
        self.store
            .save_form(applicant, form, values, order_no)
            .await
            .map_err(codes::storage)?;
        tracing::info!(form = form.as_str(), fields, "submission stored");
        Ok(())
    }
}

/// Once for every endpoint: the router asks this before a request's body is read, and hands
/// the endpoint the [`Session`], so the applicant of a request is its session's alone. A
/// credential that is not a live session's token is refused (`None`: the spec's unauthorized
/// envelope); a failing database is answered as an internal failure.
impl Authenticate for Backend {
    type Session = Session;

    async fn authenticate(
        &self,
        credential: Credential,
        _context: &RequestContext,
    ) -> Result<Option<Session>, ApiError> {
        self.sessions
            .authenticate(credential.expose())
            .await
            .map_err(codes::storage)
    }
}
