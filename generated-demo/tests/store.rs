//! The SQLite store: migrations applied once, in order, and data kept across reopening.

mod common;

use common::TempDb;
use generated_demo::applicant::Applicant;
use generated_demo::store::migrations::{self, MIGRATIONS};
use generated_demo::store::{Form, Photo, Store, Values};

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

fn photo(bytes: &[u8]) -> Photo {
    Photo {
        content_type: "image/jpeg".into(),
        bytes: bytes.to_vec(),
    }
}

fn photo_rows(db: &TempDb) -> i64 {
    let connection = rusqlite::Connection::open(&db.0).unwrap();
    connection
        .query_row("SELECT COUNT(*) FROM photos", [], |row| row.get(0))
        .unwrap()
}

#[tokio::test]
async fn a_repeated_upload_replaces_the_earlier_photo_of_its_kind() {
    let db = TempDb::new("photos");
    let store = Store::open(Some(&db.0)).unwrap();
    let first = store
        .add_photo(common::MOBILE, 11, photo(b"first"))
        .await
        .unwrap();
    let mut latest = first.clone();
    for round in 0..50 {
        latest = store
            .add_photo(
                common::MOBILE,
                11,
                photo(format!("again {round}").as_bytes()),
            )
            .await
            .unwrap();
    }
    let back = store
        .add_photo(common::MOBILE, 12, photo(b"back"))
        .await
        .unwrap();
    let other = store
        .add_photo(common::OTHER_MOBILE, 11, photo(b"other"))
        .await
        .unwrap();
    // One photo per person and kind, whatever the number of uploads.
    assert_eq!(photo_rows(&db), 3);
    assert_eq!(
        store.photo_of(&first, common::MOBILE).await.unwrap(),
        None,
        "replaced"
    );
    assert_eq!(
        store.photo_of(&latest, common::MOBILE).await.unwrap(),
        Some(photo(b"again 49"))
    );
    assert_eq!(
        store.latest_photos(common::MOBILE).await.unwrap(),
        vec![(11, latest), (12, back)]
    );
    assert_eq!(
        store.latest_photos(common::OTHER_MOBILE).await.unwrap(),
        vec![(11, other)]
    );
}

#[test]
fn the_photo_migration_keeps_each_kinds_latest() {
    let mut connection = rusqlite::Connection::open_in_memory().unwrap();
    // A database of the second version, with repeated uploads.
    connection
        .execute_batch(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
             INSERT INTO schema_version VALUES (1, 0), (2, 0);",
        )
        .unwrap();
    for sql in &MIGRATIONS[..2] {
        connection.execute_batch(sql).unwrap();
    }
    for (token, kind) in [("a", 11), ("b", 11), ("c", 12), ("d", 11)] {
        connection
            .execute(
                "INSERT INTO photos (token, mobile, kind, content_type, bytes, uploaded_at)
                 VALUES (?1, '5500000000', ?2, 'image/jpeg', x'00', 0)",
                (token, kind),
            )
            .unwrap();
    }
    assert_eq!(
        migrations::apply(&mut connection).unwrap(),
        MIGRATIONS.len() - 2
    );
    let mut query = connection
        .prepare("SELECT token FROM photos ORDER BY kind")
        .unwrap();
    let tokens: Vec<String> = query
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tokens, ["d", "c"]);
}
