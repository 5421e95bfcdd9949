//! Holding a `std::sync::MutexGuard` across an `.await`: the future that
//! `tokio::spawn` would move between worker threads is then not `Send`.

use std::sync::{Arc, Mutex};

async fn save(_value: u64) {}

async fn bump_and_save(counter: Arc<Mutex<u64>>) {
    let mut guard = counter.lock().unwrap();
    *guard += 1;
    save(*guard).await; // the guard is still alive here
}

#[tokio::main]
async fn main() {
    let counter = Arc::new(Mutex::new(0));
    tokio::spawn(bump_and_save(counter)).await.unwrap();
}
