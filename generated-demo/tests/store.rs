//! The SQLite store: migrations applied once, in order, and data kept across reopening.

mod common;

use common::TempDb;
use generated_demo::applicant::Applicant;
use generated_demo::store::migrations::{self, MIGRATIONS};
use generated_demo::store::{Form, Store, Values};

#[test]
fn migrations_apply_once_and_are_idempotent() {
    let mut connection = rusqlite::Connection::open_in_memory().unwrap();
    assert_eq!(
        migrations::apply(&mut connection).unwrap(),
        MIGRATIONS.len()
    );
    assert_eq!(migrations::apply(&mut connection).unwrap(), 0);
    assert_eq!(
        migrations::version(&connection).unwrap(),
        migrations::latest_version()
    );
}

#[test]
fn a_newer_database_is_refused() {
    let mut connection = rusqlite::Connection::open_in_memory().unwrap();
    migrations::apply(&mut connection).unwrap();
    connection
        .execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?1, 0)",
            [migrations::latest_version() + 1],
        )
        .unwrap();
    assert!(migrations::apply(&mut connection).is_err());
}

#[tokio::test]
async fn a_reopened_file_keeps_the_data() {
    let db = TempDb::new("store");
    let applicant = Applicant {
        mobile: common::MOBILE.into(),
        product_id: common::PRODUCT.into(),
    };
    let mut values = Values::new();
    values.set("is_overdue_year", "1");
    {
        let store = Store::open(Some(&db.0)).unwrap();
        store
            .save_form(&applicant, Form::Credit, values.clone(), None)
            .await
            .unwrap();
    }
    let store = Store::open(Some(&db.0)).unwrap();
    assert_eq!(
        store.load_form(&applicant, Form::Credit).await.unwrap(),
        values
    );
    assert_eq!(
        store
            .submission_count(&applicant, Form::Credit)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        format!("{values:?}"),
        r#"{"is_overdue_year"}"#,
        "Debug shows keys only"
    );
}
