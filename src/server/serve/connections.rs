//! The connections a server holds: a fixed number of slots and, when every slot is taken while
//! another client is at the door, the eviction of the connection that has waited longest on
//! its client.
//!
//! A connection *waits on its client* from its accept, or from its last answer, until the body
//! of its next request has arrived: that covers a slow request head, a slow body and an idle
//! keep-alive connection alike, and never a request the server is working on. Evicting the
//! longest waiter first keeps a flood of slow connections from starving an honest client that
//! sends its request at once, as nginx reuses its idle connections when it runs out.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

/// Every connection held, by id, and the slots left.
pub(super) struct Connections {
    slots: Arc<Semaphore>,
    waiting: Mutex<HashMap<u64, Waiting>>,
    next_id: AtomicU64,
    /// Signalled whenever a connection starts waiting on its client, so that an accept that
    /// found nobody to evict looks again.
    became_waiting: Notify,
}

/// A connection that waits on its client, and how to close it.
struct Waiting {
    since: Instant,
    close: Arc<Notify>,
}

impl Connections {
    /// Room for `max` connections at once.
    pub(super) fn new(max: usize) -> Arc<Connections> {
        Arc::new(Connections {
            slots: Arc::new(Semaphore::new(max.clamp(1, Semaphore::MAX_PERMITS))),
            waiting: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(0),
            became_waiting: Notify::new(),
        })
    }

    /// A slot for a connection just accepted. When none is free, evicts the connection that has
    /// waited longest on its client; when every connection is being worked on, waits for one
    /// to end or to start waiting (backpressure: nothing more is accepted meanwhile).
    pub(super) async fn hold(self: &Arc<Self>) -> Arc<Held> {
        loop {
            if let Ok(permit) = Arc::clone(&self.slots).try_acquire_owned() {
                return self.held(permit);
            }
            let became_waiting = self.became_waiting.notified();
            tokio::pin!(became_waiting);
            // Registered before looking, so that a connection that starts waiting right after
            // the look still wakes this accept.
            became_waiting.as_mut().enable();
            if self.evict_longest_waiting() {
                // The evicted connection gives its slot back as soon as its task sees the signal.
                if let Ok(permit) = Arc::clone(&self.slots).acquire_owned().await {
                    return self.held(permit);
                }
                // invariant: the semaphore is never closed, so `acquire_owned` never fails.
                continue;
            }
            tokio::select! {
                permit = Arc::clone(&self.slots).acquire_owned() => {
                    if let Ok(permit) = permit {
                        return self.held(permit);
                    }
                }
                () = &mut became_waiting => {}
            }
        }
    }

    fn held(self: &Arc<Self>, permit: OwnedSemaphorePermit) -> Arc<Held> {
        let held = Arc::new(Held {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            connections: Arc::clone(self),
            close: Arc::new(Notify::new()),
            _permit: permit,
        });
        held.wait_on_client();
        held
    }

    /// Signals the connection that has waited longest on its client to close; false when no
    /// connection waits.
    fn evict_longest_waiting(&self) -> bool {
        let mut waiting = self.lock();
        let Some(id) = waiting
            .iter()
            .min_by_key(|(_, entry)| entry.since)
            .map(|(id, _)| *id)
        else {
            return false;
        };
        if let Some(entry) = waiting.remove(&id) {
            // `notify_one` keeps the signal when the task is not polling its `closed` yet.
            entry.close.notify_one();
        }
        true
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<u64, Waiting>> {
        // The map stays consistent even if a holder panicked: every change is one call.
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One connection's slot, given back when the connection ends.
pub(super) struct Held {
    id: u64,
    connections: Arc<Connections>,
    close: Arc<Notify>,
    _permit: OwnedSemaphorePermit,
}

impl Held {
    /// The connection now waits on its client (just accepted, or answered).
    pub(super) fn wait_on_client(&self) {
        let entry = Waiting {
            since: Instant::now(),
            close: Arc::clone(&self.close),
        };
        self.connections.lock().insert(self.id, entry);
        self.connections.became_waiting.notify_waiters();
    }

    /// The connection's request has arrived whole: the server works on it, and it is not
    /// evicted.
    pub(super) fn work(&self) {
        self.connections.lock().remove(&self.id);
    }

    /// Completes when the connection is evicted to make room.
    pub(super) async fn evicted(&self) {
        self.close.notified().await;
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.connections.lock().remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    async fn soon<F: std::future::Future>(future: F) -> Option<F::Output> {
        tokio::time::timeout(Duration::from_secs(2), future)
            .await
            .ok()
    }

    #[tokio::test]
    async fn a_full_house_evicts_the_longest_waiting_connection() {
        let connections = Connections::new(2);
        let first = connections.hold().await;
        let second = connections.hold().await;
        let third = tokio::spawn({
            let connections = Arc::clone(&connections);
            async move { connections.hold().await }
        });
        assert!(
            soon(first.evicted()).await.is_some(),
            "the oldest waiter is told to close"
        );
        drop(first);
        let third = soon(third)
            .await
            .expect("the slot is given")
            .expect("no panic");
        // The second connection was not evicted: only one slot was needed.
        assert!(
            tokio::time::timeout(Duration::from_millis(50), second.evicted())
                .await
                .is_err()
        );
        drop((second, third));
    }

    #[tokio::test]
    async fn connections_being_worked_on_are_never_evicted() {
        let connections = Connections::new(1);
        let busy = connections.hold().await;
        busy.work();
        let next = tokio::spawn({
            let connections = Arc::clone(&connections);
            async move { connections.hold().await }
        });
        assert!(
            tokio::time::timeout(Duration::from_millis(100), busy.evicted())
                .await
                .is_err(),
            "a connection at work keeps its slot"
        );
        // Answered, it waits on its client again, and the waiting accept evicts it.
        busy.wait_on_client();
        assert!(soon(busy.evicted()).await.is_some());
        drop(busy);
        assert!(soon(next).await.is_some());
    }
}
