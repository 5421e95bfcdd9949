//! The black-box suite both twins of the notes service pass.
//!
//! Every case starts the twin's real binary on a loopback port, with a fresh
//! SQLite file in a temporary directory, and talks to it over HTTP, the way a
//! client would. Nothing here knows which language answers. The Rust twin
//! runs the suite from its own `tests/conformance.rs`; this crate runs it
//! against the Go twin from `tests/go_twin.rs`.
//!
//! ```text
//! web_services_conformance::suite!(testkit::Twin::rust(env!("CARGO_BIN_EXE_notes")));
//! ```

use std::path::PathBuf;

use tempfile::TempDir;
use testkit::{Server, Twin};

pub mod cases;
pub mod differential;
pub mod slow;

// Every `pub async fn NAME(twin: Twin)` in cases.rs is a case; the
// `suite!` macro this writes makes a `#[test] fn NAME` of each.
// ANCHOR: suite
testkit::declare_suite! {
    cases: "src/cases.rs",
    twins: "listings/web-services/notes",
}
// ANCHOR_END: suite

/// A directory holding one test's database file, removed when dropped.
pub struct TempDb {
    dir: TempDir,
}

impl TempDb {
    pub fn new() -> TempDb {
        let dir = tempfile::Builder::new()
            .prefix("notes-conformance-")
            .tempdir()
            .expect("the temporary directory is writable");
        TempDb { dir }
    }

    /// The SQLite file the twin is started with.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("notes.db")
    }

    /// Starts `twin` on this database.
    pub fn start(&self, twin: &Twin) -> Server {
        self.start_with(twin, &[])
    }

    /// Starts `twin` on this database with more flags.
    pub fn start_with(&self, twin: &Twin, flags: &[&str]) -> Server {
        let mut args = vec!["--db".to_owned(), self.path().display().to_string()];
        args.extend(flags.iter().map(|flag| flag.to_string()));
        twin.start_with(args)
    }
}

impl Default for TempDb {
    fn default() -> Self {
        TempDb::new()
    }
}
