//! The reference solution of the fan-in exercise: `go/fanin.go` in Rust,
//! on tokio.

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

// ANCHOR: merge
/// Every value of `inputs` on one channel, closed once every input is
/// closed or `cancel` is cancelled. Spawns a task per input, so it must be
/// called inside a tokio runtime.
pub fn merge<T: Send + 'static>(
    cancel: CancellationToken,
    inputs: Vec<mpsc::Receiver<T>>,
) -> mpsc::Receiver<T> {
    let (out, merged) = mpsc::channel(1);
    for mut input in inputs {
        // Each task owns a clone of the sender; the channel closes when the
        // last one is dropped, which is Go's WaitGroup and close(out).
        let out = out.clone();
        let cancel = cancel.clone();
        tokio::spawn(async move {
            loop {
                let value = tokio::select! {
                    () = cancel.cancelled() => return,
                    value = input.recv() => match value {
                        Some(value) => value,
                        None => return,
                    },
                };
                tokio::select! {
                    () = cancel.cancelled() => return,
                    sent = out.send(value) => if sent.is_err() {
                        // Nobody reads the merged channel any more.
                        return;
                    },
                }
            }
        });
    }
    merged
}
// ANCHOR_END: merge
