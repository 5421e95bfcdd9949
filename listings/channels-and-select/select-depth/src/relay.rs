//! A relay between two channels that holds at most `room` values while its
//! output is slow. Each branch is switched on only when it can do something.

use std::collections::VecDeque;

use tokio::sync::mpsc;

// ANCHOR: relay
/// Moves values from `input` to `output` in order, holding at most `room`
/// of them. Returns once `input` is closed and every held value is out, or
/// when nobody receives from `output` any more.
pub async fn relay(mut input: mpsc::Receiver<u32>, output: mpsc::Sender<u32>, room: usize) {
    let mut held = VecDeque::with_capacity(room);
    let mut input_open = true;
    loop {
        tokio::select! {
            got = input.recv(), if input_open && held.len() < room => match got {
                Some(value) => held.push_back(value),
                None => input_open = false,
            },
            slot = output.reserve(), if !held.is_empty() => match slot {
                Ok(slot) => slot.send(held.pop_front().expect("the guard saw a value")),
                Err(_receiver_gone) => return,
            },
            else => return,
        }
    }
}
// ANCHOR_END: relay

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    // ANCHOR: test
    #[tokio::test(start_paused = true)]
    async fn the_relay_holds_at_most_its_room_and_keeps_the_order() {
        let (send, input) = mpsc::channel(8);
        let (output, mut out) = mpsc::channel(1);
        tokio::spawn(relay(input, output, 2));
        for value in 1..=5 {
            send.send(value).await.unwrap();
        }
        // On the paused clock this sleep ends once the relay waits: one
        // value in `output`, two held, two still queued in `input`.
        tokio::time::sleep(Duration::from_millis(1)).await;
        assert_eq!(send.max_capacity() - send.capacity(), 2);

        drop(send);
        let mut got = Vec::new();
        while let Some(value) = out.recv().await {
            got.push(value);
        }
        assert_eq!(got, [1, 2, 3, 4, 5]);
    }
    // ANCHOR_END: test
}
