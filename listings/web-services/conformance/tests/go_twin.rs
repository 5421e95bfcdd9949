//! The suite against the Go twin, built from listings/web-services/notes.
//! Ignored by plain `cargo test`, which needs no Go; `cargo xtask test` runs
//! it with `--ignored` and GO set.

web_services_conformance::suite!(
    testkit::Twin::go("listings/web-services/notes"),
    #[ignore = "needs Go; cargo xtask test runs it with --ignored"]
);
