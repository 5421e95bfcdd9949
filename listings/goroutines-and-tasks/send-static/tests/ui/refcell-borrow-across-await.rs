//! A `RefCell` borrow alive across an `.await`: the guard that
//! `borrow_mut` returns is not `Send`, so neither is the future.

use std::cell::RefCell;

use tokio::task;

#[tokio::main]
async fn main() {
    let handle = tokio::spawn(async {
        let log = RefCell::new(Vec::new());
        let mut entries = log.borrow_mut();
        entries.push("ping");
        task::yield_now().await;
        entries.push("pong");
        entries.len()
    });
    println!("{}", handle.await.unwrap());
}
