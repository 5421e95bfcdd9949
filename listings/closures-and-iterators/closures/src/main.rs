//! Closures by what they do with what they capture: read it (`Fn`),
//! change it (`FnMut`) or give it away (`FnOnce`). `move` makes a closure
//! own its captures, which a closure that outlives the function needs.

use std::sync::mpsc;
use std::thread;

// ANCHOR: kinds
/// `Fn`: reads what it captured, so it can be called any number of times,
/// through a shared reference.
fn greeter(greeting: String) -> impl Fn(&str) -> String {
    move |name| format!("{greeting}, {name}!")
}

/// `FnMut`: changes what it captured, so each call needs it exclusively.
fn counter() -> impl FnMut() -> u32 {
    let mut count = 0;
    move || {
        count += 1;
        count
    }
}

/// `FnOnce`: gives away what it captured, so it can be called once.
fn sender(report: Vec<String>, out: mpsc::Sender<Vec<String>>) -> impl FnOnce() {
    move || out.send(report).expect("the receiver is gone")
}
// ANCHOR_END: kinds

// ANCHOR: retry
/// Calls `op` until it succeeds, at most `attempts` times.
fn retry<T, E>(attempts: u32, mut op: impl FnMut() -> Result<T, E>) -> Result<T, E> {
    let mut result = op();
    for _ in 1..attempts {
        if result.is_ok() {
            break;
        }
        result = op();
    }
    result
}
// ANCHOR_END: retry

// ANCHOR: spawn
/// Counts the words on another thread. `move` hands `words` to the
/// thread's closure, which may run after this function has returned.
fn count_elsewhere(words: Vec<String>) -> usize {
    let handle = thread::spawn(move || words.len());
    handle.join().expect("the thread panicked")
}
// ANCHOR_END: spawn

// ANCHOR: main
fn main() {
    let hello = greeter("Hello".to_owned());
    println!("{} {}", hello("gopher"), hello("ferris"));

    let mut next = counter();
    println!("{} {}", next(), next());

    let (tx, rx) = mpsc::channel();
    let send = sender(vec!["all good".to_owned()], tx);
    send(); // `send` is used up here
    println!("{:?}", rx.recv());

    let mut tries = 0;
    let result: Result<u32, &str> = retry(3, || {
        tries += 1;
        if tries < 2 { Err("busy") } else { Ok(tries) }
    });
    println!("{result:?} after {tries} tries");
    println!(
        "{} words",
        count_elsewhere(vec!["go".into(), "rust".into()])
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[test]
    fn closures_keep_their_captures_between_calls() {
        let hello = greeter("Hi".to_owned());
        assert_eq!(hello("ann"), "Hi, ann!");
        assert_eq!(hello("bo"), "Hi, bo!");

        let mut first = counter();
        let mut second = counter();
        assert_eq!([first(), first(), second()], [1, 2, 1]);

        let (tx, rx) = mpsc::channel();
        sender(vec!["done".to_owned()], tx)();
        assert_eq!(rx.recv().unwrap(), ["done"]);
    }

    #[test]
    fn retry_calls_a_closure_that_changes_its_state() {
        for (fails, attempts, want, calls_want) in [(2, 5, Ok(3), 3), (9, 3, Err(3), 3)] {
            let mut calls = 0;
            let result = retry(attempts, || {
                calls += 1; // borrows `calls` mutably while `retry` runs
                if calls > fails { Ok(calls) } else { Err(calls) }
            });
            assert_eq!(result, want);
            assert_eq!(calls, calls_want); // the borrow has ended: readable again
        }
    }

    #[test]
    fn a_thread_gets_its_own_words() {
        assert_eq!(count_elsewhere(vec!["go".into(), "rust".into()]), 2);
    }
    // ANCHOR_END: tests
}
