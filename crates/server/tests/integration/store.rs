//! The portable column types: ids are hyphenated text on SQLite and native uuid on
//! PostgreSQL, times are bound from Rust, and both round-trip exactly; a vocabulary's word
//! is read back as its value, and a word it does not know is an error, never a guess.

use chrono::{DateTime, SubsecRound, Utc};
use fluxstudio_domain::NotificationKind;
use fluxstudio_store::{DbId, StoreError, read_with, workspace::notifications, write_with};

use crate::{both_backends, support::*};

async fn ids_and_times_round_trip(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let output = run_cli(scratch.path(), &["migrate"], &[("DATABASE_URL", &url)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let db = open_store(&url).await;

    let id = DbId::new();
    let now = Utc::now().trunc_subsecs(6);
    write_with!(&db, |pool| sqlx::query(
        "INSERT INTO users (id, email, name, user_type, is_admin, is_active, email_verified, \
         created_at, updated_at) VALUES ($1, $2, $3, 'designer', FALSE, TRUE, FALSE, $4, $4)"
    )
    .bind(id)
    .bind("ada@studio.example")
    .bind("Ada")
    .bind(now)
    .execute(pool)
    .await
    .unwrap()
    .rows_affected());

    let (read_id, created_at): (DbId, DateTime<Utc>) = read_with!(&db, |pool| sqlx::query_as(
        "SELECT id, created_at FROM users WHERE id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(read_id, id);
    assert_eq!(created_at, now);

    // How the id is stored: readable text on SQLite, the uuid type on PostgreSQL.
    let stored_as: String = match &db {
        fluxstudio_store::Db::Sqlite(s) => {
            sqlx::query_scalar("SELECT typeof(id) || ':' || id FROM users")
                .fetch_one(&s.reader)
                .await
                .unwrap()
        }
        fluxstudio_store::Db::Postgres(p) => {
            sqlx::query_scalar("SELECT pg_typeof(id)::text || ':' || id::text FROM users")
                .fetch_one(p)
                .await
                .unwrap()
        }
    };
    let expected_type = match backend {
        Backend::Sqlite => "text",
        Backend::Postgres => "uuid",
    };
    assert_eq!(stored_as, format!("{expected_type}:{}", id.0.hyphenated()));
    db.close().await;
}

/// A unique index that refuses a write no service expected to collide is answered 409
/// `conflict` (naming what to do), never 500, on both engines.
async fn an_unexpected_unique_collision_is_a_conflict(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let output = run_cli(scratch.path(), &["migrate"], &[("DATABASE_URL", &url)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let db = open_store(&url).await;
    let insert = |id: DbId| {
        let db = &db;
        async move {
            write_with!(db, |pool| sqlx::query(
                "INSERT INTO users (id, email, name, user_type, is_admin, is_active, \
                 email_verified, created_at, updated_at) \
                 VALUES ($1, 'ada@studio.example', 'Ada', 'designer', FALSE, TRUE, FALSE, $2, $2)"
            )
            .bind(id)
            .bind(Utc::now())
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))
            .map_err(fluxstudio_store::StoreError::from)
        }
    };
    insert(DbId::new()).await.unwrap();
    let collided = insert(DbId::new()).await.unwrap_err();
    assert!(
        matches!(collided, fluxstudio_store::StoreError::Conflict(_)),
        "{collided:?}"
    );
    let refusal = collided.refusal();
    assert_eq!((refusal.status, refusal.code), (409, "conflict"));
    assert!(refusal.message.contains("reload and try again"));
    db.close().await;
}

/// A word a vocabulary does not know (left by a rogue writer or a future release) makes
/// the read fail as a decode error, rather than being read as some default or compared
/// as a string later. `notifications.kind` has no CHECK constraint, so the word can be
/// planted.
async fn an_unknown_word_in_the_database_is_a_decode_error(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let output = run_cli(scratch.path(), &["migrate"], &[("DATABASE_URL", &url)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let db = open_store(&url).await;
    let user = DbId::new();
    write_with!(&db, |pool| sqlx::query(
        "INSERT INTO users (id, email, name, user_type, is_admin, is_active, email_verified, \
         created_at, updated_at) VALUES ($1, 'ada@studio.example', 'Ada', 'designer', FALSE, \
         TRUE, FALSE, $2, $2)"
    )
    .bind(user)
    .bind(Utc::now())
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))
    .unwrap();
    let plant = |kind: &'static str| {
        let db = &db;
        async move {
            write_with!(db, |pool| sqlx::query(
                "INSERT INTO notifications (id, user_id, kind, title, created_at) \
                 VALUES ($1, $2, $3, 'Hello', $4)"
            )
            .bind(DbId::new())
            .bind(user)
            .bind(kind)
            .bind(Utc::now())
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))
            .unwrap();
        }
    };
    let page = || notifications::page(&db, user, false, None, 10);

    plant("mentioned").await;
    let read = page().await.unwrap();
    assert_eq!(read[0].kind, NotificationKind::Mentioned);

    plant("telepathy").await;
    let refused = page().await.unwrap_err();
    let detail = format!("{refused:?}");
    assert!(
        matches!(
            refused,
            StoreError::Database(sqlx::Error::ColumnDecode { .. })
        ),
        "{detail}"
    );
    assert!(detail.contains("telepathy"), "{detail}");
    db.close().await;
}

both_backends!(
    ids_and_times_round_trip,
    an_unexpected_unique_collision_is_a_conflict,
    an_unknown_word_in_the_database_is_a_decode_error,
);
