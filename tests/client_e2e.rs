//! The generated clients against the generated server, over HTTP on 127.0.0.1, for all 13
//! endpoints of spec/crapido.yaml.
//!
//! The server runs with the spec's `decoys: verify`, so a request without every decoy at its
//! value never reaches the backend: every call that succeeds here proves the client sent its
//! decoys right (`decoy_verification_is_on` shows the server does refuse requests without them).
//! The backend records each typed request with the headers it came with and answers the seed's
//! data; the tests compare both ends. Every endpoint needs a session: the clients log in with the
//! test token, which the backend accepts (and `a_wrong_token_is_refused_by_the_server` shows it
//! refuses any other).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use veil::__private::reqwest;
use veil::client::Transport;
use veil::server::{ApiError, RequestContext, ServerOptions};

mod crapido {
    veil::generate!("../spec/crapido.yaml");
}
mod client_support;

use client_support::*;
use crapido::*;

/// A typed request the backend received, one variant per endpoint.
#[derive(Clone, Debug, PartialEq)]
enum Call {
    CreditInfo(CreditInfoRequest),
    SaveCreditInfo(SaveCreditInfoRequest),
    BasicPersonInfo(BasicPersonInfoRequest),
    UploadImage(UploadImageRequest),
    SaveBasicInfo(SaveBasicInfoRequest),
    PersonalInfo(PersonalInfoRequest),
    SavePersonalInfo(SavePersonalInfoRequest),
    JobInfo(JobInfoRequest),
    SaveJobInfo(SaveJobInfoRequest),
    ExtInfo(ExtInfoRequest),
    SaveExtInfo(SaveExtInfoRequest),
    CardInit(CardInitRequest),
    BindCardNew(BindCardNewRequest),
}

/// One request as the backend saw it.
#[derive(Debug)]
struct Seen {
    call: Call,
    public_path: &'static str,
    session: TestSession,
    app_version: Option<String>,
    user_agent: Option<String>,
    /// The session header as user code sees it: never there.
    token: Option<String>,
}

/// Implements both traits, and accepts the test token. Clones share the record: the test keeps
/// one, the router another.
#[derive(Clone, Default)]
struct Backend {
    seen: Arc<Mutex<Vec<Seen>>>,
}

accept_test_token!(Backend);

impl Backend {
    fn record(&self, call: Call, session: TestSession, context: &RequestContext) {
        let header = |name: &str| {
            context
                .headers()
                .get(name)
                .map(|value| value.to_str().expect("an ASCII header").to_owned())
        };
        self.seen.lock().unwrap().push(Seen {
            call,
            public_path: context.public_path(),
            session,
            app_version: header("x-app-version"),
            user_agent: header("user-agent"),
            token: header(TOKEN_HEADER),
        });
    }

    /// Everything received so far, emptying the record.
    fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

/// The upload's answer: the seed's OCR result, with `is_need_pop` = 1 for an ID front (OCR
/// misread it, the app must let the user correct it) and 0 for any other photo.
fn upload_answer(kind: ImageKind) -> UploadResult {
    let mut answer: UploadResult = seed_data("04-upload-image.json");
    answer.is_need_pop = i64::from(kind == ImageKind::IdFront);
    answer
}

impl CertifyApi for Backend {
    async fn credit_info(
        &self,
        request: CreditInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.record(Call::CreditInfo(request), session, &context);
        Ok(seed_data("01-credit-info.json"))
    }

    async fn save_credit_info(
        &self,
        request: SaveCreditInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.record(Call::SaveCreditInfo(request), session, &context);
        Ok(())
    }

    async fn basic_person_info(
        &self,
        request: BasicPersonInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<PersonDocuments, ApiError> {
        self.record(Call::BasicPersonInfo(request), session, &context);
        Ok(seed_data("03-basic-person-info.json"))
    }

    async fn upload_image(
        &self,
        request: UploadImageRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<UploadResult, ApiError> {
        let answer = upload_answer(request.r#type);
        self.record(Call::UploadImage(request), session, &context);
        Ok(answer)
    }

    async fn save_basic_info(
        &self,
        request: SaveBasicInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.record(Call::SaveBasicInfo(request), session, &context);
        Ok(())
    }

    async fn personal_info(
        &self,
        request: PersonalInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.record(Call::PersonalInfo(request), session, &context);
        Ok(seed_data("06-personal-info.json"))
    }

    async fn save_personal_info(
        &self,
        request: SavePersonalInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.record(Call::SavePersonalInfo(request), session, &context);
        Ok(())
    }

    async fn job_info(
        &self,
        request: JobInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.record(Call::JobInfo(request), session, &context);
        Ok(seed_data("08-job-info.json"))
    }

    async fn save_job_info(
        &self,
        request: SaveJobInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.record(Call::SaveJobInfo(request), session, &context);
        Ok(())
    }

    async fn ext_info(
        &self,
        request: ExtInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<ContactsData, ApiError> {
        self.record(Call::ExtInfo(request), session, &context);
        Ok(seed_data("10-ext-info.json"))
    }

    async fn save_ext_info(
        &self,
        request: SaveExtInfoRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.record(Call::SaveExtInfo(request), session, &context);
        Ok(())
    }
}

impl BindCardApi for Backend {
    async fn card_init(
        &self,
        request: CardInitRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<FormData, ApiError> {
        self.record(Call::CardInit(request), session, &context);
        Ok(seed_data("12-card-init.json"))
    }

    async fn bind_card_new(
        &self,
        request: BindCardNewRequest,
        session: TestSession,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.record(Call::BindCardNew(request), session, &context);
        Ok(())
    }
}

/// Serves the generated router over `backend` on a free port of 127.0.0.1; returns the base URL.
async fn start(backend: Backend) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(veil::server::serve(
        listener,
        router(backend, ServerOptions::new()),
    ));
    format!("http://{address}")
}

/// The app's photo step: upload, and when OCR asks for it (`is_need_pop` = 1), send the data the
/// user corrected. Returns what was sent, in order.
async fn photo_step(client: &CertifyClient, upload: UploadImageRequest) -> Vec<Call> {
    let kind = upload.r#type;
    let result = client.upload_image(&upload).await.expect("upload_image");
    assert_eq!(result, upload_answer(kind), "the upload's answer");
    let mut sent = vec![Call::UploadImage(upload)];
    if result.is_need_pop == 1 {
        let corrected = save_basic_info();
        client
            .save_basic_info(&corrected)
            .await
            .expect("save_basic_info");
        sent.push(Call::SaveBasicInfo(corrected));
    }
    sent
}

/// Goes through the whole certification flow, all 13 endpoints in the document's order,
/// checking every answered value against the seed's data. Returns what was sent, in order.
async fn walk(certify: &CertifyClient, bind_card: &BindCardClient) -> Vec<Call> {
    let mut sent = Vec::new();

    let request = credit_info();
    let form = certify.credit_info(&request).await.expect("credit_info");
    assert_eq!(form, seed_data::<FormData>("01-credit-info.json"));
    assert_eq!(form.items.len(), 5);
    sent.push(Call::CreditInfo(request));

    let request = save_credit_info();
    let () = certify
        .save_credit_info(&request)
        .await
        .expect("save_credit_info");
    sent.push(Call::SaveCreditInfo(request));

    let request = basic_person_info();
    let documents = certify
        .basic_person_info(&request)
        .await
        .expect("basic_person_info");
    assert_eq!(
        documents,
        seed_data::<PersonDocuments>("03-basic-person-info.json")
    );
    assert_eq!(
        documents.id_front.info.as_ref().unwrap().id_number,
        OCR_CURP
    );
    sent.push(Call::BasicPersonInfo(request));

    // The ID front: OCR misread it, so the correction is sent too.
    let photo = photo_step(certify, upload_image(ImageKind::IdFront, PHOTO_FILE_NAME)).await;
    assert_eq!(
        photo.len(),
        2,
        "the upload of the ID front asks for a correction"
    );
    sent.extend(photo);

    let request = personal_info();
    let form = certify
        .personal_info(&request)
        .await
        .expect("personal_info");
    assert_eq!(form, seed_data::<FormData>("06-personal-info.json"));
    sent.push(Call::PersonalInfo(request));

    let request = save_personal_info();
    let () = certify
        .save_personal_info(&request)
        .await
        .expect("save_personal_info");
    sent.push(Call::SavePersonalInfo(request));

    let request = job_info();
    let form = certify.job_info(&request).await.expect("job_info");
    assert_eq!(form, seed_data::<FormData>("08-job-info.json"));
    sent.push(Call::JobInfo(request));

    let request = save_job_info();
    let () = certify
        .save_job_info(&request)
        .await
        .expect("save_job_info");
    sent.push(Call::SaveJobInfo(request));

    let request = ext_info();
    let contacts = certify.ext_info(&request).await.expect("ext_info");
    assert_eq!(contacts, seed_data::<ContactsData>("10-ext-info.json"));
    assert_eq!(contacts.emergent.lineal_list.len(), 7);
    sent.push(Call::ExtInfo(request));

    let request = save_ext_info();
    let () = certify
        .save_ext_info(&request)
        .await
        .expect("save_ext_info");
    sent.push(Call::SaveExtInfo(request));

    let request = card_init();
    let form = bind_card.card_init(&request).await.expect("card_init");
    assert_eq!(form, seed_data::<FormData>("12-card-init.json"));
    assert_eq!(form.items[0].cate, Cate::Tip);
    sent.push(Call::CardInit(request));

    let request = bind_card_new();
    let () = bind_card
        .bind_card_new(&request)
        .await
        .expect("bind_card_new");
    sent.push(Call::BindCardNew(request));

    sent
}

/// The public path each call must have come in through, from the seed document.
fn public_path(call: &Call) -> &'static str {
    match call {
        Call::CreditInfo(_) => "/Crapido/mkla-pk",
        Call::SaveCreditInfo(_) => "/Crapido/aksl",
        Call::BasicPersonInfo(_) => "/Crapido/UserInit",
        Call::UploadImage(_) => "/Crapido/upimg",
        Call::SaveBasicInfo(_) => "/Crapido/SeBinfo",
        Call::PersonalInfo(_) => "/Crapido/Coldja",
        Call::SavePersonalInfo(_) => "/Crapido/mksl",
        Call::JobInfo(_) => "/Crapido/jobMa",
        Call::SaveJobInfo(_) => "/Crapido/Sejom",
        Call::ExtInfo(_) => "/Crapido/etInfo",
        Call::SaveExtInfo(_) => "/Crapido/saetInfo",
        Call::CardInit(_) => "/Crapido/CA-LSKD",
        Call::BindCardNew(_) => "/Crapido/alksmdn-laskd",
    }
}

/// Checks that the backend received exactly `sent`, each through its public path, with the
/// session of the test token and without the token itself among the headers.
fn assert_received(seen: &[Seen], sent: &[Call]) {
    let received: Vec<&Call> = seen.iter().map(|seen| &seen.call).collect();
    let sent: Vec<&Call> = sent.iter().collect();
    assert_eq!(received, sent, "the backend received other requests");
    for seen in seen {
        assert_eq!(seen.public_path, public_path(&seen.call), "{:?}", seen.call);
        assert_eq!(
            seen.session,
            TestSession { variant: "crapido" },
            "{:?}",
            seen.call
        );
        assert_eq!(seen.token, None, "{:?}", seen.call);
    }
}

/// Logs `client`'s transport in with the test token.
fn logged_in<C>(client: C, transport: impl FnOnce(&C) -> &Transport) -> C {
    transport(&client).set_credential(test_credential());
    client
}

/// A certify client of `base`, logged in.
fn certify_client(base: &str) -> CertifyClient {
    logged_in(CertifyClient::new(base).unwrap(), CertifyClient::transport)
}

/// A bind-card client of `base`, logged in.
fn bind_card_client(base: &str) -> BindCardClient {
    logged_in(
        BindCardClient::new(base).unwrap(),
        BindCardClient::transport,
    )
}

#[tokio::test]
async fn all_13_endpoints_round_trip_between_the_generated_client_and_server() {
    let backend = Backend::default();
    let base = start(backend.clone()).await;
    let certify = certify_client(&base);
    let bind_card = bind_card_client(&base);

    let sent = walk(&certify, &bind_card).await;
    assert_eq!(sent.len(), 13);
    let seen = backend.take();
    assert_received(&seen, &sent);

    // Every endpoint was reached once, in the document's order.
    let paths: Vec<&str> = seen.iter().map(|seen| seen.public_path).collect();
    assert_eq!(
        paths,
        [
            "/Crapido/mkla-pk",
            "/Crapido/aksl",
            "/Crapido/UserInit",
            "/Crapido/upimg",
            "/Crapido/SeBinfo",
            "/Crapido/Coldja",
            "/Crapido/mksl",
            "/Crapido/jobMa",
            "/Crapido/Sejom",
            "/Crapido/etInfo",
            "/Crapido/saetInfo",
            "/Crapido/CA-LSKD",
            "/Crapido/alksmdn-laskd",
        ]
    );
    // No default header was configured.
    assert!(seen.iter().all(|seen| seen.app_version.is_none()));
}

#[tokio::test]
async fn the_upload_arrives_with_its_bytes_file_name_and_content_type() {
    let backend = Backend::default();
    let base = start(backend.clone()).await;
    let certify = certify_client(&base);

    let result = certify
        .upload_image(&upload_image(ImageKind::Face, "selfie.jpeg"))
        .await
        .unwrap();
    assert_eq!(result.is_need_pop, 0);
    assert_eq!(result.idcard_num, OCR_CURP);
    assert!(result.status);

    let seen = backend.take();
    assert_eq!(seen.len(), 1);
    let Call::UploadImage(upload) = &seen[0].call else {
        panic!("not an upload: {:?}", seen[0].call);
    };
    assert_eq!(upload.r#type, ImageKind::Face);
    assert_eq!(upload.attach.bytes, JPEG);
    assert_eq!(upload.attach.file_name.as_deref(), Some("selfie.jpeg"));
    assert_eq!(upload.attach.content_type.as_deref(), Some("image/jpeg"));
}

#[tokio::test]
async fn save_basic_info_is_sent_only_when_the_upload_asks_for_a_correction() {
    let backend = Backend::default();
    let base = start(backend.clone()).await;
    let certify = certify_client(&base);

    // The back of the ID reads fine: no correction.
    let back = photo_step(&certify, upload_image(ImageKind::IdBack, "id_back.jpg")).await;
    assert_eq!(back.len(), 1);
    // The front is misread: is_need_pop = 1, and the corrected data follows.
    let front = photo_step(&certify, upload_image(ImageKind::IdFront, PHOTO_FILE_NAME)).await;
    assert_eq!(front.len(), 2);

    let seen = backend.take();
    assert_received(&seen, &[back, front].concat());
    let Call::SaveBasicInfo(saved) = &seen[2].call else {
        panic!("not a correction: {:?}", seen[2].call);
    };
    assert_eq!(saved.name, CORRECTED_NAME);
    assert_eq!(saved.id_number, CORRECTED_CURP);
    assert_eq!(saved.birthday, BIRTHDAY);
    assert_eq!(saved.r#type, ImageKind::IdFront);
}

#[tokio::test]
async fn a_transport_header_is_sent_with_every_request() {
    let backend = Backend::default();
    let base = start(backend.clone()).await;
    // The credential is set once on the builder, and both clients' clones of the transport
    // send it.
    let transport = Transport::builder(&base)
        .header("X-App-Version", "3.1.0")
        .credential(test_credential())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    assert_eq!(transport.base_url(), base);
    let certify = CertifyClient::from_transport(transport.clone());
    let bind_card = BindCardClient::from_transport(transport);
    assert_eq!(certify.transport().base_url(), base);
    assert!(bind_card.transport().has_credential());

    let sent = walk(&certify, &bind_card).await;
    let seen = backend.take();
    assert_received(&seen, &sent);
    assert_eq!(seen.len(), 13);
    for seen in &seen {
        assert_eq!(
            seen.app_version.as_deref(),
            Some("3.1.0"),
            "{}",
            seen.public_path
        );
    }
}

#[tokio::test]
async fn with_client_sends_through_the_given_reqwest_client() {
    let backend = Backend::default();
    let base = start(backend.clone()).await;
    // The user's client is recognisable on the server by its user agent.
    let http = reqwest::Client::builder()
        .user_agent("crapido-app/3.1.0 (test)")
        .build()
        .unwrap();
    let certify = logged_in(
        CertifyClient::with_client(http.clone(), &base).unwrap(),
        CertifyClient::transport,
    );
    let bind_card = logged_in(
        BindCardClient::with_client(http, &format!("{base}/")).unwrap(),
        BindCardClient::transport,
    );
    assert_eq!(
        bind_card.transport().base_url(),
        base,
        "the trailing / is dropped"
    );

    let sent = walk(&certify, &bind_card).await;
    let seen = backend.take();
    assert_received(&seen, &sent);
    for seen in &seen {
        assert_eq!(
            seen.user_agent.as_deref(),
            Some("crapido-app/3.1.0 (test)"),
            "{}",
            seen.public_path
        );
    }
}

/// Without this, the round trips above would prove nothing about decoys: the server refuses a
/// request whose decoys are missing or wrong, before the backend.
#[tokio::test]
async fn decoy_verification_is_on() {
    let backend = Backend::default();
    let base = start(backend.clone()).await;
    let http = reqwest::Client::new();
    let post = |body: Value| {
        let request = http
            .post(format!("{base}/Crapido/mkla-pk"))
            .header("content-type", "application/json")
            .header(TOKEN_HEADER, TEST_TOKEN)
            .body(body.to_string());
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200, "always_ok");
            serde_json::from_slice::<Value>(&response.bytes().await.unwrap()).unwrap()
        }
    };

    let right = json!({
        "mobile": MOBILE, "product_id": "2", "KAMD": "ksjd", "FPALS": "12315a", "AJKDS": "3"
    });
    assert_eq!(post(right.clone()).await["code"], "00");
    assert_eq!(backend.take().len(), 1);

    let mut missing = right.clone();
    missing.as_object_mut().unwrap().remove("FPALS");
    let mut wrong = right;
    wrong["AJKDS"] = json!("4");
    for body in [json!({"mobile": MOBILE, "product_id": "2"}), missing, wrong] {
        let answer = post(body.clone()).await;
        assert_ne!(answer["code"], "00", "{body} was accepted");
        assert_eq!(answer["message"], "bad request", "{body}");
    }
    assert!(
        backend.take().is_empty(),
        "a request with bad decoys got through"
    );
}

/// The round trips above prove nothing about sessions unless the server refuses other tokens:
/// a client logged in with another token is answered the `unauthorized` code, and a logged-out
/// one sends nothing at all.
#[tokio::test]
async fn a_wrong_token_is_refused_by_the_server() {
    let backend = Backend::default();
    let base = start(backend.clone()).await;
    let certify = certify_client(&base);
    certify
        .credit_info(&credit_info())
        .await
        .expect("logged in");
    assert_eq!(backend.take().len(), 1);

    certify
        .transport()
        .set_credential(veil::Credential::new(WRONG_TOKEN));
    let err = certify.credit_info(&credit_info()).await.unwrap_err();
    let veil::client::ClientError::Api { code, message } = &err else {
        panic!("not an API error: {err:?}");
    };
    assert_eq!(code, "401");
    assert_eq!(message, "a valid session is required");

    certify.transport().clear_credential();
    let err = certify.credit_info(&credit_info()).await.unwrap_err();
    assert!(
        matches!(
            err,
            veil::client::ClientError::NoCredential {
                path: "/Crapido/mkla-pk"
            }
        ),
        "{err:?}"
    );
    assert!(
        backend.take().is_empty(),
        "a refused request reached the backend"
    );
}
