//! [`CertifyApi`]: each endpoint handed to the module of its part of the flow, with the
//! session the router authenticated ([`Backend`]'s `Authenticate`). The context is not
//! needed: the applicant is the session's, and the build changes nothing in the answers.

use veil::server::{ApiError, RequestContext};

use super::Backend;
use crate::crapido::{
    BasicPersonInfoRequest, CertifyApi, ContactsData, CreditInfoRequest, ExtInfoRequest, FormData,
    JobInfoRequest, PersonDocuments, PersonalInfoRequest, SaveBasicInfoRequest,
    SaveCreditInfoRequest, SaveExtInfoRequest, SaveJobInfoRequest, SavePersonalInfoRequest,
    UploadImageRequest, UploadResult,
};
use crate::session::Session;

impl CertifyApi for Backend {
    async fn credit_info(
        &self,
        request: CreditInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.questionnaire(request, &session).await
    }

    async fn save_credit_info(
        &self,
        request: SaveCreditInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<(), ApiError> {
        self.save_questionnaire(request, &session).await
    }

    async fn basic_person_info(
        &self,
        request: BasicPersonInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<PersonDocuments, ApiError> {
        self.documents(request, &session).await
    }

    async fn upload_image(
        &self,
        request: UploadImageRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<UploadResult, ApiError> {
        self.upload(request, &session).await
    }

    async fn save_basic_info(
        &self,
        request: SaveBasicInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<(), ApiError> {
        self.save_identity(request, &session).await
    }

    async fn personal_info(
        &self,
        request: PersonalInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.personal_form(request, &session).await
    }

    async fn save_personal_info(
        &self,
        request: SavePersonalInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<(), ApiError> {
        self.save_personal(request, &session).await
    }

    async fn job_info(
        &self,
        request: JobInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.job_form(request, &session).await
    }

    async fn save_job_info(
        &self,
        request: SaveJobInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<(), ApiError> {
        self.save_job(request, &session).await
    }

    async fn ext_info(
        &self,
        request: ExtInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<ContactsData, ApiError> {
        self.contacts(request, &session).await
    }

    async fn save_ext_info(
        &self,
        request: SaveExtInfoRequest,
        session: Session,
        _context: RequestContext,
    ) -> Result<(), ApiError> {
        self.save_contacts(request, &session).await
    }
}
