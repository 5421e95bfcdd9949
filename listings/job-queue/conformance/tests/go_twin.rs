//! The conformance suite against the Go twin, built from its source with the
//! `go` named by `$GO`. Ignored by plain `cargo test`, which may run where Go
//! is not installed; `cargo xtask test` runs these with `--ignored`.

use job_queue_conformance::testkit::Twin;

fn go_twin() -> Twin {
    Twin::go("listings/job-queue/server")
}

job_queue_conformance::suite!(
    go_twin(),
    #[ignore = "needs Go; cargo xtask test runs it with --ignored"]
);
