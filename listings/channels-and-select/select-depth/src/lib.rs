//! `tokio::select!` beyond the first example: `if` guards that switch a
//! branch off, as Go switches a case off by setting its channel to nil; a
//! future that has finished and must not be polled again; and the order in
//! which `select!` tries its branches, at random or `biased;`. The Rust side
//! of "select in depth" in the "channels and select" chapter, beside the Go
//! files of this directory.

pub mod finished;
pub mod order;
pub mod relay;
