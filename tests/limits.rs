//! The router's time and concurrency limits (`ServerOptions`): a handler past its time limit, a
//! body that does not arrive in time, and requests past the limit in flight are each answered
//! with the spec's envelope (tests/specs/forms.yaml: mapped statuses, `busy: E3`).
//!
//! The limits here are small (tens of milliseconds) and every wait they race is many times
//! longer, so the outcome does not depend on the machine's speed.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::BodyExt;
use serde_json::Value;
use tokio::sync::Notify;
use tower::ServiceExt;
use veil::__private::axum::Router;
use veil::__private::axum::body::{Body, Bytes};
use veil::__private::axum::http::{Request, header};
use veil::server::{ApiError, RequestContext, ServerOptions};

mod forms {
    veil::generate!("specs/forms.yaml");
}

/// `order_status` waits for `release` (or forever); the other methods answer at once.
#[derive(Clone, Default)]
struct Shop {
    release: Arc<Notify>,
}

impl forms::ShopApi for Shop {
    async fn place_order(
        &self,
        _: forms::PlaceOrderRequest,
        _: RequestContext,
    ) -> Result<forms::Receipt, ApiError> {
        Ok(receipt())
    }
    async fn order_status(
        &self,
        _: forms::OrderStatusRequest,
        _: RequestContext,
    ) -> Result<forms::Receipt, ApiError> {
        self.release.notified().await;
        Ok(receipt())
    }
    async fn cancel(&self, _: forms::CancelRequest, _: RequestContext) -> Result<(), ApiError> {
        Ok(())
    }
}

fn receipt() -> forms::Receipt {
    forms::Receipt {
        order_id: "A-1".into(),
        total: 1,
    }
}

fn json_request(path: &str, body: Body) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
        .expect("a request")
}

/// The status and the envelope's code and message.
async fn send(router: &Router, request: Request<Body>) -> (u16, String, String) {
    let Ok(response) = router.clone().oneshot(request).await;
    let status = response.status().as_u16();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the answer's body")
        .to_bytes();
    let body: Value = serde_json::from_slice(&bytes).expect("a JSON envelope");
    let field = |name: &str| body[name].as_str().unwrap_or_default().to_owned();
    (status, field("ret"), field("msg"))
}

fn status_request() -> Request<Body> {
    json_request("/s/os", Body::from(r#"{"order_id":"A-1"}"#))
}

#[tokio::test]
async fn a_handler_past_its_time_limit_is_answered_busy() {
    let options = ServerOptions::new().handler_timeout(Duration::from_millis(50));
    let router = forms::router(Shop::default(), options);
    let answer = tokio::time::timeout(Duration::from_secs(10), send(&router, status_request()))
        .await
        .expect("answered long before the handler would have");
    assert_eq!(
        answer,
        (
            503,
            "E3".into(),
            "the server could not answer in time: try again later".into()
        )
    );
}

#[tokio::test]
async fn a_body_that_does_not_arrive_in_time_is_refused() {
    let options = ServerOptions::new().body_timeout(Duration::from_millis(50));
    let router = forms::router(Shop::default(), options);
    // The start of a body, then nothing more: a slow client holding the request open.
    let first =
        futures_util::stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"{\"order_"))]);
    let body = Body::from_stream(futures_util::StreamExt::chain(
        first,
        futures_util::stream::pending(),
    ));
    let answer = tokio::time::timeout(
        Duration::from_secs(10),
        send(&router, json_request("/s/os", body)),
    )
    .await
    .expect("answered at the body time limit");
    assert_eq!(
        answer,
        (408, "E1".into(), "the body did not arrive in time".into())
    );
}

#[tokio::test]
async fn requests_past_the_limit_in_flight_are_shed_and_the_rest_served() {
    let shop = Shop::default();
    let router = forms::router(shop.clone(), ServerOptions::new().max_in_flight(1));
    // The one request in flight waits in the handler until released.
    let held = tokio::spawn({
        let router = router.clone();
        async move { send(&router, status_request()).await }
    });
    // Until the first request holds its permit, a second one could still pass: wait for it to
    // reach the handler, which the shed answer below then proves.
    let mut shed = None;
    for _ in 0..200 {
        let answer = send(
            &router,
            json_request("/s/cx", Body::from(r#"{"order_id":"A-1"}"#)),
        )
        .await;
        if answer.0 == 503 {
            shed = Some(answer);
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(
        shed,
        Some((
            503,
            "E3".into(),
            "the server is busy: try again later".into()
        ))
    );
    shop.release.notify_one();
    let first = held.await.expect("the held request ends");
    assert_eq!((first.0, first.1.as_str()), (200, "OK"));
    // With the permit back, requests are served again.
    let after = send(
        &router,
        json_request("/s/cx", Body::from(r#"{"order_id":"A-1"}"#)),
    )
    .await;
    assert_eq!((after.0, after.1.as_str()), (200, "OK"));
}
