//! What `tokio::spawn` asks of a task, `Send + 'static`, and the ways to
//! meet it: an `Arc` cloned before spawning, scoped threads when the work is
//! synchronous, and a `LocalSet` for tasks that cannot be `Send`. The Rust
//! side of "what a task may take with it" in the "goroutines and tasks"
//! chapter, beside `lengths.go`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::thread;

use tokio::task::{self, LocalSet};

// ANCHOR: lengths
/// Measures each name on a task of its own. A task may outlive this call, so
/// it cannot borrow `names`; each task owns a clone of the `Arc` instead.
pub async fn lengths(names: Vec<String>) -> Vec<usize> {
    let names = Arc::new(names);
    let mut handles = Vec::with_capacity(names.len());
    for i in 0..names.len() {
        let names = Arc::clone(&names);
        handles.push(tokio::spawn(async move { names[i].len() }));
    }
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.expect("a length task panicked"));
    }
    out
}
// ANCHOR_END: lengths

// ANCHOR: scoped
/// The same on OS threads, which may borrow: every thread of the scope is
/// joined before `thread::scope` returns, so `names` outlives them all.
pub fn lengths_scoped(names: &[String]) -> Vec<usize> {
    thread::scope(|scope| {
        let handles: Vec<_> = names
            .iter()
            .map(|name| scope.spawn(move || name.len()))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a length thread panicked"))
            .collect()
    })
}
// ANCHOR_END: scoped

// ANCHOR: local
/// Two tasks write to one log behind an `Rc<RefCell<_>>`. Neither type is
/// `Send`, so the tasks run on a `LocalSet`, on this thread only; each
/// borrow ends before the next `.await`.
pub async fn shared_log(rounds: usize) -> Vec<&'static str> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let local = LocalSet::new();
    for name in ["ping", "pong"] {
        let log = Rc::clone(&log);
        local.spawn_local(async move {
            for _ in 0..rounds {
                log.borrow_mut().push(name);
                task::yield_now().await;
            }
        });
    }
    // A LocalSet is a future too: it runs its tasks until all have ended.
    local.await;
    Rc::try_unwrap(log)
        .expect("the tasks have ended")
        .into_inner()
}
// ANCHOR_END: local

#[tokio::main]
async fn main() {
    let names = vec!["ping".to_owned(), "pong!".to_owned()];
    assert_eq!(lengths_scoped(&names), [4, 5]);
    assert_eq!(lengths(names).await, [4, 5]);
    assert_eq!(shared_log(2).await.len(), 4);
    println!("tasks own what they use; local tasks may share an Rc");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[tokio::test]
    async fn tasks_and_scoped_threads_measure_the_same() {
        let cases: [(&str, &[&str], &[usize]); 3] = [
            ("none", &[], &[]),
            ("one", &["ping"], &[4]),
            ("several", &["a", "", "three"], &[1, 0, 5]),
        ];
        for (name, names, want) in cases {
            let names = owned(names);
            assert_eq!(lengths_scoped(&names), want, "{name}: scoped threads");
            assert_eq!(lengths(names).await, want, "{name}: tasks");
        }
    }

    /// Each local task wrote its name once per round; the order in which
    /// the two interleave is the scheduler's business, so it is not checked.
    fn written(log: &[&str]) -> (usize, usize) {
        let pings = log.iter().filter(|entry| **entry == "ping").count();
        (pings, log.len() - pings)
    }

    #[tokio::test]
    async fn local_tasks_share_an_rc() {
        for rounds in [0, 1, 3] {
            assert_eq!(written(&shared_log(rounds).await), (rounds, rounds));
        }
    }

    /// The same function, awaited on a multi-threaded runtime: a LocalSet
    /// keeps its tasks on the thread that polls it, whichever runtime that is.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_local_set_also_runs_inside_a_multi_threaded_runtime() {
        assert_eq!(written(&shared_log(2).await), (2, 2));
    }
}
