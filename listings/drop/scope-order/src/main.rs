//! When destructors run: at the end of the block that owns the value, in
//! reverse order of declaration, or earlier with `drop(x)`. A value bound
//! to `_` is dropped at once.

use std::cell::RefCell;

// ANCHOR: noisy
/// Lines written as things happen.
type Log = RefCell<Vec<String>>;

/// Writes "drop NAME" into a shared log when it goes away.
struct Noisy<'a> {
    name: String,
    log: &'a Log,
}

impl Drop for Noisy<'_> {
    fn drop(&mut self) {
        self.log.borrow_mut().push(format!("drop {}", self.name));
    }
}

fn noisy<'a>(name: &str, log: &'a Log) -> Noisy<'a> {
    Noisy {
        name: name.to_owned(),
        log,
    }
}
// ANCHOR_END: noisy

// ANCHOR: order
fn open_three(log: &Log) {
    let _a = noisy("a", log);
    let _b = noisy("b", log);
    let _c = noisy("c", log);
    log.borrow_mut().push("return".to_owned());
}
// ANCHOR_END: order

// ANCHOR: each_iteration
fn each_iteration(log: &Log) {
    for i in 0..3 {
        let _item = noisy(&format!("item {i}"), log);
        log.borrow_mut().push(format!("use item {i}"));
    }
    log.borrow_mut().push("return".to_owned());
}
// ANCHOR_END: each_iteration

// ANCHOR: early
fn early(log: &Log) {
    let a = noisy("a", log);
    let _b = noisy("b", log);
    drop(a); // moves `a` into `drop`, which lets it go
    let _ = noisy("c", log); // `_` binds nothing: dropped on this line
    log.borrow_mut().push("return".to_owned());
}
// ANCHOR_END: early

// ANCHOR: main
fn main() {
    let log = RefCell::new(Vec::new());
    open_three(&log);
    each_iteration(&log);
    early(&log);
    for line in log.into_inner() {
        println!("{line}");
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[test]
    fn destructors_run_in_reverse_at_the_end_of_their_block() {
        fn logged(run: fn(&Log)) -> Vec<String> {
            let log = RefCell::new(Vec::new());
            run(&log);
            log.into_inner()
        }
        let cases: [(&str, Vec<String>, &[&str]); 3] = [
            (
                "open_three",
                logged(open_three),
                &["return", "drop c", "drop b", "drop a"],
            ),
            (
                "each_iteration",
                logged(each_iteration),
                &[
                    "use item 0",
                    "drop item 0",
                    "use item 1",
                    "drop item 1",
                    "use item 2",
                    "drop item 2",
                    "return",
                ],
            ),
            (
                "early",
                logged(early),
                &["drop a", "drop c", "return", "drop b"],
            ),
        ];
        for (name, log, want) in cases {
            assert_eq!(log, want, "{name}");
        }
    }
    // ANCHOR_END: tests
}
