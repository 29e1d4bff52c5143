//! SIGTERM during a stream of writes: `serve` stops accepting, answers every request it
//! accepted, and exits 0; every write the clients saw succeed is in the database, and no other.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{MOBILE, PRODUCT, TempDb, clients, spawn_serve};
use generated_demo::crapido::{ChoiceValue, SaveJobInfoRequest};
use generated_demo::walk::persona;

/// Clients writing at once, and the most calls each makes (bounded, whatever happens).
const WRITERS: usize = 8;
const MAX_CALLS: usize = 5_000;

fn job() -> SaveJobInfoRequest {
    let choice = |code: i64| ChoiceValue(code.to_string());
    SaveJobInfoRequest {
        company_address: persona::COMPANY_ADDRESS.into(),
        company_full_address: persona::COMPANY_FULL_ADDRESS.into(),
        company_name: persona::COMPANY_NAME.into(),
        company_phone: persona::COMPANY_PHONE.into(),
        industry: choice(3),
        job_type: choice(2),
        monthly_income: choice(1),
        order_no: persona::ORDER_NO.into(),
        product_id: PRODUCT.into(),
        salary_day: "3".into(),
        salary_day_1: "1".into(),
        salary_type: choice(1),
    }
}

fn submissions(db: &TempDb) -> usize {
    let connection = rusqlite::Connection::open(&db.0).expect("the database opens");
    let rows: i64 = connection
        .query_row("SELECT COUNT(*) FROM submissions", [], |row| row.get(0))
        .expect("the rows are counted");
    usize::try_from(rows).expect("a count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_writes_loses_no_accepted_write() {
    let db = TempDb::new("shutdown");
    let mut server = spawn_serve(Some(&db.0));
    let token = server.log_in(MOBILE);
    let (certify, _) = clients(&server.base_url, Some(&token));
    let succeeded = Arc::new(AtomicUsize::new(0));
    let stopped = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let (certify, succeeded, stopped) = (
                certify.clone(),
                Arc::clone(&succeeded),
                Arc::clone(&stopped),
            );
            tokio::spawn(async move {
                for _ in 0..MAX_CALLS {
                    match certify.save_job_info(&job()).await {
                        Ok(()) => succeeded.fetch_add(1, Ordering::SeqCst),
                        // Refused or cut off once the server stops: the end of the stream.
                        Err(_) if stopped.load(Ordering::SeqCst) => break,
                        Err(err) => panic!("a write failed before the stop: {err}"),
                    };
                }
            })
        })
        .collect();

    // Let the stream run, then stop the server in the middle of it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = succeeded.load(Ordering::SeqCst);
    stopped.store(true, Ordering::SeqCst);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.guard.0.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    for writer in writers {
        writer.await.expect("no writer panicked");
    }

    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = server.guard.0.try_wait().expect("the server is waited for") {
            break exit;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "serve did not stop"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(exit.success(), "serve exits 0 on SIGTERM: {exit:?}");
    let succeeded = succeeded.load(Ordering::SeqCst);
    assert!(before > 0, "writes went through before the stop");
    assert_eq!(
        submissions(&db),
        succeeded,
        "every write answered as a success is stored, and no other"
    );
}
