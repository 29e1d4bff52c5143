//! A request body that tells its connection when it has arrived whole.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};

use super::connections::Held;

/// hyper's body, passing every frame through; at its end the connection is marked as worked
/// on, so that it is no longer a candidate for eviction.
pub(super) struct Watched {
    inner: Incoming,
    connection: Option<Arc<Held>>,
}

impl Watched {
    pub(super) fn new(inner: Incoming, connection: Arc<Held>) -> Watched {
        let mut watched = Watched {
            inner,
            connection: Some(connection),
        };
        if watched.inner.is_end_stream() {
            watched.arrived();
        }
        watched
    }

    fn arrived(&mut self) {
        if let Some(connection) = self.connection.take() {
            connection.work();
        }
    }
}

impl Body for Watched {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let frame = Pin::new(&mut self.inner).poll_frame(cx);
        match &frame {
            Poll::Ready(None) => self.arrived(),
            Poll::Ready(Some(Ok(_))) if self.inner.is_end_stream() => self.arrived(),
            _ => {}
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
