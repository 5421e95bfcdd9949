//! When one owner is not enough: `Box` for a value that must live behind a
//! pointer, `Rc` + `RefCell` for shared, changeable state in one thread, and
//! `Arc` + `Mutex` for the same across threads. The Go twin uses plain
//! pointers and a `sync.Mutex`, the garbage collector doing the counting.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::thread;

// ANCHOR: box
/// An arithmetic expression. A variant cannot contain an `Expr` directly
/// (the type would have no finite size), so it holds a `Box<Expr>`: one
/// owner, the value on the heap.
pub enum Expr {
    Num(i64),
    Add(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
}

pub fn eval(expr: &Expr) -> i64 {
    match expr {
        Expr::Num(n) => *n,
        Expr::Add(a, b) => eval(a) + eval(b),
        Expr::Mul(a, b) => eval(a) * eval(b),
    }
}
// ANCHOR_END: box

// ANCHOR: rc
/// A log that several parts of a program write to. Cloning a `Journal`
/// clones the `Rc`: one more owner of the same lines, not a copy of them.
/// `RefCell` lets any owner push, checking at run time that no one else is
/// reading or writing at that moment.
#[derive(Clone, Default)]
pub struct Journal {
    lines: Rc<RefCell<Vec<String>>>,
}

impl Journal {
    pub fn write(&self, line: &str) {
        self.lines.borrow_mut().push(line.to_string());
    }

    pub fn lines(&self) -> Vec<String> {
        self.lines.borrow().clone()
    }
}
// ANCHOR_END: rc

// ANCHOR: arc
/// Counts the words of each text on its own thread. Each thread gets a
/// clone of the `Arc` (an atomic reference count) and locks the `Mutex` to
/// add its share.
pub fn count_words(texts: Vec<String>) -> usize {
    let total = Arc::new(Mutex::new(0));
    let workers: Vec<_> = texts
        .into_iter()
        .map(|text| {
            let total = Arc::clone(&total);
            thread::spawn(move || {
                let words = text.split_whitespace().count();
                *total.lock().unwrap() += words;
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let total = total.lock().unwrap();
    *total
}

/// The same with scoped threads, which may borrow from the caller because
/// they are joined before `scope` returns: no `Arc`, no moved `String`s.
pub fn count_words_scoped(texts: &[String]) -> usize {
    let total = Mutex::new(0);
    thread::scope(|scope| {
        for text in texts {
            scope.spawn(|| *total.lock().unwrap() += text.split_whitespace().count());
        }
    });
    total.into_inner().unwrap()
}
// ANCHOR_END: arc

// ANCHOR: main
fn main() {
    // (1 + 2) * 4
    let expr = Expr::Mul(
        Box::new(Expr::Add(Box::new(Expr::Num(1)), Box::new(Expr::Num(2)))),
        Box::new(Expr::Num(4)),
    );
    assert_eq!(eval(&expr), 12);

    let journal = Journal::default();
    let server_log = journal.clone();
    server_log.write("listening");
    assert_eq!(journal.lines(), ["listening"]);

    let texts = vec!["one two".to_string(), "three".to_string()];
    assert_eq!(count_words_scoped(&texts), 3);
    assert_eq!(count_words(texts), 3);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluates_expressions() {
        let num = |n| Box::new(Expr::Num(n));
        let cases = [
            ("a number", Expr::Num(7), 7),
            ("a sum", Expr::Add(num(2), num(3)), 5),
            (
                "a product of a sum",
                Expr::Mul(Box::new(Expr::Add(num(1), num(2))), num(4)),
                12,
            ),
        ];
        for (case, expr, want) in cases {
            assert_eq!(eval(&expr), want, "{case}");
        }
    }

    #[test]
    fn clones_of_a_journal_share_its_lines() {
        let journal = Journal::default();
        let other = journal.clone();
        journal.write("a");
        other.write("b");
        assert_eq!(journal.lines(), ["a", "b"]);
        assert_eq!(Rc::strong_count(&journal.lines), 2, "two owners, one Vec");
    }

    // ANCHOR: refcell-panic
    /// `RefCell` moves the borrow check to run time: a second writer while
    /// the first is still alive compiles, and panics when it happens.
    #[test]
    #[should_panic(expected = "already borrowed")]
    fn refcell_refuses_a_second_writer_at_run_time() {
        let journal = Journal::default();
        let _first = journal.lines.borrow_mut();
        journal.write("while _first is alive"); // borrow_mut again: panic
    }
    // ANCHOR_END: refcell-panic

    #[test]
    fn counts_words_on_threads() {
        let cases = [
            ("no texts", vec![], 0),
            ("one text", vec!["a b c"], 3),
            ("blank text", vec!["  ", "a"], 1),
            ("many texts", vec!["a b"; 8], 16),
        ];
        for (case, texts, want) in cases {
            let texts: Vec<String> = texts.into_iter().map(String::from).collect();
            assert_eq!(count_words_scoped(&texts), want, "{case}: scoped");
            assert_eq!(count_words(texts), want, "{case}: Arc");
        }
    }
}
