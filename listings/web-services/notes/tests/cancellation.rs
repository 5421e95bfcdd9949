//! What a timeout cancels. A timeout drops the future it wraps, and
//! dropping a future stops what that future would do next; it does not
//! reach into work already handed to another thread. sqlx runs each SQLite
//! connection on a thread of its own, so an insert dropped while it waits
//! for a lock still happens once the lock is free, unless it is inside a
//! transaction, which rolls back when the dropped `Transaction` is.
//!
//! Each test uses a pool of one connection, so the query that checks the
//! outcome runs on the same connection, after the abandoned work.

use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use tempfile::TempDir;

/// A database file in a fresh directory, removed on drop.
struct TempDb(TempDir);

impl TempDb {
    fn new(name: &str) -> TempDb {
        let dir = tempfile::Builder::new()
            .prefix(&format!("notes-{name}-"))
            .tempdir()
            .unwrap();
        TempDb(dir)
    }

    fn options(&self) -> SqliteConnectOptions {
        SqliteConnectOptions::new()
            .filename(self.0.path().join("test.db"))
            .create_if_missing(true)
    }
}

/// One pooled connection and a second, separate connection holding the
/// write lock, as another process might.
async fn pool_and_locker(db: &TempDb) -> (SqlitePool, SqliteConnection) {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(db.options())
        .await
        .unwrap();
    sqlx::query("CREATE TABLE notes (title TEXT NOT NULL)")
        .execute(&pool)
        .await
        .unwrap();
    let mut locker = SqliteConnection::connect_with(&db.options()).await.unwrap();
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut locker)
        .await
        .unwrap();
    (pool, locker)
}

async fn count(pool: &SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM notes")
        .fetch_one(pool)
        .await
        .unwrap()
}

// ANCHOR: cancellation
const GIVE_UP: Duration = Duration::from_millis(200);

#[tokio::test]
async fn a_dropped_insert_still_happens() {
    let db = TempDb::new("plain");
    let (pool, mut locker) = pool_and_locker(&db).await;

    let insert = sqlx::query("INSERT INTO notes VALUES ('abandoned')").execute(&pool);
    let outcome = tokio::time::timeout(GIVE_UP, insert).await;
    assert!(
        outcome.is_err(),
        "the insert was still waiting for the lock"
    );

    sqlx::query("ROLLBACK").execute(&mut locker).await.unwrap();
    assert_eq!(count(&pool).await, 1, "the abandoned insert ran anyway");
}

#[tokio::test]
async fn a_dropped_transaction_takes_its_insert_with_it() {
    let db = TempDb::new("transaction");
    let (pool, mut locker) = pool_and_locker(&db).await;

    let insert = async {
        let mut tx = pool.begin().await?;
        sqlx::query("INSERT INTO notes VALUES ('abandoned')")
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    };
    let outcome = tokio::time::timeout(GIVE_UP, insert).await;
    assert!(
        outcome.is_err(),
        "the insert was still waiting for the lock"
    );

    sqlx::query("ROLLBACK").execute(&mut locker).await.unwrap();
    assert_eq!(count(&pool).await, 0, "the dropped transaction rolled back");
}
// ANCHOR_END: cancellation
