//! The links table: open the database, create a link under a fresh code,
//! follow one (counting the hit), and read one back. The queries are
//! checked at run time (`sqlx::query`), so building needs no database and
//! no query cache.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

// ANCHOR: store
/// A short code, the URL it stands for, and how often it was followed.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Link {
    pub code: String,
    pub url: String,
    pub hits: i64,
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS links (
    code TEXT PRIMARY KEY,
    url  TEXT NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0
)";

/// The links table; cheap to clone, as the pool is shared.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the SQLite file at `path`.
    pub async fn open(path: &Path) -> Result<Store, sqlx::Error> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::query(SCHEMA).execute(&pool).await?;
        Ok(Store { pool })
    }
    // ANCHOR_END: store

    // ANCHOR: queries
    /// Stores `url` under a new random code: ten hex digits that SQLite
    /// draws, drawn again in the unlikely case that the code is taken.
    pub async fn create(&self, url: &str) -> Result<Link, sqlx::Error> {
        for _ in 0..3 {
            let code: Option<String> = sqlx::query_scalar(
                "INSERT INTO links (code, url) VALUES (lower(hex(randomblob(5))), ?)
                 ON CONFLICT DO NOTHING RETURNING code",
            )
            .bind(url)
            .fetch_optional(&self.pool)
            .await?;
            if let Some(code) = code {
                let url = url.to_owned();
                return Ok(Link { code, url, hits: 0 });
            }
        }
        Err(sqlx::Error::Protocol("no free code after 3 draws".into()))
    }

    /// Counts a hit on the link and returns its URL, or `None`.
    pub async fn follow(&self, code: &str) -> Result<Option<String>, sqlx::Error> {
        let query = "UPDATE links SET hits = hits + 1 WHERE code = ? RETURNING url";
        sqlx::query_scalar(query)
            .bind(code)
            .fetch_optional(&self.pool)
            .await
    }

    pub async fn get(&self, code: &str) -> Result<Option<Link>, sqlx::Error> {
        sqlx::query_as("SELECT code, url, hits FROM links WHERE code = ?")
            .bind(code)
            .fetch_optional(&self.pool)
            .await
    }
    // ANCHOR_END: queries

    /// Waits for the connections to be released and closes them.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
