//! A spec with a `session:` block makes `veil::server::Authenticate` a supertrait of every
//! service trait: a server that says nothing about sessions does not compile.

mod accounts {
    veil::generate!("../../specs/sessions.yaml", models, server);
}

use veil::server::{ApiError, RequestContext};

struct Backend;

impl accounts::AccountApi for Backend {
    async fn login(
        &self,
        _: accounts::LoginRequest,
        _: RequestContext,
    ) -> Result<accounts::LoggedIn, ApiError> {
        Err(ApiError::internal("not here"))
    }

    async fn profile(
        &self,
        _: accounts::ProfileRequest,
        _: (),
        _: RequestContext,
    ) -> Result<accounts::Profile, ApiError> {
        Err(ApiError::internal("not here"))
    }

    async fn rename(
        &self,
        _: accounts::RenameRequest,
        _: (),
        _: RequestContext,
    ) -> Result<(), ApiError> {
        Ok(())
    }
}

fn main() {}
