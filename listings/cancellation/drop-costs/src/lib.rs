//! What dropping a future costs, case by case, and the pattern that keeps
//! the work in each: a record half-written when `write_all` is dropped
//! (`write_all_buf`, or a token checked between records, keeps it whole), a
//! job lost with a `send` that loses a `select!` (`reserve` keeps it), and a
//! handler dropped when its client hangs up (a spawned task runs on). The
//! Rust side of "what dropping costs" in the "cancellation and context"
//! chapter, beside the Go files of this directory.

pub mod hangup;
pub mod send;
pub mod write;
