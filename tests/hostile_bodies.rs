//! Bodies shaped to cost more than they weigh: many tiny parts, endless part headers, names
//! made to flood a failure message, repeated names. Each is answered with an envelope, and the
//! server stops reading as soon as the body passes a bound.

mod common;

use std::sync::Arc;
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

mod forms {
    veil::generate!("specs/forms.yaml");
}

/// The envelope's code and message.
async fn answer(router: &Router, request: Request<Body>) -> (String, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    let field = |name: &str| body[name].as_str().unwrap_or_default().to_owned();
    (field("code"), field("message"))
}

/// A body whose frames are handed out one at a time, as they arrive off a connection (a pause
/// after each), counting how many were asked for.
fn counted(frames: Vec<Vec<u8>>) -> (Body, Arc<AtomicUsize>) {
    let pulled = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&pulled);
    let stream = futures_util::stream::unfold(frames.into_iter(), move |mut frames| {
        let counter = Arc::clone(&counter);
        async move {
            let frame = frames.next()?;
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            Some((Ok::<_, std::io::Error>(Bytes::from(frame)), frames))
        }
    });
    (Body::from_stream(stream), pulled)
}

fn upload(body: Body) -> Request<Body> {
    Request::post(UPLOAD_IMAGE.public_path)
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(TOKEN_HEADER, TEST_TOKEN)
        .body(body)
        .unwrap()
}

/// One tiny part with no value, as in the attack: `name=000123`.
fn tiny_part(index: usize) -> Vec<u8> {
    format!("--{BOUNDARY}\r\ncontent-disposition: form-data; name={index:06}\r\n\r\n\r\n")
        .into_bytes()
}

/// upload-image's cap: its 2 fields, its 2 decoys, and 8 more.
const PART_CAP: usize = 12;

#[tokio::test]
async fn forty_thousand_tiny_parts_are_refused_at_the_part_cap_unread() {
    let backend = Backend::panicking();
    let router = router(backend.clone(), ServerOptions::new());
    let frames: Vec<Vec<u8>> = (0..40_000).map(tiny_part).collect();
    let (body, pulled) = counted(frames);
    let (code, message) = answer(&router, upload(body)).await;
    assert_eq!(code, "400");
    assert_eq!(
        message,
        format!("the multipart body has more than {PART_CAP} parts")
    );
    // Refused at the 13th part: the rest of the 40,000 was never asked for (multer reads a
    // frame or two past the part it hands out).
    let pulled = pulled.load(Ordering::SeqCst);
    assert!(pulled <= 3 * PART_CAP, "{pulled} frames read");
    assert_eq!(backend.hits(), 0);
}

#[tokio::test]
async fn parts_up_to_the_cap_are_read_and_unknown_ones_skipped() {
    let backend = Backend::recording();
    let router = router(backend.clone(), ServerOptions::new());
    let with_extras = |extras: usize| {
        let mut body = Vec::new();
        for index in 0..extras {
            body.extend(tiny_part(index));
        }
        // The good upload after them: its own parts, then its closing delimiter.
        body.extend(multipart_body(&good_upload_parts()));
        upload(Body::from(body))
    };
    let good = good_upload_parts().len();
    let (code, _) = answer(&router, with_extras(PART_CAP - good)).await;
    assert_eq!(code, "0");
    let (call, _) = backend.only_call();
    assert!(matches!(call, Call::UploadImage(_)), "{call:?}");
    let (code, message) = answer(&router, with_extras(PART_CAP - good + 1)).await;
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("400", "the multipart body has more than 12 parts")
    );
    assert_eq!(backend.hits(), 1);
}

#[tokio::test]
async fn part_headers_over_their_limit_are_refused_as_they_stream() {
    let backend = Backend::panicking();
    let router = router(backend.clone(), ServerOptions::new());
    // A file name of 10,000 characters: the headers pass 8 KiB.
    let long_name = "a".repeat(10_000);
    let body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attach\"; \
         filename=\"{long_name}.jpg\"\r\n\r\nx\r\n--{BOUNDARY}--\r\n"
    );
    let (code, message) = answer(&router, upload(Body::from(body))).await;
    assert_eq!(code, "400");
    assert_eq!(
        message,
        "malformed multipart body: a part's headers are larger than 8192 bytes"
    );
    // Headers that never end, a kilobyte a frame, up to 9 MiB: refused after about 8 KiB.
    let mut frames = vec![format!("--{BOUNDARY}\r\nX-Endless: ").into_bytes()];
    frames.extend(std::iter::repeat_n(vec![b'h'; 1024], 9 * 1024));
    let (body, pulled) = counted(frames);
    let (code, message) = answer(&router, upload(body)).await;
    assert_eq!(code, "400");
    assert!(message.ends_with("larger than 8192 bytes"), "{message}");
    let pulled = pulled.load(Ordering::SeqCst);
    assert!(pulled <= 10, "{pulled} frames read");
    assert_eq!(backend.hits(), 0);
}

#[tokio::test]
async fn a_name_the_sender_wrote_is_quoted_capped_and_escaped() {
    let backend = Backend::panicking();
    let router = router(backend.clone(), ServerOptions::new());
    // A part cut short, whose name (multer quotes it) is long and full of line breaks.
    let name = "evil\n\u{1b}[31m".repeat(2_000);
    let body =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\nno end");
    let (code, message) = answer(&router, upload(Body::from(body))).await;
    assert_eq!(code, "400");
    assert!(
        message.starts_with("malformed multipart body: "),
        "{message}"
    );
    assert!(
        message.chars().count() < 100,
        "{} characters",
        message.len()
    );
    assert!(!message.chars().any(char::is_control), "{message:?}");
    assert_eq!(backend.hits(), 0);
}

/// The one rule for a repeated name, in every encoding: it counts once, with its last value.
#[tokio::test]
async fn a_repeated_name_counts_once_with_its_last_value_in_every_encoding() {
    let backend = Backend::recording();
    let router = router(backend.clone(), ServerOptions::new());

    // JSON (the envelope's own rule, which the others follow).
    let good = serde_json::to_string(&good_json(&CARD_INIT)).unwrap();
    let body = format!(r#"{{"product_id":"first",{}"#, &good[1..]);
    let request = Request::post(CARD_INIT.public_path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(TOKEN_HEADER, TEST_TOKEN)
        .body(Body::from(body))
        .unwrap();
    assert_eq!(answer(&router, request).await.0, "00");
    let (Call::CardInit(card_init), _) = backend.only_call() else {
        panic!("not card-init")
    };
    assert_eq!(card_init.product_id, good_json(&CARD_INIT)["product_id"]);

    // Multipart: `type` 12 then 11, and two photos, the second one kept.
    let mut parts = vec![Part::text("type", "12")];
    parts.push(Part::File {
        name: "attach",
        file_name: "first.jpg",
        content_type: "image/jpeg",
        bytes: JPEG.to_vec(),
    });
    parts.extend(good_upload_parts());
    let request = upload(Body::from(multipart_body(&parts)));
    assert_eq!(answer(&router, request).await.0, "0");
    let (Call::UploadImage(upload), _) = backend.only_call() else {
        panic!("not upload-image")
    };
    assert_eq!(upload.r#type, ImageKind::IdFront);
    assert_eq!(upload.attach.file_name.as_deref(), Some("id_front.jpg"));
}

#[tokio::test]
async fn a_repeated_form_key_counts_once_with_its_last_value() {
    #[derive(Clone)]
    struct Shop(Arc<std::sync::Mutex<Vec<forms::PlaceOrderRequest>>>);
    impl forms::ShopApi for Shop {
        async fn place_order(
            &self,
            request: forms::PlaceOrderRequest,
            _: veil::server::RequestContext,
        ) -> Result<forms::Receipt, veil::server::ApiError> {
            self.0.lock().unwrap().push(request);
            Ok(forms::Receipt {
                order_id: "A-1".into(),
                total: 1,
            })
        }
        async fn order_status(
            &self,
            _: forms::OrderStatusRequest,
            _: veil::server::RequestContext,
        ) -> Result<forms::Receipt, veil::server::ApiError> {
            Err(veil::server::ApiError::internal("not called"))
        }
        async fn cancel(
            &self,
            _: forms::CancelRequest,
            _: veil::server::RequestContext,
        ) -> Result<(), veil::server::ApiError> {
            Err(veil::server::ApiError::internal("not called"))
        }
    }
    let shop = Shop(Arc::default());
    let router = forms::router(shop.clone(), ServerOptions::new());
    let body = "count=1&item=tea&count=2&weight=1&gift=true&qty=1&plan=1&item=Green+tea&count=3";
    let request = Request::post("/s/po")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let orders = shop.0.lock().unwrap();
    let [order] = &orders[..] else {
        panic!("{} orders", orders.len())
    };
    assert_eq!((order.item.as_str(), order.count), ("Green tea", 3));
}
