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

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use testkit::{Server, Twin};

pub mod cases;
pub mod differential;
pub mod slow;

/// Generates one `#[test]` per case of [`cases`] for the twin that `$twin`
/// evaluates to; attributes after it (such as `#[ignore = "…"]`) go on every
/// test.
// ANCHOR: suite
#[macro_export]
macro_rules! suite {
    ($twin:expr $(, #[$attr:meta])* $(,)?) => {
        $crate::__cases! {
            ($twin) [$(#[$attr])*]
            create_returns_201_with_location
            location_leads_to_the_note
            list_returns_notes_oldest_first
            list_pages_follow_next
            unknown_id_is_404
            non_integer_id_is_400
            invalid_notes_are_422
            malformed_json_is_400
            missing_content_type_is_415
            oversize_body_is_413
            bad_query_is_400
            database_error_is_500_with_a_generic_body
            request_over_the_time_limit_is_503
            request_id_is_echoed_or_made_up
            sigterm_exits_0_and_keeps_the_notes
            sigterm_lets_a_request_in_flight_finish
            half_a_request_is_closed_after_the_header_timeout
            silent_connection_is_closed_after_the_header_timeout
            idle_connection_is_closed_after_the_header_timeout
            sigterm_with_a_slow_connection_open_exits_0_in_time
            unknown_routes_and_methods_answer_json
            json_the_decoders_disagree_on_is_400
            null_fields_read_as_missing
            json_suffix_media_types_are_json
            malformed_queries_are_400
            paths_are_not_cleaned
            oversize_malformed_body_is_413
            malformed_escape_in_path_is_400
            empty_request_id_is_echoed
        }
    };
}
// ANCHOR_END: suite

#[doc(hidden)]
#[macro_export]
macro_rules! __cases {
    (($twin:expr) $attrs:tt $($case:ident)*) => {
        $( $crate::__case! { ($twin) $attrs $case } )*
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __case {
    (($twin:expr) [$(#[$attr:meta])*] $case:ident) => {
        #[test]
        $(#[$attr])*
        fn $case() {
            $crate::run($twin, $crate::cases::$case);
        }
    };
}

/// Runs one async case to completion on a runtime of its own.
pub fn run<F, Fut>(twin: Twin, case: F)
where
    F: FnOnce(Twin) -> Fut,
    Fut: Future<Output = ()>,
{
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime starts")
        .block_on(case(twin));
}

/// A directory holding one test's database file, removed when dropped.
pub struct TempDb {
    dir: PathBuf,
}

impl TempDb {
    pub fn new() -> TempDb {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("notes-conformance-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
        TempDb { dir }
    }

    /// The SQLite file the twin is started with.
    pub fn path(&self) -> PathBuf {
        self.dir.join("notes.db")
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

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
