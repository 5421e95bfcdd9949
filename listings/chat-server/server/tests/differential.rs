//! The differential suite (see `chat_server_conformance::differential`):
//! generated sessions against this crate's binary and the Go twin side by
//! side, every client's observations compared. Needs Go, so it is ignored
//! in a plain `cargo test`; `cargo xtask test` runs it in the go-twins
//! stage. `DIFFERENTIAL_SEED` and `DIFFERENTIAL_CASES` override the fixed
//! seed and the 2,000 cases.

use chat_server_conformance::{Twin, differential};

#[test]
#[ignore = "needs Go; cargo xtask test runs it with --ignored"]
fn rust_and_go_twins_observe_the_same() {
    differential::run(
        &Twin::rust(env!("CARGO_BIN_EXE_chat-server")),
        &Twin::go("listings/chat-server/server"),
    );
}
