//! The differential suite (see `chat_server_conformance::differential`):
//! generated sessions against this crate's binary and the Go twin side by
//! side, every client's observations compared. Needs Go, so it is ignored
//! in a plain `cargo test`; `cargo xtask test` runs it in the go-twins
//! stage. `DIFFERENTIAL_SEED` and `DIFFERENTIAL_CASES` override the fixed
//! seed and the 2,000 cases.

use chat_server_conformance::Twin;
use chat_server_conformance::differential::{self, Action, Step, Violation};

fn twins() -> (Twin, Twin) {
    (
        Twin::rust(env!("CARGO_BIN_EXE_chat-server")),
        Twin::go("listings/chat-server/server"),
    )
}

#[test]
#[ignore = "needs Go; cargo xtask test runs it with --ignored"]
fn rust_and_go_twins_observe_the_same() {
    let (rust, go) = twins();
    differential::run(&rust, &go);
}

/// A case as a failure report prints it, pasted back: the first
/// difference the suite found after the twins' first fixes.
#[test]
#[ignore = "needs Go; cargo xtask test runs it with --ignored"]
fn a_reported_case_replays() {
    let (rust, go) = twins();
    differential::compare(
        &rust,
        &go,
        &[Step {
            client: 0,
            action: Action::Violate(Violation::ContinuationFirst),
        }],
    );
}
