//! The differential suite: the Rust twin (this crate's `notes` binary) and
//! the Go twin up side by side, sent the same generated requests, must
//! answer the same. See `web_services_conformance::differential`.
//!
//! `DIFFERENTIAL_SEED=<n>|random` and `DIFFERENTIAL_CASES=<n>` override the
//! default seed and case count.

use std::io::Write;

use web_services_conformance::differential;

#[test]
#[ignore = "needs Go; cargo xtask test runs it with --ignored"]
fn rust_and_go_twins_answer_alike() {
    let (seed, cases) = differential::settings();
    let summary = differential::run(
        &testkit::Twin::rust(env!("CARGO_BIN_EXE_notes")),
        &testkit::Twin::go("listings/web-services/notes"),
        seed,
        cases,
    );
    // Straight to the process's stderr, past the test harness's capture, so
    // the line shows in `cargo xtask test`'s output on success too.
    let _ = writeln!(std::io::stderr(), "{summary}");
}
