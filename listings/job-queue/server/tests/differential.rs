//! The differential suite: the Rust twin and the Go twin side by side, the
//! same generated requests to each, the same answers required. The design
//! is in `listings/job-queue/conformance/src/differential.rs`. Needs Go, so
//! plain `cargo test` skips it; `cargo xtask test` runs it with `--ignored`.
//! By hand, with the seed and count of your choice:
//!
//! ```text
//! eval "$(cargo xtask go-env | tail -1)"
//! DIFFERENTIAL_SEED=random DIFFERENTIAL_CASES=10000 \
//!     cargo test -p job-queue --test differential -- --ignored --nocapture
//! ```

use job_queue_conformance::differential;
use job_queue_conformance::testkit::Twin;

#[test]
#[ignore = "needs Go; cargo xtask test runs it with --ignored"]
fn the_twins_answer_every_generated_request_alike() {
    differential::run(
        &Twin::rust(env!("CARGO_BIN_EXE_job-queue")),
        &Twin::go("listings/job-queue/server"),
    );
}
