//! An `Rc` alive across an `.await`: its count is not atomic, so it is not
//! `Send`, and neither is a future that holds it while parked.

use std::rc::Rc;

use tokio::task;

#[tokio::main]
async fn main() {
    let handle = tokio::spawn(async {
        let names = Rc::new(vec!["ping", "pong"]);
        task::yield_now().await;
        names.len()
    });
    println!("{}", handle.await.unwrap());
}
