//! A server written against the spec implements every endpoint of its service: an impl that
//! lacks one (here `save_ext_info`) does not compile.

mod crapido {
    veil::generate!("../../../spec/crapido.yaml");
}

use crapido::{
    CertifyApi, ContactsData, CreditInfoRequest, ExtInfoRequest, FormData, JobInfoRequest,
    PersonDocuments, PersonalInfoRequest, SaveBasicInfoRequest, SaveCreditInfoRequest,
    SaveJobInfoRequest, SavePersonalInfoRequest, UploadImageRequest, UploadResult,
};
use veil::Credential;
use veil::server::{ApiError, Authenticate, RequestContext};

struct Certify;

impl Authenticate for Certify {
    type Session = ();

    async fn authenticate(
        &self,
        _: Credential,
        _: &RequestContext,
    ) -> Result<Option<()>, ApiError> {
        Ok(None)
    }
}

fn not_yet<T>() -> Result<T, ApiError> {
    Err(ApiError::internal("not written yet"))
}

impl CertifyApi for Certify {
    async fn credit_info(
        &self,
        _: CreditInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<FormData, ApiError> {
        not_yet()
    }

    async fn save_credit_info(
        &self,
        _: SaveCreditInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<(), ApiError> {
        not_yet()
    }

    async fn basic_person_info(
        &self,
        _: crapido::BasicPersonInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<PersonDocuments, ApiError> {
        not_yet()
    }

    async fn upload_image(
        &self,
        _: UploadImageRequest,
        _: (),
        _: RequestContext,
    ) -> Result<UploadResult, ApiError> {
        not_yet()
    }

    async fn save_basic_info(
        &self,
        _: SaveBasicInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<(), ApiError> {
        not_yet()
    }

    async fn personal_info(
        &self,
        _: PersonalInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<FormData, ApiError> {
        not_yet()
    }

    async fn save_personal_info(
        &self,
        _: SavePersonalInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<(), ApiError> {
        not_yet()
    }

    async fn job_info(
        &self,
        _: JobInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<FormData, ApiError> {
        not_yet()
    }

    async fn save_job_info(
        &self,
        _: SaveJobInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<(), ApiError> {
        not_yet()
    }

    async fn ext_info(
        &self,
        _: ExtInfoRequest,
        _: (),
        _: RequestContext,
    ) -> Result<ContactsData, ApiError> {
        not_yet()
    }
}

fn main() {
    let _ = Certify;
}
