//! The fan-in exercise's tests, case for case the Go tests of
//! `go/fanin_test.go` under the same names. Your port (`start/`) and the
//! reference solution (`solution/`) both run this file: `cargo xtask
//! exercise fan-in` runs it against yours.

use std::time::Duration;

use fan_in::merge;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// Sends `values` on a new channel from a task, then closes it.
fn source(values: &[i32]) -> mpsc::Receiver<i32> {
    let (tx, rx) = mpsc::channel(1);
    let values = values.to_vec();
    tokio::spawn(async move {
        for value in values {
            if tx.send(value).await.is_err() {
                return;
            }
        }
    });
    rx
}

/// Receives until `out` is closed; fails after five seconds (a bound for a
/// wrong `merge`, never reached by a right one).
async fn drain(mut out: mpsc::Receiver<i32>) -> Vec<i32> {
    let mut got = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(value) = out.recv().await {
            got.push(value);
        }
    })
    .await;
    assert!(
        closed.is_ok(),
        "the merged channel was not closed within 5s; received {got:?}"
    );
    got
}

#[tokio::test]
async fn every_value_arrives_once() {
    let inputs = vec![source(&[1, 2, 3]), source(&[10, 20]), source(&[100])];
    let mut got = drain(merge(CancellationToken::new(), inputs)).await;
    got.sort();
    assert_eq!(got, [1, 2, 3, 10, 20, 100], "merged values, sorted");
}

#[tokio::test]
async fn each_input_keeps_its_order() {
    let inputs = vec![source(&[1, 2, 3, 4, 5]), source(&[-1, -2, -3])];
    let got = drain(merge(CancellationToken::new(), inputs)).await;
    let (positive, negative): (Vec<i32>, Vec<i32>) = got.iter().partition(|&&v| v > 0);
    assert_eq!(
        (positive, negative),
        (vec![1, 2, 3, 4, 5], vec![-1, -2, -3]),
        "merged {got:?}: each input's values in their order"
    );
}

#[tokio::test]
async fn no_inputs_closes_at_once() {
    let got = drain(merge(
        CancellationToken::new(),
        Vec::<mpsc::Receiver<i32>>::new(),
    ))
    .await;
    assert_eq!(got, [], "merge of no inputs");
}

#[tokio::test]
async fn cancelling_closes_the_output() {
    // An input that is never closed (its sender lives to the end of the
    // test): only the cancellation can end the merge.
    let (_forever_tx, forever) = mpsc::channel(1);
    let cancel = CancellationToken::new();
    let mut out = merge(cancel.clone(), vec![forever, source(&[7])]);
    assert_eq!(out.recv().await, Some(7), "the first value");
    cancel.cancel();
    assert_eq!(drain(out).await, [], "after cancel");
}
