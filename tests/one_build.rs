//! `variant = "name"` generates one app build only: a client app built this way carries no
//! other build's public paths or decoys.

mod lanaya {
    veil::generate!("../spec/crapido.yaml", models, client, variant = "lanaya");
}

mod both {
    veil::generate!("../spec/crapido.yaml", models, server);
}

#[path = "common/session.rs"]
mod session;

use session::*;
use veil::server::ServerOptions;

#[test]
fn only_the_named_build_is_generated() {
    assert_eq!(lanaya::Variant::ALL, [lanaya::Variant::Lanaya]);
    assert_eq!(lanaya::Variant::BASE, lanaya::Variant::Lanaya);
    assert_eq!(lanaya::Variant::BASE.name(), "lanaya");
}

#[tokio::test]
async fn the_one_build_client_speaks_its_build() {
    // A server of every build, with its own copy of the generated API; the one-build client
    // calls it at LanaYa's paths with LanaYa's decoys (verified by the server), logged in with
    // LanaYa's bearer credential (the only header the server reads at LanaYa's paths).
    struct Backend;
    accept_test_token!(Backend);
    impl both::BindCardApi for Backend {
        async fn card_init(
            &self,
            _: both::CardInitRequest,
            session: TestSession,
            context: veil::server::RequestContext,
        ) -> Result<both::FormData, veil::server::ApiError> {
            assert_eq!(context.variant(), "lanaya");
            assert_eq!(session, TestSession { variant: "lanaya" });
            Ok(both::FormData { items: Vec::new() })
        }
        async fn bind_card_new(
            &self,
            _: both::BindCardNewRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<(), veil::server::ApiError> {
            Ok(())
        }
    }
    impl both::CertifyApi for Backend {
        async fn credit_info(
            &self,
            _: both::CreditInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<both::FormData, veil::server::ApiError> {
            unreachable()
        }
        async fn save_credit_info(
            &self,
            _: both::SaveCreditInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<(), veil::server::ApiError> {
            unreachable()
        }
        async fn basic_person_info(
            &self,
            _: both::BasicPersonInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<both::PersonDocuments, veil::server::ApiError> {
            unreachable()
        }
        async fn upload_image(
            &self,
            _: both::UploadImageRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<both::UploadResult, veil::server::ApiError> {
            unreachable()
        }
        async fn save_basic_info(
            &self,
            _: both::SaveBasicInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<(), veil::server::ApiError> {
            unreachable()
        }
        async fn personal_info(
            &self,
            _: both::PersonalInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<both::FormData, veil::server::ApiError> {
            unreachable()
        }
        async fn save_personal_info(
            &self,
            _: both::SavePersonalInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<(), veil::server::ApiError> {
            unreachable()
        }
        async fn job_info(
            &self,
            _: both::JobInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<both::FormData, veil::server::ApiError> {
            unreachable()
        }
        async fn save_job_info(
            &self,
            _: both::SaveJobInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<(), veil::server::ApiError> {
            unreachable()
        }
        async fn ext_info(
            &self,
            _: both::ExtInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<both::ContactsData, veil::server::ApiError> {
            unreachable()
        }
        async fn save_ext_info(
            &self,
            _: both::SaveExtInfoRequest,
            _: TestSession,
            _: veil::server::RequestContext,
        ) -> Result<(), veil::server::ApiError> {
            unreachable()
        }
    }
    fn unreachable<T>() -> Result<T, veil::server::ApiError> {
        Err(veil::server::ApiError::new("X", "not part of this test"))
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(veil::server::serve(
        listener,
        both::router(Backend, ServerOptions::new()),
    ));
    let client = lanaya::BindCardClient::new(&base).unwrap();
    client.transport().set_credential(test_credential());
    let form = client
        .card_init(&lanaya::CardInitRequest {
            mobile: Some("5512345678".into()),
            product_id: "2".into(),
        })
        .await
        .unwrap();
    assert!(form.items.is_empty());
}
