//! `catch_unwind` used the one way it should be: at the boundary of a unit
//! of work, so that a bug in one unit is reported instead of ending the
//! thread. Errors a caller is expected to handle are `Result`s, never
//! panics.

use std::any::Any;
use std::panic::{self, UnwindSafe};
use std::thread;

// ANCHOR: guarded
/// Runs `work` and turns a panic inside it into an error message.
pub fn guarded<T>(work: impl FnOnce() -> T + UnwindSafe) -> Result<T, String> {
    panic::catch_unwind(work).map_err(|payload| format!("work panicked: {}", message(&*payload)))
}

/// A panic's payload is `Box<dyn Any + Send>`: a `&str` for a literal
/// message, a `String` for a formatted one, or anything `panic_any` got.
fn message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a payload that is not a string"
    }
}
// ANCHOR_END: guarded

// ANCHOR: thread
/// A panic ends only the thread it happens on; whoever joins the thread
/// sees an `Err`. (In Go, a panic no goroutine recovers ends the process.)
pub fn panic_on_a_thread() -> bool {
    thread::spawn(|| panic!("worker failed")).join().is_err()
}

/// The same holds for a tokio task: awaiting its `JoinHandle` gives a
/// `JoinError` that says the task panicked.
pub async fn panic_in_a_task() -> bool {
    let task = tokio::spawn(async {
        panic!("job failed");
    });
    task.await.is_err_and(|err| err.is_panic())
}
// ANCHOR_END: thread

// ANCHOR: main
fn main() {
    let items: Vec<i32> = (1..=3).collect();
    let index = items.len() + 2;
    // The default panic hook still prints the panic to stderr; the guard
    // decides what the program does next.
    match guarded(|| items[index]) {
        Ok(n) => println!("got {n}"),
        Err(err) => println!("recovered: {err}"),
    }
    assert!(panic_on_a_thread());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime without I/O or timers always builds");
    assert!(runtime.block_on(panic_in_a_task()));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_errors_at_the_guard() {
        let items: Vec<i32> = (1..=3).collect();
        let index = 5;
        type Work<'a> = Box<dyn Fn() -> i32 + UnwindSafe + 'a>;
        let cases: [(&str, Work, Result<i32, &str>); 4] = [
            ("no panic", Box::new(|| items[2]), Ok(3)),
            (
                "index out of range",
                Box::new(|| items[index]),
                Err("work panicked: index out of bounds: the len is 3 but the index is 5"),
            ),
            (
                "literal message",
                Box::new(|| panic!("queue is corrupt")),
                Err("work panicked: queue is corrupt"),
            ),
            (
                "formatted message",
                Box::new(|| panic!("job {} is corrupt", 7)),
                Err("work panicked: job 7 is corrupt"),
            ),
        ];
        for (case, work, want) in cases {
            assert_eq!(guarded(work), want.map_err(str::to_owned), "{case}");
        }
    }

    #[test]
    fn a_thread_that_panics_reports_it_on_join() {
        assert!(panic_on_a_thread());
    }

    #[tokio::test]
    async fn a_task_that_panics_reports_it_on_await() {
        assert!(panic_in_a_task().await);
    }
}
// ANCHOR_END: tests
