//! The router behind a real socket: the test binds an ephemeral loopback
//! port, serves on it in a task, and talks HTTP to it, as Go's
//! `httptest.NewServer` does. Slower than `oneshot`, but it exercises what
//! `oneshot` skips: the connection, HTTP parsing and the client's view.

use notes::{api, store::Store};
use serde_json::{Value, json};
use tokio::net::TcpListener;

// ANCHOR: real_server
#[tokio::test]
async fn serves_over_a_real_socket() {
    let store = Store::in_memory().await.unwrap();
    // Port 0: the kernel picks a free port, so tests can run in parallel.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(axum::serve(listener, api::router(store)).into_future());

    let client = reqwest::Client::new();
    let created = client
        .post(format!("{base}/notes"))
        .json(&json!({ "title": "over TCP" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();

    let fetched: Value = client
        .get(format!("{base}{location}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(fetched["title"], "over TCP");
    server.abort();
}
// ANCHOR_END: real_server
