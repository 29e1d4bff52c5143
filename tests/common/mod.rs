//! Shared by the server tests (tests/server.rs, tests/server_http.rs): the server generated from
//! spec/crapido.yaml, a backend implementing both of its traits, and a good request for each of
//! the 13 endpoints, built by hand from the seed document's field lists with every decoy at the
//! value spec/crapido.yaml gives it. Every endpoint needs a session: the backend accepts exactly
//! [`TEST_TOKEN`] (tests/common/session.rs), and [`session_header`] says how a request to a
//! path carries it.
#![allow(dead_code)] // each test binary uses its own share of the helpers

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use veil::Credential;
use veil::server::{ApiError, Authenticate, RequestContext};

pub mod crapido {
    veil::generate!("../../spec/crapido.yaml");
}

pub mod session;

use crapido::*;
pub use session::*;

/// The header and value that carry [`TEST_TOKEN`] in a request to `path`, in the build's own
/// way: `token: <token>` at a public path of crapido and at a real name (routed, when it is,
/// with the base build's disguise), `Authorization: Bearer <token>` at one of lanaya. `None` for
/// a path crapido does not have.
pub fn session_header(path: &str) -> Option<(&'static str, String)> {
    ROUTES
        .iter()
        .find_map(|route| {
            if route.public_path == path {
                Some(route.variant)
            } else if route.real_name == path {
                Some("crapido")
            } else {
                None
            }
        })
        .map(session_header_of)
}

/// A JSON file under tests/seed/.
pub fn seed(path: &str) -> Value {
    let full = format!("{}/tests/seed/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The `data` of a seed response example (`null` when it has none), decoded as `T`.
pub fn seed_data<T: DeserializeOwned>(file: &str) -> T {
    let data = seed(&format!("responses/{file}"))
        .get("data")
        .cloned()
        .unwrap_or(Value::Null);
    serde_json::from_value(data).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// One endpoint of crapido, as a client sees it.
#[derive(Clone, Copy, Debug)]
pub struct Endpoint {
    pub public_path: &'static str,
    pub real_name: &'static str,
    /// The seed response example the backend answers with.
    pub seed_response: &'static str,
    /// The success code this endpoint answers.
    pub success: &'static str,
    /// The decoys with the values spec/crapido.yaml gives them (the generated `alksmdj` with a
    /// value a client could draw).
    pub decoys: &'static [(&'static str, &'static str)],
    /// Whether the answer carries `data`.
    pub has_data: bool,
}

pub const CREDIT_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/mkla-pk",
    real_name: "/v3/certify/credit-info",
    seed_response: "01-credit-info.json",
    success: "00",
    decoys: &[("KAMD", "ksjd"), ("FPALS", "12315a"), ("AJKDS", "3")],
    has_data: true,
};
pub const SAVE_CREDIT_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/aksl",
    real_name: "/v3/certify/save-credit-info",
    seed_response: "02-save-credit-info.json",
    success: "00",
    decoys: &[("MKAS", "19")],
    has_data: false,
};
pub const BASIC_PERSON_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/UserInit",
    real_name: "/v3/certify/basic-person-info",
    seed_response: "03-basic-person-info.json",
    success: "0",
    decoys: &[("aksld", "236541")],
    has_data: true,
};
pub const UPLOAD_IMAGE: Endpoint = Endpoint {
    public_path: "/Crapido/upimg",
    real_name: "/credit-info/upload-image",
    seed_response: "04-upload-image.json",
    success: "0",
    decoys: &[("AKS_lk", "1"), ("laks_pl", "23")],
    has_data: true,
};
pub const SAVE_BASIC_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/SeBinfo",
    real_name: "/v3/certify/save-basic-info",
    seed_response: "05-save-basic-info.json",
    success: "0",
    decoys: &[("plAKS", "sda")],
    has_data: false,
};
pub const PERSONAL_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/Coldja",
    real_name: "/v3/certify/personal-info",
    seed_response: "06-personal-info.json",
    success: "00",
    decoys: &[("gsd_id", "215")],
    has_data: true,
};
pub const SAVE_PERSONAL_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/mksl",
    real_name: "/v3/certify/save-personal-info",
    seed_response: "07-save-personal-info.json",
    success: "00",
    decoys: &[("alksmdj", "Zx81Qa0p"), ("pals_skd", "598")],
    has_data: false,
};
pub const JOB_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/jobMa",
    real_name: "/v3/certify/job-info",
    seed_response: "08-job-info.json",
    success: "00",
    decoys: &[("qoaks", "236")],
    has_data: true,
};
pub const SAVE_JOB_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/Sejom",
    real_name: "/v3/certify/save-job-info",
    seed_response: "09-save-job-info.json",
    success: "00",
    decoys: &[],
    has_data: false,
};
pub const EXT_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/etInfo",
    real_name: "/v3/certify/ext-info",
    seed_response: "10-ext-info.json",
    success: "00",
    decoys: &[("sjd_od", "54qw"), ("pla_od", "985")],
    has_data: true,
};
pub const SAVE_EXT_INFO: Endpoint = Endpoint {
    public_path: "/Crapido/saetInfo",
    real_name: "/v3/certify/save-ext-info",
    seed_response: "11-save-ext-info.json",
    success: "00",
    decoys: &[("bhd_id", "322a")],
    has_data: false,
};
pub const CARD_INIT: Endpoint = Endpoint {
    public_path: "/Crapido/CA-LSKD",
    real_name: "/v3/bind-card/card-init",
    seed_response: "12-card-init.json",
    success: "00",
    decoys: &[("alms", "yes"), ("laka", "10")],
    has_data: true,
};
pub const BIND_CARD_NEW: Endpoint = Endpoint {
    public_path: "/Crapido/alksmdn-laskd",
    real_name: "/v3/bind-card/bind-card-new",
    seed_response: "13-bind-card-new.json",
    success: "00",
    decoys: &[("ajshd", "20202")],
    has_data: false,
};

/// The one decoy whose value the client draws afresh for every request (save-personal-info).
pub const GENERATED_DECOY: &str = "alksmdj";

/// Every endpoint, in the document's order.
pub const ENDPOINTS: [Endpoint; 13] = [
    CREDIT_INFO,
    SAVE_CREDIT_INFO,
    BASIC_PERSON_INFO,
    UPLOAD_IMAGE,
    SAVE_BASIC_INFO,
    PERSONAL_INFO,
    SAVE_PERSONAL_INFO,
    JOB_INFO,
    SAVE_JOB_INFO,
    EXT_INFO,
    SAVE_EXT_INFO,
    CARD_INIT,
    BIND_CARD_NEW,
];

// Values from the seed document (tests/seed/), and made-up ones where it shows none.
pub const MOBILE: &str = "8553465753";
pub const CURP: &str = "CORM770627MDFNJR01";
pub const NAME: &str = "MARICELA";
pub const ORDER_NO: &str = "302021101407000223510036";
pub const CLABE: &str = "002010077777777771";
pub const EMAIL: &str = "maricela.cortes@gmail.mx";
pub const BIRTHDAY: &str = "27/06/1977";
pub const HOME_CITY: &str = "Coahuila de Zaragoza|Candela";

/// The good JSON body of `endpoint` (every endpoint but the upload): every request field, then
/// every decoy with its value.
pub fn good_json(endpoint: &Endpoint) -> Value {
    let mut body = match endpoint.public_path {
        "/Crapido/mkla-pk" | "/Crapido/UserInit" | "/Crapido/Coldja" | "/Crapido/jobMa"
        | "/Crapido/etInfo" | "/Crapido/CA-LSKD" => {
            json!({ "mobile": MOBILE, "product_id": "2" })
        }
        // One answer as a number: a client may hold option codes as numbers (ChoiceValue).
        "/Crapido/aksl" => json!({
            "is_borrowed_far": "2",
            "is_network_loan": "1",
            "is_outstanding": "1",
            "is_overdue_maximum": "2",
            "is_overdue_year": 1,
            "order_no": ORDER_NO,
            "product_id": "2",
        }),
        "/Crapido/SeBinfo" => json!({
            "name": NAME,
            "type": "11",
            "id_number": CURP,
            "birthday": BIRTHDAY,
        }),
        "/Crapido/mksl" => json!({
            "birthday": BIRTHDAY,
            "children_num": "2",
            "education": "2",
            "email": EMAIL,
            "home_city": HOME_CITY,
            "idcardnumber": CURP,
            "marriage": "3",
            "sex": "2",
            "order_no": ORDER_NO,
            "product_id": "2",
        }),
        // The two endpoints with a request example in the document send it, with the one value
        // each that the spec's constraints refuse replaced: a company phone "sss" and a contact
        // mobile "110" are not valid data (the refusal itself is tested in tests/server.rs).
        "/Crapido/Sejom" => {
            let mut body = seed("requests/09-save-job-info.json");
            body["company_phone"] = json!(COMPANY_PHONE);
            body
        }
        "/Crapido/saetInfo" => {
            let mut body = seed("requests/11-save-ext-info.json");
            body["second_mobile"] = json!(SECOND_MOBILE);
            body
        }
        "/Crapido/alksmdn-laskd" => json!({
            "bankCode": "40002",
            "cardNo": CLABE,
            "confirmCardNo": CLABE,
            "product_id": "2",
            "order_no": ORDER_NO,
            "userName": "MARICELA CORTES",
            "bankType": "2",
        }),
        other => panic!("{other} has no JSON body"),
    };
    let fields = body.as_object_mut().expect("an object");
    for (name, value) in endpoint.decoys {
        fields.insert((*name).to_owned(), json!(value));
    }
    body
}

/// A company phone the spec accepts, in place of the document's example "sss".
pub const COMPANY_PHONE: &str = "5551234567";
/// A contact mobile the spec accepts, in place of the document's example "110".
pub const SECOND_MOBILE: &str = "5587654321";

/// A few bytes that start and end like a JPEG, and are not UTF-8.
pub const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0xFF, 0xD9,
];

/// One part of a multipart body.
#[derive(Clone, Debug)]
pub enum Part {
    Text(&'static str, String),
    File {
        name: &'static str,
        file_name: &'static str,
        content_type: &'static str,
        bytes: Vec<u8>,
    },
}

impl Part {
    pub fn text(name: &'static str, value: &str) -> Part {
        Part::Text(name, value.to_owned())
    }

    pub fn name(&self) -> &'static str {
        match self {
            Part::Text(name, _) | Part::File { name, .. } => name,
        }
    }
}

/// The parts of a good upload: the photo, its kind (11, the ID front) and both decoys.
pub fn good_upload_parts() -> Vec<Part> {
    let mut parts = vec![
        Part::File {
            name: "attach",
            file_name: "id_front.jpg",
            content_type: "image/jpeg",
            bytes: JPEG.to_vec(),
        },
        Part::text("type", "11"),
    ];
    for (name, value) in UPLOAD_IMAGE.decoys {
        parts.push(Part::text(name, value));
    }
    parts
}

pub const BOUNDARY: &str = "----veil-test-boundary-7MA4YWxkTrZu0gW";

/// The multipart content type with [`BOUNDARY`].
pub fn multipart_content_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// A `multipart/form-data` body of `parts`, delimited by [`BOUNDARY`].
pub fn multipart_body(parts: &[Part]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}")
                        .as_bytes(),
                );
            }
            Part::File {
                name,
                file_name,
                content_type,
                bytes,
            } => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; \
                         filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A typed request the backend received, one variant per endpoint.
#[derive(Debug)]
pub enum Call {
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

/// What the backend does when called.
#[derive(Clone, Debug)]
enum Mode {
    /// Records the request and answers the seed's data.
    Record,
    /// Panics: for requests that must never reach user code.
    Panic,
    /// Answers this error.
    Fail(ApiError),
}

/// Implements both traits of crapido, and `Authenticate` accepting exactly [`TEST_TOKEN`] in
/// every mode. Clones share their record, so a test keeps one handle and gives the router
/// another.
#[derive(Clone)]
pub struct Backend {
    mode: Mode,
    calls: Arc<Mutex<Vec<(Call, RequestContext)>>>,
    hits: Arc<AtomicUsize>,
    /// Credentials checked, accepted or not.
    authentications: Arc<AtomicUsize>,
}

impl Backend {
    fn new(mode: Mode) -> Backend {
        Backend {
            mode,
            calls: Arc::default(),
            hits: Arc::default(),
            authentications: Arc::default(),
        }
    }

    /// Records every request and answers the seed's response data.
    pub fn recording() -> Backend {
        Backend::new(Mode::Record)
    }

    /// Counts, then panics in every method.
    pub fn panicking() -> Backend {
        Backend::new(Mode::Panic)
    }

    /// Answers `error` from every method.
    pub fn failing(error: ApiError) -> Backend {
        Backend::new(Mode::Fail(error))
    }

    /// How many times any method was called.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// How many credentials `authenticate` was asked about, accepted or refused.
    pub fn authentications(&self) -> usize {
        self.authentications.load(Ordering::SeqCst)
    }

    /// A way to read the call count after the backend moved into a router.
    #[allow(dead_code)] // not every test file that shares this module reads it
    pub fn clone_counter(&self) -> impl Fn() -> usize + use<> {
        let hits = Arc::clone(&self.hits);
        move || hits.load(Ordering::SeqCst)
    }

    /// The requests received so far, emptying the record.
    pub fn take_calls(&self) -> Vec<(Call, RequestContext)> {
        std::mem::take(&mut *self.calls.lock().unwrap())
    }

    /// The single request received since the last take.
    pub fn only_call(&self) -> (Call, RequestContext) {
        let mut calls = self.take_calls();
        assert_eq!(calls.len(), 1, "expected one call, got {calls:?}");
        calls.pop().unwrap()
    }

    fn enter(
        &self,
        call: Call,
        session: TestSession,
        context: RequestContext,
    ) -> Result<(), ApiError> {
        self.hits.fetch_add(1, Ordering::SeqCst);
        // The session is the one `authenticate` made of this very request, and its credential
        // is not left among the headers.
        assert_eq!(session.variant, context.variant(), "{call:?}");
        let (header, _) = session_header_of(context.variant());
        assert!(
            !context.headers().contains_key(header),
            "the credential reached user code: {call:?}"
        );
        match &self.mode {
            Mode::Record => {
                self.calls.lock().unwrap().push((call, context));
                Ok(())
            }
            Mode::Panic => panic!("user code reached: {call:?}"),
            Mode::Fail(error) => Err(error.clone()),
        }
    }
}

macro_rules! methods {
    ($($method:ident($request:ident) -> $data:ty = $variant:ident, $seed:expr;)*) => {$(
        async fn $method(
            &self,
            request: $request,
            session: TestSession,
            context: RequestContext,
        ) -> Result<$data, ApiError> {
            self.enter(Call::$variant(request), session, context)?;
            Ok(seed_data($seed.seed_response))
        }
    )*};
}

impl Authenticate for Backend {
    type Session = TestSession;

    async fn authenticate(
        &self,
        credential: Credential,
        context: &RequestContext,
    ) -> Result<Option<TestSession>, ApiError> {
        self.authentications.fetch_add(1, Ordering::SeqCst);
        Ok(test_session(&credential, context))
    }
}

impl CertifyApi for Backend {
    methods! {
        credit_info(CreditInfoRequest) -> FormData = CreditInfo, CREDIT_INFO;
        save_credit_info(SaveCreditInfoRequest) -> () = SaveCreditInfo, SAVE_CREDIT_INFO;
        basic_person_info(BasicPersonInfoRequest) -> PersonDocuments
            = BasicPersonInfo, BASIC_PERSON_INFO;
        upload_image(UploadImageRequest) -> UploadResult = UploadImage, UPLOAD_IMAGE;
        save_basic_info(SaveBasicInfoRequest) -> () = SaveBasicInfo, SAVE_BASIC_INFO;
        personal_info(PersonalInfoRequest) -> FormData = PersonalInfo, PERSONAL_INFO;
        save_personal_info(SavePersonalInfoRequest) -> ()
            = SavePersonalInfo, SAVE_PERSONAL_INFO;
        job_info(JobInfoRequest) -> FormData = JobInfo, JOB_INFO;
        save_job_info(SaveJobInfoRequest) -> () = SaveJobInfo, SAVE_JOB_INFO;
        ext_info(ExtInfoRequest) -> ContactsData = ExtInfo, EXT_INFO;
        save_ext_info(SaveExtInfoRequest) -> () = SaveExtInfo, SAVE_EXT_INFO;
    }
}

impl BindCardApi for Backend {
    methods! {
        card_init(CardInitRequest) -> FormData = CardInit, CARD_INIT;
        bind_card_new(BindCardNewRequest) -> () = BindCardNew, BIND_CARD_NEW;
    }
}

/// The seed's data for `endpoint` as the server must send it: decoded by the generated type and
/// re-encoded (canonical forms: `cate` letters as long names, lenient integers as numbers).
pub fn expected_data(endpoint: &Endpoint) -> Option<Value> {
    fn encode<T: serde::Serialize + DeserializeOwned>(file: &str) -> Value {
        serde_json::to_value(seed_data::<T>(file)).unwrap()
    }
    let file = endpoint.seed_response;
    endpoint.has_data.then(|| match endpoint.public_path {
        "/Crapido/mkla-pk" | "/Crapido/Coldja" | "/Crapido/jobMa" | "/Crapido/CA-LSKD" => {
            encode::<FormData>(file)
        }
        "/Crapido/UserInit" => encode::<PersonDocuments>(file),
        "/Crapido/upimg" => encode::<UploadResult>(file),
        "/Crapido/etInfo" => encode::<ContactsData>(file),
        other => panic!("{other} answers no data"),
    })
}
