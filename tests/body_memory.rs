//! What a body in 1-byte chunks costs the server in memory, counted by this binary's own
//! allocator: at most about twice the limit, and a bounded number of allocations, whatever the
//! number of chunks. (Collecting the chunks one by one, as the server once did, cost dozens of
//! times the body.)
//!
//! One test only: the allocator counts every thread, so nothing else may run beside it.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use veil::__private::axum::Router;
use veil::__private::axum::body::{Body, Bytes};
use veil::__private::axum::http::{Request, header};
use veil::server::ServerOptions;

use common::crapido::*;
use common::*;

/// The system allocator, counting the bytes held (and their peak) and the allocations made.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn held(bytes: usize) {
    let now = HELD.fetch_add(bytes, Ordering::SeqCst) + bytes;
    PEAK.fetch_max(now, Ordering::SeqCst);
    ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
}

// SAFETY: every call is passed on to `System` unchanged; only counters are updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        held(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::SeqCst);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as a new block held beside the old one, as a moving realloc needs.
        held(new_size);
        // SAFETY: the caller's contract, passed on.
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        HELD.fetch_sub(layout.size(), Ordering::SeqCst);
        moved
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The body and server limit of every case.
const LIMIT: usize = 1024 * 1024;

/// `body` in 1-byte frames that cost no allocation of their own, with a pause every 8 KiB (as
/// when a connection's reads run dry), so that the decoder reads as it would off a socket.
fn one_byte_frames(body: Vec<u8>) -> Body {
    let body: &'static [u8] = Box::leak(body.into_boxed_slice());
    let stream = futures_util::stream::unfold(0, move |at| async move {
        let byte = body.get(at..=at)?;
        if at % 8192 == 0 {
            tokio::task::yield_now().await;
        }
        Some((Ok::<_, std::io::Error>(Bytes::from_static(byte)), at + 1))
    });
    Body::from_stream(stream)
}

/// What answering `request` cost: the envelope's code, the peak of bytes held above what was
/// held before, and the allocations made.
async fn cost(router: &Router, request: Request<Body>) -> (String, usize, usize) {
    let router = router.clone();
    let before = HELD.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let allocations = ALLOCATIONS.load(Ordering::SeqCst);
    let response = router.oneshot(request).await.unwrap();
    let peak = PEAK.load(Ordering::SeqCst) - before;
    let allocations = ALLOCATIONS.load(Ordering::SeqCst) - allocations;
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let envelope: Value = serde_json::from_slice(&bytes).unwrap();
    let code = envelope["code"].as_str().unwrap_or_default().to_owned();
    (code, peak, allocations)
}

/// A request to `path`, logged in with the test session's credential.
fn post(path: &str, content_type: &str, body: Body) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .header(TOKEN_HEADER, TEST_TOKEN)
        .body(body)
        .unwrap()
}

/// credit-info's good JSON, padded with spaces to `size` bytes.
fn json_of_size(size: usize) -> Vec<u8> {
    let mut body = serde_json::to_vec(&good_json(&CREDIT_INFO)).unwrap();
    body.resize(size, b' ');
    body
}

/// A good upload whose photo fills it to `size` bytes.
fn upload_of_size(size: usize) -> Vec<u8> {
    let overhead = multipart_body(&good_upload_parts()).len() - JPEG.len();
    let mut parts = good_upload_parts();
    parts[0] = Part::File {
        name: "attach",
        file_name: "id_front.jpg",
        content_type: "image/jpeg",
        bytes: [JPEG, &vec![0; size - overhead - JPEG.len()]].concat(),
    };
    let body = multipart_body(&parts);
    assert_eq!(body.len(), size);
    body
}

#[test]
fn one_byte_chunks_up_to_the_limit_cost_at_most_twice_the_limit() {
    // Timers on: the router bounds each body and handler in time.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let options = ServerOptions::new().body_limit(LIMIT).upload_limit(LIMIT);
    let router = router(Backend::recording(), options);
    let cases = [
        (
            "JSON at the limit",
            CREDIT_INFO.public_path,
            "application/json",
            json_of_size(LIMIT),
            "00",
        ),
        (
            "JSON a byte over",
            CREDIT_INFO.public_path,
            "application/json",
            json_of_size(LIMIT + 1),
            "413",
        ),
        (
            "multipart at the limit",
            UPLOAD_IMAGE.public_path,
            &multipart_content_type(),
            upload_of_size(LIMIT),
            "0",
        ),
        (
            "multipart a byte over",
            UPLOAD_IMAGE.public_path,
            &multipart_content_type(),
            upload_of_size(LIMIT + 1),
            "413",
        ),
    ];
    runtime.block_on(async {
        for (what, path, content_type, body, expected) in cases {
            let (code, peak, allocations) =
                cost(&router, post(path, content_type, one_byte_frames(body))).await;
            eprintln!(
                "{what}: peak {:.2}x the limit, {allocations} allocations for {LIMIT} chunks",
                peak as f64 / LIMIT as f64
            );
            assert_eq!(code, expected, "{what}");
            assert!(peak <= 2 * LIMIT, "{what}: {peak} bytes held at the peak");
            assert!(allocations < 2_000, "{what}: {allocations} allocations");
        }
    });
}
