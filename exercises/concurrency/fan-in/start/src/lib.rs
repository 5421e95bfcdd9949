//! The fan-in exercise: port `../go/fanin.go` to Rust here, on tokio.
//!
//! Replace the `todo!()` with code that does what the doc comment above it
//! says, then run `cargo xtask exercise fan-in`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` body does not use its parameters yet; delete this line once
// it does (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() body")]

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

// ANCHOR: merge
/// Go's `Merge`: returns a channel that receives every value sent on
/// `inputs`, in the order each arrives, and is closed once every input is
/// closed or `cancel` is cancelled, whichever comes first. After the
/// cancellation it stops reading its inputs, so its tasks end even when an
/// input is never closed. It is called inside a tokio runtime (the tests
/// run on one), so it may `tokio::spawn`.
///
/// Go's `ctx` becomes a `CancellationToken` (`cancel.cancelled()` is
/// `<-ctx.Done()`), and `select` is `tokio::select!`. Go needs a
/// `WaitGroup` to know when to close the output; think about when a tokio
/// channel closes by itself.
pub fn merge<T: Send + 'static>(
    cancel: CancellationToken,
    inputs: Vec<mpsc::Receiver<T>>,
) -> mpsc::Receiver<T> {
    todo!()
}
// ANCHOR_END: merge
