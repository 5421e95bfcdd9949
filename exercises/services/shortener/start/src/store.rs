//! The links table, Go's `store.go`: open the database, create a link under
//! a fresh code, follow one (counting the hit), and read one back.

use std::path::Path;

use serde::Serialize;
use sqlx::SqlitePool;

// ANCHOR: store
/// A short code, the URL it stands for, and how often it was followed. Its
/// JSON is the body of `POST /links` and `GET /links/{code}`.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Link {
    pub code: String,
    pub url: String,
    pub hits: i64,
}

/// The links table; cheap to clone, as the pool is shared.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Go's `OpenStore`: opens the SQLite file at `path`, creating it when
    /// it is missing, and creates the `links` table unless it is there (the
    /// same schema as Go's, so that either program can open the other's
    /// file).
    pub async fn open(path: &Path) -> Result<Store, sqlx::Error> {
        todo!()
    }
    // ANCHOR_END: store

    // ANCHOR: queries
    /// Stores `url` under a new code and returns the link (no hits yet).
    /// Each call makes a new link, even for a URL already stored. The code
    /// is yours to choose, made of ASCII letters and digits; Go's draws ten
    /// hex digits in SQL and draws again when the code is taken.
    pub async fn create(&self, url: &str) -> Result<Link, sqlx::Error> {
        todo!()
    }

    /// Counts a hit on the link `code` and returns its URL, or `None` when
    /// there is no such link.
    pub async fn follow(&self, code: &str) -> Result<Option<String>, sqlx::Error> {
        todo!()
    }

    /// The link `code`, or `None`.
    pub async fn get(&self, code: &str) -> Result<Option<Link>, sqlx::Error> {
        todo!()
    }
    // ANCHOR_END: queries
}
