//! The demo's backend wrapped to count the calls that reach its endpoint methods, served with
//! the demo's own router (login and photo routes included): a refused request must leave the
//! count where it was.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use generated_demo::backend::Backend;
use generated_demo::crapido::*;
use generated_demo::session::{Clock, Inbox, ManualClock, Session, Sessions};
use generated_demo::store::Store;
use tokio::net::TcpListener;
use veil::Credential;
use veil::server::{ApiError, Authenticate, RequestContext};

/// The backend, counting the calls of its endpoint methods (not of `authenticate`, which the
/// router is meant to call first).
#[derive(Clone)]
pub struct Counting {
    inner: Backend,
    calls: Arc<AtomicUsize>,
}

impl Counting {
    /// How many endpoint methods ran.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    fn count(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

impl Authenticate for Counting {
    type Session = Session;

    async fn authenticate(
        &self,
        credential: Credential,
        context: &RequestContext,
    ) -> Result<Option<Session>, ApiError> {
        self.inner.authenticate(credential, context).await
    }
}

/// Implements `$api` for [`Counting`]: each method counts, then calls the backend's.
macro_rules! counted {
    ($api:ident { $($method:ident($request:ty) -> $answer:ty;)* }) => {
        impl $api for Counting {
            $(
                async fn $method(
                    &self,
                    request: $request,
                    session: Session,
                    context: RequestContext,
                ) -> Result<$answer, ApiError> {
                    self.count();
                    <Backend as $api>::$method(&self.inner, request, session, context).await
                }
            )*
        }
    };
}

counted!(CertifyApi {
    credit_info(CreditInfoRequest) -> FormData;
    save_credit_info(SaveCreditInfoRequest) -> ();
    basic_person_info(BasicPersonInfoRequest) -> PersonDocuments;
    upload_image(UploadImageRequest) -> UploadResult;
    save_basic_info(SaveBasicInfoRequest) -> ();
    personal_info(PersonalInfoRequest) -> FormData;
    save_personal_info(SavePersonalInfoRequest) -> ();
    job_info(JobInfoRequest) -> FormData;
    save_job_info(SaveJobInfoRequest) -> ();
    ext_info(ExtInfoRequest) -> ContactsData;
    save_ext_info(SaveExtInfoRequest) -> ();
});

counted!(BindCardApi {
    card_init(CardInitRequest) -> FormData;
    bind_card_new(BindCardNewRequest) -> ();
});

/// A demo server whose backend counts its calls, on 127.0.0.1 and a free port.
pub struct CountingServer {
    pub base_url: String,
    pub backend: Counting,
    pub inbox: Inbox,
    pub clock: ManualClock,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Drop for CountingServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts a [`CountingServer`] with its data in `db` (in memory when `None`).
pub async fn start(db: Option<&Path>) -> CountingServer {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .expect("binds");
    let base_url = format!("http://{}", listener.local_addr().expect("an address"));
    let store = Store::open(db).expect("the store opens");
    let (inbox, clock) = (Inbox::new(), ManualClock::new());
    let sessions = Sessions::new(
        store.clone(),
        Arc::new(inbox.clone()),
        Clock::Manual(clock.clone()),
    );
    let inner = Backend::new(store.clone(), sessions.clone(), &base_url).expect("the seed");
    let backend = Counting {
        inner,
        calls: Arc::default(),
    };
    let router = generated_demo::app::router(backend.clone(), store, sessions);
    let task = tokio::spawn(veil::server::serve(listener, router));
    CountingServer {
        base_url,
        backend,
        inbox,
        clock,
        task,
    }
}
