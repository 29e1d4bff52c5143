//! Two app builds over one implementation: the generated router serves the base build
//! (`crapido`) and the invented second build (`lanaya`) at once, with decoy verification on; a
//! client of each build walks its own paths and the request context says which build came in.

mod common;

use std::sync::{Arc, Mutex};

use serde_json::json;
use veil::server::{ApiError, RequestContext, ServerOptions};

mod spec {
    veil::generate!("../spec/crapido.yaml", models, server, client, openapi);
}

use common::{TestSession, test_session};
use spec::*;

/// Records the build and public path of every request; answers the seed's data. Accepts the
/// test session's token, in each build's own header.
#[derive(Clone, Default)]
struct Builds(Arc<Mutex<Vec<(&'static str, &'static str)>>>);

common::accept_test_token!(Builds);

impl Builds {
    fn saw(&self, session: &TestSession, context: &RequestContext) {
        // The session was made of the credential this build's header carried.
        assert_eq!(session.variant, context.variant());
        self.0
            .lock()
            .unwrap()
            .push((context.variant(), context.public_path()));
    }
    fn take(&self) -> Vec<(&'static str, &'static str)> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl CertifyApi for Builds {
    async fn credit_info(
        &self,
        _: CreditInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.saw(&s, &c);
        Ok(common::seed_data("01-credit-info.json"))
    }
    async fn save_credit_info(
        &self,
        _: SaveCreditInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<(), ApiError> {
        self.saw(&s, &c);
        Ok(())
    }
    async fn basic_person_info(
        &self,
        _: BasicPersonInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<PersonDocuments, ApiError> {
        self.saw(&s, &c);
        Ok(common::seed_data("03-basic-person-info.json"))
    }
    async fn upload_image(
        &self,
        _: UploadImageRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<UploadResult, ApiError> {
        self.saw(&s, &c);
        Ok(common::seed_data("04-upload-image.json"))
    }
    async fn save_basic_info(
        &self,
        _: SaveBasicInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<(), ApiError> {
        self.saw(&s, &c);
        Ok(())
    }
    async fn personal_info(
        &self,
        _: PersonalInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.saw(&s, &c);
        Ok(common::seed_data("06-personal-info.json"))
    }
    async fn save_personal_info(
        &self,
        _: SavePersonalInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<(), ApiError> {
        self.saw(&s, &c);
        Ok(())
    }
    async fn job_info(
        &self,
        _: JobInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.saw(&s, &c);
        Ok(common::seed_data("08-job-info.json"))
    }
    async fn save_job_info(
        &self,
        _: SaveJobInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<(), ApiError> {
        self.saw(&s, &c);
        Ok(())
    }
    async fn ext_info(
        &self,
        _: ExtInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<ContactsData, ApiError> {
        self.saw(&s, &c);
        Ok(common::seed_data("10-ext-info.json"))
    }
    async fn save_ext_info(
        &self,
        _: SaveExtInfoRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<(), ApiError> {
        self.saw(&s, &c);
        Ok(())
    }
}

impl BindCardApi for Builds {
    async fn card_init(
        &self,
        _: CardInitRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.saw(&s, &c);
        Ok(common::seed_data("12-card-init.json"))
    }
    async fn bind_card_new(
        &self,
        _: BindCardNewRequest,
        s: TestSession,
        c: RequestContext,
    ) -> Result<(), ApiError> {
        self.saw(&s, &c);
        Ok(())
    }
}

fn json_request<T: serde::de::DeserializeOwned>(endpoint: &common::Endpoint) -> T {
    serde_json::from_value(common::good_json(endpoint)).unwrap()
}

/// Calls all 13 endpoints through clients of `variant`.
async fn walk(base: &str, variant: Variant) {
    let certify = CertifyClient::new(base).unwrap().with_variant(variant);
    let bind_card = BindCardClient::new(base).unwrap().with_variant(variant);
    assert_eq!(certify.variant(), variant);
    // Logged in: each client sends the token in its build's header.
    certify
        .transport()
        .set_credential(common::test_credential());
    bind_card
        .transport()
        .set_credential(common::test_credential());
    certify
        .credit_info(&json_request(&common::CREDIT_INFO))
        .await
        .unwrap();
    certify
        .save_credit_info(&json_request(&common::SAVE_CREDIT_INFO))
        .await
        .unwrap();
    certify
        .basic_person_info(&json_request(&common::BASIC_PERSON_INFO))
        .await
        .unwrap();
    let upload = UploadImageRequest {
        attach: veil::FilePart::new(common::JPEG.to_vec(), "front.jpg", "image/jpeg"),
        r#type: ImageKind::IdFront,
    };
    certify.upload_image(&upload).await.unwrap();
    certify
        .save_basic_info(&json_request(&common::SAVE_BASIC_INFO))
        .await
        .unwrap();
    certify
        .personal_info(&json_request(&common::PERSONAL_INFO))
        .await
        .unwrap();
    certify
        .save_personal_info(&json_request(&common::SAVE_PERSONAL_INFO))
        .await
        .unwrap();
    certify
        .job_info(&json_request(&common::JOB_INFO))
        .await
        .unwrap();
    certify
        .save_job_info(&json_request(&common::SAVE_JOB_INFO))
        .await
        .unwrap();
    certify
        .ext_info(&json_request(&common::EXT_INFO))
        .await
        .unwrap();
    certify
        .save_ext_info(&json_request(&common::SAVE_EXT_INFO))
        .await
        .unwrap();
    bind_card
        .card_init(&json_request(&common::CARD_INIT))
        .await
        .unwrap();
    bind_card
        .bind_card_new(&json_request(&common::BIND_CARD_NEW))
        .await
        .unwrap();
}

#[tokio::test]
async fn one_server_serves_both_builds_and_each_client_walks_its_own() {
    let builds = Builds::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(veil::server::serve(
        listener,
        router(builds.clone(), ServerOptions::new()),
    ));

    for &variant in Variant::ALL {
        walk(&base, variant).await;
        let seen = builds.take();
        assert_eq!(seen.len(), 13, "{variant:?}");
        for (build, path) in &seen {
            assert_eq!(*build, variant.name(), "{path}");
            // Every public path of this build, and no other build's.
            let route = ROUTES.iter().find(|r| r.public_path == *path).unwrap();
            assert_eq!(route.variant, variant.name());
        }
    }
    assert_eq!(Variant::ALL, [Variant::Crapido, Variant::Lanaya]);
    assert_eq!(ROUTES.len(), 26);
}

#[tokio::test]
async fn a_build_refuses_another_builds_decoys() {
    // LanaYa's credit-info path with the base build's decoys: verification fails.
    let app = router(Builds::default(), ServerOptions::new());
    let body = common::good_json(&common::CREDIT_INFO);
    let (session, credential) = common::session_header_of("lanaya");
    let request = veil::__private::axum::http::Request::post("/LanaYa/qst-init")
        .header("content-type", "application/json")
        .header(session, credential)
        .body(veil::__private::axum::body::Body::from(body.to_string()))
        .unwrap();
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = app.oneshot(request).await.unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let envelope: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(envelope, json!({"code": "400", "message": "bad request"}));
}

#[test]
fn each_build_has_its_own_openapi_document() {
    for &variant in Variant::ALL {
        let document: serde_json::Value = serde_json::from_str(openapi(variant)).unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        let paths = document["paths"].as_object().unwrap();
        assert_eq!(paths.len(), 13);
        for route in ROUTES.iter().filter(|r| r.variant == variant.name()) {
            assert!(
                paths.contains_key(route.public_path),
                "{}",
                route.public_path
            );
        }
        // The public API only: no real name appears anywhere in the document.
        let text = openapi(variant);
        for route in ROUTES {
            assert!(
                !text.contains(route.real_name),
                "{} leaks {}",
                variant.name(),
                route.real_name
            );
        }
    }
    let crapido: serde_json::Value = serde_json::from_str(openapi(Variant::Crapido)).unwrap();
    let body = &crapido["paths"]["/Crapido/mkla-pk"]["post"]["requestBody"]["content"]["application/json"]
        ["schema"];
    assert_eq!(
        body["properties"]["KAMD"],
        json!({"type": "string", "const": "ksjd"})
    );
    let required: Vec<&str> = body["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["mobile", "product_id", "KAMD", "FPALS", "AJKDS"]);
}

/// The generator writes media types into the OpenAPI documents, the runtime sends and expects
/// them on the wire; each keeps its own table (the runtime cannot depend on the generator), so
/// this holds them equal.
#[test]
fn the_generator_and_the_runtime_name_the_same_media_types() {
    use veil::__private::meta::Encoding as Runtime;
    use veil_codegen::ir::Encoding as Generator;
    let pairs = [
        (Generator::Json, Runtime::Json),
        (Generator::Form, Runtime::Form),
        (Generator::Multipart, Runtime::Multipart),
    ];
    for (generator, runtime) in pairs {
        assert_eq!(
            generator.media_type(),
            runtime.media_type(),
            "{generator:?}"
        );
    }
}
