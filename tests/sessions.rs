//! Sessions end to end (tests/specs/sessions.yaml): the router settles who is calling before a
//! byte of the body is read, refuses every missing, malformed or unknown credential with one
//! envelope, hands the method the typed session and never the secret; each build sends and
//! reads its own header; the client carries the credential, shared by clones, redacted; the
//! OpenAPI documents say how each build proves its session.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use veil::Credential;
use veil::client::{ClientError, Transport};
use veil::server::{ApiError, Authenticate, RequestContext, ServerOptions};

mod accounts {
    veil::generate!("specs/sessions.yaml", models, server, client, openapi);
}

use accounts::{AccountApi, AccountClient, LoggedIn, Profile, Variant};

/// A token of user `ana`, one of `bob`, and one whose check fails in the store.
const ANA: &str = "tok-ana-7f3a9c";
const BOB: &str = "tok-bob-11d0e2";
const BROKEN: &str = "tok-broken";

/// Who is calling, as the methods receive it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct User(String);

/// Counts what reached user code, and keeps what the methods saw.
#[derive(Default)]
struct Accounts {
    authenticated: AtomicUsize,
    methods: AtomicUsize,
    /// The header names each method saw in its context.
    seen_headers: Mutex<Vec<Vec<String>>>,
    /// Nicknames set, by user.
    renamed: Mutex<Vec<(String, String)>>,
}

impl Accounts {
    /// How many session checks and method calls ran.
    fn reached(&self) -> (usize, usize) {
        (
            self.authenticated.load(Ordering::SeqCst),
            self.methods.load(Ordering::SeqCst),
        )
    }

    fn saw(&self, context: &RequestContext) {
        self.methods.fetch_add(1, Ordering::SeqCst);
        let names = context.headers().keys().map(|k| k.to_string()).collect();
        self.seen_headers.lock().unwrap().push(names);
    }
}

impl Authenticate for Accounts {
    type Session = User;

    async fn authenticate(
        &self,
        credential: Credential,
        _: &RequestContext,
    ) -> Result<Option<User>, ApiError> {
        self.authenticated.fetch_add(1, Ordering::SeqCst);
        Ok(match credential.expose() {
            ANA => Some(User("ana".into())),
            BOB => Some(User("bob".into())),
            BROKEN => return Err(ApiError::internal("the session store is unavailable")),
            _ => None,
        })
    }
}

impl AccountApi for Accounts {
    async fn login(
        &self,
        request: accounts::LoginRequest,
        context: RequestContext,
    ) -> Result<LoggedIn, ApiError> {
        self.saw(&context);
        let token = if request.user == "ana" { ANA } else { BOB };
        Ok(LoggedIn {
            token: token.into(),
        })
    }

    async fn profile(
        &self,
        _: accounts::ProfileRequest,
        session: User,
        context: RequestContext,
    ) -> Result<Profile, ApiError> {
        self.saw(&context);
        Ok(Profile {
            user: session.0,
            nickname: None,
        })
    }

    async fn rename(
        &self,
        request: accounts::RenameRequest,
        session: User,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.saw(&context);
        self.renamed
            .lock()
            .unwrap()
            .push((session.0, request.nickname));
        Ok(())
    }
}

/// A POST to `path` with `headers` and a JSON body, through the router in process.
async fn post(
    accounts: &Arc<Accounts>,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (StatusCode, Value) {
    let router = accounts::router(SharedAccounts(Arc::clone(accounts)), ServerOptions::new());
    let mut request = Request::post(path).header("content-type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Body::from(body.to_owned())).unwrap();
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

/// The backend behind an `Arc`, so that a test can read its counters after the router took it.
struct SharedAccounts(Arc<Accounts>);

impl Authenticate for SharedAccounts {
    type Session = User;

    async fn authenticate(
        &self,
        credential: Credential,
        context: &RequestContext,
    ) -> Result<Option<User>, ApiError> {
        self.0.authenticate(credential, context).await
    }
}

impl AccountApi for SharedAccounts {
    async fn login(
        &self,
        request: accounts::LoginRequest,
        context: RequestContext,
    ) -> Result<LoggedIn, ApiError> {
        self.0.login(request, context).await
    }

    async fn profile(
        &self,
        request: accounts::ProfileRequest,
        session: User,
        context: RequestContext,
    ) -> Result<Profile, ApiError> {
        self.0.profile(request, session, context).await
    }

    async fn rename(
        &self,
        request: accounts::RenameRequest,
        session: User,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.0.rename(request, session, context).await
    }
}

const PROFILE: &str = r#"{"ck":"2"}"#;

fn is_refusal(answer: &(StatusCode, Value)) -> bool {
    answer.0 == StatusCode::UNAUTHORIZED
        && answer.1["code"] == "L1"
        && answer.1["message"] == "a valid session is required"
}

#[tokio::test]
async fn a_request_without_a_credential_is_refused_before_its_body_is_read() {
    let accounts = Arc::new(Accounts::default());
    // The body is not JSON and lacks the decoy: were it read, the answer would be a 400.
    let answer = post(&accounts, "/a/me", &[], "{not json").await;
    assert!(is_refusal(&answer), "{answer:?}");
    assert_eq!(accounts.reached(), (0, 0));
}

#[tokio::test]
async fn malformed_and_unknown_credentials_get_the_same_answer_as_none() {
    let accounts = Arc::new(Accounts::default());
    let none = post(&accounts, "/a/me", &[], PROFILE).await;
    let malformed: [&[(&str, &str)]; 4] = [
        &[("token", "")],
        &[("token", "two words")],
        &[("token", ANA), ("token", BOB)],
        // The other build's header is not this build's.
        &[("authorization", "Bearer tok-ana-7f3a9c")],
    ];
    for headers in malformed {
        let answer = post(&accounts, "/a/me", headers, PROFILE).await;
        assert_eq!(answer, none, "{headers:?}");
    }
    // None of those reached user code, not even the session check.
    assert_eq!(accounts.reached(), (0, 0));
    let unknown = post(&accounts, "/a/me", &[("token", "tok-forged")], PROFILE).await;
    assert_eq!(unknown, none);
    assert!(is_refusal(&unknown), "{unknown:?}");
    assert_eq!(accounts.reached(), (1, 0));
}

#[tokio::test]
async fn the_method_receives_the_typed_session_and_never_the_credential() {
    let accounts = Arc::new(Accounts::default());
    let headers = [("token", ANA), ("x-app-version", "1.4")];
    let (status, body) = post(&accounts, "/a/me", &headers, PROFILE).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["user"], "ana");
    let seen = accounts.seen_headers.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].contains(&"x-app-version".to_owned()), "{seen:?}");
    assert!(!seen[0].contains(&"token".to_owned()), "{seen:?}");
}

#[tokio::test]
async fn each_build_reads_its_own_header() {
    let accounts = Arc::new(Accounts::default());
    let bearer = format!("Bearer {BOB}");
    let web = post(
        &accounts,
        "/w/me",
        &[("authorization", &bearer)],
        r#"{"wk":"8"}"#,
    )
    .await;
    assert_eq!(web.0, StatusCode::OK, "{web:?}");
    assert_eq!(web.1["data"]["user"], "bob");
    // The base build's header, at the web build's path, is no credential there.
    let wrong = post(&accounts, "/w/me", &[("token", BOB)], r#"{"wk":"8"}"#).await;
    assert!(is_refusal(&wrong), "{wrong:?}");
}

#[tokio::test]
async fn an_open_endpoint_needs_no_session_and_checks_none() {
    let accounts = Arc::new(Accounts::default());
    let (status, body) = post(&accounts, "/a/in", &[], r#"{"user":"ana","ck":"1"}"#).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["token"], ANA);
    assert_eq!(accounts.authenticated.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_failing_session_check_is_answered_with_its_own_error() {
    let accounts = Arc::new(Accounts::default());
    let (status, body) = post(&accounts, "/a/me", &[("token", BROKEN)], PROFILE).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    assert_eq!(body["code"], "500");
    assert_eq!(accounts.methods.load(Ordering::SeqCst), 0);
}

/// Serves the router on a free loopback port.
async fn serve(accounts: &Arc<Accounts>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = accounts::router(SharedAccounts(Arc::clone(accounts)), ServerOptions::new());
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

#[tokio::test]
async fn the_client_sends_the_credential_the_way_its_build_does() {
    let accounts = Arc::new(Accounts::default());
    let base = serve(&accounts).await;
    for variant in [Variant::App, Variant::Web] {
        let client = AccountClient::new(&base).unwrap().with_variant(variant);
        // Log in (open), then call with the token the login answered.
        let login = accounts::LoginRequest { user: "ana".into() };
        let token = client.login(&login).await.unwrap().token;
        client.transport().set_credential(Credential::new(token));
        let profile = client.profile(&accounts::ProfileRequest { detail: None });
        assert_eq!(profile.await.unwrap().user, "ana", "{variant:?}");
        let rename = accounts::RenameRequest {
            nickname: "Anita".into(),
        };
        client.rename(&rename).await.unwrap();
    }
    let renamed = accounts.renamed.lock().unwrap().clone();
    assert_eq!(
        renamed,
        [
            ("ana".into(), "Anita".into()),
            ("ana".into(), "Anita".into())
        ]
    );
}

#[tokio::test]
async fn without_a_credential_the_client_sends_nothing() {
    let accounts = Arc::new(Accounts::default());
    let base = serve(&accounts).await;
    let client = AccountClient::new(&base).unwrap();
    let err = client
        .profile(&accounts::ProfileRequest { detail: None })
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::NoCredential { path: "/a/me" }),
        "{err:?}"
    );
    // No round trip: the server saw nothing.
    assert_eq!(accounts.reached(), (0, 0));
}

#[tokio::test]
async fn clones_of_a_transport_share_a_later_login_and_a_logout() {
    let accounts = Arc::new(Accounts::default());
    let base = serve(&accounts).await;
    let transport = Transport::new(&base).unwrap();
    let first = AccountClient::from_transport(transport.clone());
    let second = AccountClient::from_transport(transport.clone());
    transport.set_credential(Credential::new(BOB));
    let request = accounts::ProfileRequest { detail: Some(1) };
    assert_eq!(first.profile(&request).await.unwrap().user, "bob");
    assert_eq!(second.profile(&request).await.unwrap().user, "bob");
    // A server that no longer knows the token answers the spec's refusal.
    second
        .transport()
        .set_credential(Credential::new("tok-expired"));
    let err = first.profile(&request).await.unwrap_err();
    assert!(
        matches!(&err, ClientError::Status { status: 401, .. }),
        "{err:?}"
    );
    transport.clear_credential();
    assert!(matches!(
        second.profile(&request).await.unwrap_err(),
        ClientError::NoCredential { .. }
    ));
}

#[test]
fn debug_output_never_shows_the_credential() {
    let transport = Transport::builder("http://127.0.0.1:9")
        .credential(Credential::new(ANA))
        .build()
        .unwrap();
    let shown = format!("{transport:?} {:?}", transport.clone());
    assert!(!shown.contains(ANA), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
    let err = ClientError::NoCredential { path: "/a/me" };
    assert!(!format!("{err} {err:?}").contains(ANA));
}

#[tokio::test]
async fn the_logs_of_a_session_hold_no_credential() {
    let logs = captured_logs();
    let accounts = Arc::new(Accounts::default());
    let bearer = format!("Bearer {ANA}");
    post(&accounts, "/a/me", &[("token", ANA)], PROFILE).await;
    post(
        &accounts,
        "/w/me",
        &[("authorization", &bearer)],
        r#"{"wk":"8"}"#,
    )
    .await;
    post(&accounts, "/a/me", &[("token", "tok-forged")], PROFILE).await;
    // The buffer holds every test's logs of this binary: none may hold a credential.
    let logs = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("answered") && logs.contains("/w/me"),
        "the requests were logged: {logs}"
    );
    for secret in [ANA, BOB, "tok-forged"] {
        assert!(!logs.contains(secret), "{secret} in {logs}");
    }
}

/// Every log line of this test binary, from a global subscriber installed once. A global one,
/// not a thread's: tracing caches per log site whether any subscriber wants it, and a
/// thread-local subscriber races with the other tests' threads over that cache.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: std::sync::OnceLock<Arc<Mutex<Vec<u8>>>> = std::sync::OnceLock::new();
    Arc::clone(LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::clone(&logs);
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || Capture(Arc::clone(&writer)))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");
        logs
    }))
}

/// A log writer into a shared buffer.
struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn each_builds_openapi_document_says_how_it_proves_its_session() {
    let app: Value = serde_json::from_str(accounts::openapi(Variant::App)).unwrap();
    assert_eq!(
        app["components"]["securitySchemes"]["session"],
        serde_json::json!({
            "type": "apiKey",
            "in": "header",
            "name": "token",
            "description": "The session credential, alone in header `token`.",
        })
    );
    assert_eq!(app["security"], serde_json::json!([{ "session": [] }]));
    // The login is open; the others inherit the document's security.
    assert_eq!(
        app["paths"]["/a/in"]["post"]["security"],
        serde_json::json!([])
    );
    assert!(app["paths"]["/a/me"]["post"].get("security").is_none());
    assert!(app["paths"]["/a/me"]["post"]["responses"]["401"].is_object());
    assert!(
        app["paths"]["/a/in"]["post"]["responses"]
            .get("401")
            .is_none()
    );
    let web: Value = serde_json::from_str(accounts::openapi(Variant::Web)).unwrap();
    assert_eq!(
        web["components"]["securitySchemes"]["session"]["scheme"],
        "bearer"
    );
}
