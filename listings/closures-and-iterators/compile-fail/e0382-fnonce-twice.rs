//! Calls a closure twice when it gives away what it captured, as Go code
//! may call any func value again. The first call moves `report` out of the
//! closure, so the closure is `FnOnce`: E0382.

use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel();
    let report = vec![String::from("all good")];
    let send = move || tx.send(report).unwrap();
    send();
    send();
    println!("{:?}", rx.recv());
}
