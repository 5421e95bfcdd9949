//! A future built outside a `select!` loop and polled there by reference
//! must be pinned: `&mut F` is a future only when `F` is `Unpin`, and the
//! future of an `async fn` is not.

use tokio::sync::mpsc;

async fn load() -> u32 {
    10
}

#[tokio::main]
async fn main() {
    let (_send, mut jobs) = mpsc::channel::<u32>(1);
    let mut loading = load();
    loop {
        tokio::select! {
            limit = &mut loading => println!("limit {limit}"),
            Some(job) = jobs.recv() => println!("job {job}"),
        }
    }
}
