//! Starts a thread with a closure that borrows a local vector, as a Go
//! goroutine uses the variables around it. The thread may outlive the
//! function, so rustc refuses the borrow: E0373.

use std::thread;

fn count_elsewhere(words: Vec<String>) -> usize {
    let handle = thread::spawn(|| words.len());
    handle.join().unwrap()
}

fn main() {
    println!("{}", count_elsewhere(vec!["go".to_owned()]));
}
