//! The easy bug when translating the job queue: in Go, a send on a full
//! buffered channel blocks unless it sits in a `select` with `default`; in
//! Rust, `send(..).await` on a full `mpsc` channel waits for room just the
//! same. Either way the server stops answering 429 and makes the client wait.
//! Two handlers over one bounded channel, and tests that tell them apart.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use tokio::sync::mpsc;

/// The routes: `/jobs` refuses when full, `/jobs-waiting` waits for room.
pub fn router(queue: mpsc::Sender<u64>) -> Router {
    Router::new()
        .route("/jobs", post(submit))
        .route("/jobs-waiting", post(submit_waiting))
        .with_state(queue)
}

// ANCHOR: waiting
/// Wrong: when the queue is full this waits, holding the client's request,
/// until a worker makes room. Backpressure becomes latency.
async fn submit_waiting(State(queue): State<mpsc::Sender<u64>>) -> StatusCode {
    match queue.send(1).await {
        Ok(()) => StatusCode::ACCEPTED,
        Err(_closed) => StatusCode::SERVICE_UNAVAILABLE,
    }
}
// ANCHOR_END: waiting

// ANCHOR: refusing
/// Right: `try_send` never waits; a full queue is answered at once.
async fn submit(State(queue): State<mpsc::Sender<u64>>) -> StatusCode {
    match queue.try_send(1) {
        Ok(()) => StatusCode::ACCEPTED,
        Err(mpsc::error::TrySendError::Full(_)) => StatusCode::TOO_MANY_REQUESTS,
        Err(mpsc::error::TrySendError::Closed(_)) => StatusCode::SERVICE_UNAVAILABLE,
    }
}
// ANCHOR_END: refusing

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::body::Body;
    use axum::http::Request;
    use tokio::time::timeout;
    use tower::ServiceExt;

    use super::*;

    fn post(path: &str) -> Request<Body> {
        Request::post(path).body(Body::empty()).unwrap()
    }

    // ANCHOR: tests
    // Time is paused: `timeout` fires as soon as nothing else can run, so
    // "no answer within 10 s" is checked without waiting 10 s.
    #[tokio::test(start_paused = true)]
    async fn a_full_queue_is_answered_at_once_with_429() {
        let (queue, _workers_never_read) = mpsc::channel(1);
        queue.try_send(0).unwrap(); // the queue is now full
        let answer = timeout(
            Duration::from_secs(10),
            router(queue).oneshot(post("/jobs")),
        );
        let response = answer.await.expect("an answer, not a wait").unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    }

    #[tokio::test(start_paused = true)]
    async fn awaiting_send_on_a_full_queue_never_answers() {
        let (queue, _workers_never_read) = mpsc::channel(1);
        queue.try_send(0).unwrap(); // the queue is now full
        let request = router(queue).oneshot(post("/jobs-waiting"));
        let answer = timeout(Duration::from_secs(10), request).await;
        assert!(
            answer.is_err(),
            "no 429, no answer at all: the request waits for room"
        );
    }
    // ANCHOR_END: tests

    #[tokio::test(start_paused = true)]
    async fn awaiting_send_answers_once_a_worker_makes_room() {
        let (queue, mut workers) = mpsc::channel(1);
        queue.try_send(0).unwrap();
        let request = tokio::spawn(router(queue).oneshot(post("/jobs-waiting")));
        tokio::task::yield_now().await;
        assert_eq!(workers.recv().await, Some(0), "a worker takes a job");
        let response = request.await.unwrap().unwrap();
        assert_eq!(response.status(), StatusCode::ACCEPTED);
    }
}
