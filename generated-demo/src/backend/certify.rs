//! [`CertifyApi`]: each endpoint handed to the module of its part of the flow.

use veil::server::{ApiError, RequestContext};

use super::Backend;
use crate::crapido::{
    BasicPersonInfoRequest, CertifyApi, ContactsData, CreditInfoRequest, ExtInfoRequest, FormData,
    JobInfoRequest, PersonDocuments, PersonalInfoRequest, SaveBasicInfoRequest,
    SaveCreditInfoRequest, SaveExtInfoRequest, SaveJobInfoRequest, SavePersonalInfoRequest,
    UploadImageRequest, UploadResult,
};

impl CertifyApi for Backend {
    async fn credit_info(
        &self,
        request: CreditInfoRequest,
        context: RequestContext,
    ) -> Result<FormData, ApiError> {
        let session = self.session(&context).await?;
        self.questionnaire(request, &session).await
    }

    async fn save_credit_info(
        &self,
        request: SaveCreditInfoRequest,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        let session = self.session(&context).await?;
        self.save_questionnaire(request, &session).await
    }

    async fn basic_person_info(
        &self,
        request: BasicPersonInfoRequest,
        context: RequestContext,
    ) -> Result<PersonDocuments, ApiError> {
        let session = self.session(&context).await?;
        self.documents(request, &session).await
    }

    async fn upload_image(
        &self,
        request: UploadImageRequest,
        context: RequestContext,
    ) -> Result<UploadResult, ApiError> {
        let session = self.session(&context).await?;
        self.upload(request, &session).await
    }

    async fn save_basic_info(
        &self,
        request: SaveBasicInfoRequest,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        let session = self.session(&context).await?;
        self.save_identity(request, &session).await
    }

    async fn personal_info(
        &self,
        request: PersonalInfoRequest,
        context: RequestContext,
    ) -> Result<FormData, ApiError> {
        let session = self.session(&context).await?;
        self.personal_form(request, &session).await
    }

    async fn save_personal_info(
        &self,
        request: SavePersonalInfoRequest,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        let session = self.session(&context).await?;
        self.save_personal(request, &session).await
    }

    async fn job_info(
        &self,
        request: JobInfoRequest,
        context: RequestContext,
    ) -> Result<FormData, ApiError> {
        let session = self.session(&context).await?;
        self.job_form(request, &session).await
    }

    async fn save_job_info(
        &self,
        request: SaveJobInfoRequest,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        let session = self.session(&context).await?;
        self.save_job(request, &session).await
    }

    async fn ext_info(
        &self,
        request: ExtInfoRequest,
        context: RequestContext,
    ) -> Result<ContactsData, ApiError> {
        let session = self.session(&context).await?;
        self.contacts(request, &session).await
    }

    async fn save_ext_info(
        &self,
        request: SaveExtInfoRequest,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        let session = self.session(&context).await?;
        self.save_contacts(request, &session).await
    }
}
