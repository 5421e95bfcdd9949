//! The notes table behind a small API: open the database, apply the
//! migrations, and the three queries the service needs.
//!
//! The queries are checked against the schema when the crate compiles:
//! `query_as!` reads the column types from the query cache in `.sqlx/`,
//! committed with the code, so building needs no database. After changing a
//! query, refresh the cache from this directory (what `cargo sqlx prepare`
//! from sqlx-cli automates):
//!
//! ```text
//! rm -rf .sqlx /tmp/notes-prepare.db && mkdir .sqlx && touch src/store.rs
//! sqlite3 /tmp/notes-prepare.db < migrations/0001_create_notes.sql
//! DATABASE_URL=sqlite:///tmp/notes-prepare.db SQLX_OFFLINE_DIR=$PWD/.sqlx \
//!     cargo check -p web-services-notes
//! ```

use std::path::Path;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::note::{NewNote, Note};

// ANCHOR: store
/// A handle on the database; cheap to clone, shared by all handlers.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the SQLite file at `path` and brings its
    /// schema up to date.
    pub async fn open(path: &Path) -> Result<Store, sqlx::Error> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            // A writer waits this long for another writer's lock before
            // SQLite reports "database is locked".
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Store::migrated(pool).await
    }

    /// A private in-memory database, for tests. One connection, because
    /// each SQLite connection to `:memory:` would see a database of its own.
    pub async fn in_memory() -> Result<Store, sqlx::Error> {
        let options = SqliteConnectOptions::new().in_memory(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        Store::migrated(pool).await
    }

    async fn migrated(pool: SqlitePool) -> Result<Store, sqlx::Error> {
        // The SQL files in migrations/ are embedded in the binary at compile
        // time; sqlx records which ones ran in `_sqlx_migrations`.
        sqlx::migrate!().run(&pool).await?;
        Ok(Store { pool })
    }
    // ANCHOR_END: store

    // ANCHOR: queries
    /// Stores a validated note and returns it with its new id.
    pub async fn create(&self, new: &NewNote) -> Result<Note, sqlx::Error> {
        // In a transaction, so that a request dropped by the timeout while
        // its insert waits for a lock takes the insert with it: dropping an
        // uncommitted `Transaction` rolls it back. Without one, the insert
        // already handed to sqlx's SQLite thread would still happen.
        let mut tx = self.pool.begin().await?;
        let note = sqlx::query_as!(
            Note,
            "INSERT INTO notes (title, body) VALUES (?, ?) RETURNING id, title, body",
            new.title,
            new.body,
        )
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(note)
    }

    pub async fn get(&self, id: i64) -> Result<Option<Note>, sqlx::Error> {
        sqlx::query_as!(Note, "SELECT id, title, body FROM notes WHERE id = ?", id)
            .fetch_optional(&self.pool)
            .await
    }

    /// Up to `limit` notes with an id above `after`, oldest first: keyset
    /// pagination, which stays correct while notes are being added.
    pub async fn list(&self, after: i64, limit: i64) -> Result<Vec<Note>, sqlx::Error> {
        sqlx::query_as!(
            Note,
            "SELECT id, title, body FROM notes WHERE id > ? ORDER BY id LIMIT ?",
            after,
            limit,
        )
        .fetch_all(&self.pool)
        .await
    }
    // ANCHOR_END: queries

    /// Waits for the connections to finish and closes them.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_note(title: &str) -> NewNote {
        NewNote {
            title: title.into(),
            body: String::new(),
        }
    }

    #[tokio::test]
    async fn creates_gets_and_lists_in_order() {
        let store = Store::in_memory().await.unwrap();
        let first = store.create(&new_note("first")).await.unwrap();
        let second = store.create(&new_note("second")).await.unwrap();
        assert!(second.id > first.id, "ids grow");
        assert_eq!(store.get(first.id).await.unwrap(), Some(first.clone()));
        assert_eq!(store.get(second.id + 1).await.unwrap(), None);
        assert_eq!(
            store.list(0, 10).await.unwrap(),
            [first.clone(), second.clone()]
        );
        assert_eq!(store.list(first.id, 10).await.unwrap(), [second]);
        assert_eq!(store.list(0, 1).await.unwrap(), [first]);
    }
}
