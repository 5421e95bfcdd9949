//! The shared conformance suite, run against this crate's binary. The Go
//! twin runs the very same cases from `listings/job-queue/conformance`.

use job_queue_conformance::testkit::Twin;

fn rust_twin() -> Twin {
    Twin::rust(env!("CARGO_BIN_EXE_job-queue"))
}

job_queue_conformance::suite!(rust_twin());
