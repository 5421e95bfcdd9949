//! The conformance suite against the Go twin. Each test is ignored in a plain
//! `cargo test`, which needs no Go; `cargo xtask test` runs them with
//! `cargo test -p chat-server-conformance -- --ignored` and `GO` set.

chat_server_conformance::suite!(
    chat_server_conformance::Twin::go("listings/chat-server/server"),
    #[ignore = "needs Go; cargo xtask test runs it with --ignored"]
);
