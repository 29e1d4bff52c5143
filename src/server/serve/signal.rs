//! The default stop signal of [`Serve`](super::Serve): SIGTERM (what service managers and
//! container runtimes send) or Ctrl-C.

/// Completes on SIGTERM or Ctrl-C. A signal that cannot be listened to is logged and never
/// fires, rather than stopping the server at once.
pub(super) async fn terminate_or_interrupt() {
    let interrupt = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(%err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = interrupt => tracing::info!("Ctrl-C: shutting down"),
        () = terminate() => tracing::info!("SIGTERM: shutting down"),
    }
}

#[cfg(unix)]
async fn terminate() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => {
            terminate.recv().await;
        }
        Err(err) => {
            tracing::warn!(%err, "cannot listen for SIGTERM");
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(not(unix))]
async fn terminate() {
    std::future::pending::<()>().await;
}
