//! A gate that futures wait at until it is opened: the smallest future
//! that has to wait for something, written by hand.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

// ANCHOR: gate
/// A gate, closed until `open` is called. Clones share one gate.
#[derive(Clone, Default)]
pub struct Gate {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    open: bool,
    waiting: Vec<Waker>,
}

impl Gate {
    /// Opens the gate and wakes every task waiting at it.
    pub fn open(&self) {
        let waiting = {
            let mut state = self.state.lock().expect("no one panics holding it");
            state.open = true;
            std::mem::take(&mut state.waiting)
        };
        for waker in waiting {
            waker.wake();
        }
    }

    /// A future that is ready once the gate is open.
    pub fn passed(&self) -> Passed {
        Passed { gate: self.clone() }
    }
}

/// What `Gate::passed` returns.
pub struct Passed {
    gate: Gate,
}

impl Future for Passed {
    type Output = ();

    /// Called by whoever runs the future: `Ready` if the gate is open; if
    /// not, keep the waker so that `open` can say when to poll again, and
    /// return `Pending`, which gives the thread back to the runtime.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.gate.state.lock().expect("no one panics holding it");
        if state.open {
            return Poll::Ready(());
        }
        if !state.waiting.iter().any(|w| w.will_wake(cx.waker())) {
            state.waiting.push(cx.waker().clone());
        }
        Poll::Pending
    }
}
// ANCHOR_END: gate

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    /// A waker that counts its wakes, in place of a runtime.
    #[derive(Default)]
    struct Count(AtomicUsize);

    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    // ANCHOR: by-hand
    #[test]
    fn polled_by_hand_it_waits_keeps_the_waker_and_is_woken_once() {
        let gate = Gate::default();
        let wakes = Arc::new(Count::default());
        let waker = Waker::from(Arc::clone(&wakes));
        let mut cx = Context::from_waker(&waker);
        let mut passed = std::pin::pin!(gate.passed());

        assert_eq!(passed.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(passed.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(wakes.0.load(Ordering::SeqCst), 0, "nothing to wake for yet");

        gate.open();
        assert_eq!(wakes.0.load(Ordering::SeqCst), 1, "one waker, kept once");
        assert_eq!(passed.as_mut().poll(&mut cx), Poll::Ready(()));
    }
    // ANCHOR_END: by-hand

    #[tokio::test]
    async fn a_runtime_polls_it_again_when_woken() {
        let gate = Gate::default();
        let waiter = tokio::spawn(gate.passed());
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        gate.open();
        waiter.await.expect("the waiter does not panic");
    }
}
