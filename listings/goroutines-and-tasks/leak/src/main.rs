//! Asks several replicas and keeps the first answer. The losers' sends fail
//! once the receiver is dropped, so their tasks end: the Rust side of
//! "a goroutine that never ends" in the "goroutines and tasks" chapter.

use tokio::sync::mpsc;

// ANCHOR: first
/// Starts one task per replica and returns the first answer to arrive.
pub async fn first_answer(replicas: Vec<String>) -> Option<String> {
    // Capacity 1, the closest tokio has to Go's unbuffered channel.
    let (answers, mut first) = mpsc::channel(1);
    for replica in replicas {
        let answers = answers.clone();
        tokio::spawn(async move {
            let answer = format!("answer from {replica}");
            // Waits while the channel is full, and fails as soon as `first`
            // below has been dropped: the error means nobody is listening,
            // so the task simply ends.
            let _ = answers.send(answer).await;
        });
    }
    drop(answers);
    first.recv().await
}
// ANCHOR_END: first

#[tokio::main]
async fn main() {
    let replicas = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
    let answer = first_answer(replicas).await.expect("three replicas answer");
    assert!(answer.starts_with("answer from "));
    println!("{answer}");
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::runtime::Handle;
    use tokio::time::timeout;

    use super::*;

    /// `main` walks through the chapter's example with assertions; the book
    /// runs it too, and this keeps `cargo test` covering it.
    #[test]
    fn the_walkthrough_in_main_holds() {
        main();
    }

    // ANCHOR: tests
    #[tokio::test]
    async fn losing_senders_end_when_the_receiver_is_dropped() {
        let metrics = Handle::current().metrics();
        let before = metrics.num_alive_tasks();
        let replicas = (0..5).map(|i| format!("replica {i}")).collect();
        assert!(first_answer(replicas).await.is_some());

        // Every task ends; the timeout only guards against a hang.
        timeout(Duration::from_secs(5), async {
            while metrics.num_alive_tasks() > before {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("all replica tasks end");
    }

    #[tokio::test]
    async fn a_blocked_send_fails_when_the_receiver_goes() {
        let (sender, receiver) = mpsc::channel(1);
        sender.send(1).await.unwrap(); // the channel is now full
        let blocked = tokio::spawn(async move { sender.send(2).await });
        tokio::task::yield_now().await; // let it start waiting
        drop(receiver);
        let result = timeout(Duration::from_secs(5), blocked).await.unwrap();
        assert_eq!(result.unwrap().unwrap_err().0, 2, "the value comes back");
    }
    // ANCHOR_END: tests
}
