//! The conformance suite against this crate's binary: the same cases, under
//! the same names, that the Go twin passes.

chat_server_conformance::suite!(chat_server_conformance::Twin::rust(env!(
    "CARGO_BIN_EXE_chat-server"
)));
