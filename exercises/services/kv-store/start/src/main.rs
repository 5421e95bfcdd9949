//! The kv-store exercise: port the Go service of `../go/` to Rust here,
//! with axum. `cargo xtask exercise kv-store` runs the black-box suite of
//! `../tests/suite.rs`, which the Go service passes, against this binary.
//!
//! The plumbing is here (arguments, listening, the routes); the handlers
//! are `todo!()`, and the body limit and the graceful shutdown are yours to
//! add where the doc comments say.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(
    unused_variables,
    dead_code,
    reason = "the exercise's todo!() bodies and MAX_VALUE, which you will use"
)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use clap::Parser;
use serde::Serialize;
use tokio::net::TcpListener;

/// The largest value the service stores, in bytes (Go's `MaxValue`).
const MAX_VALUE: usize = 1024;

/// A tiny key-value service over HTTP.
#[derive(Parser)]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

// ANCHOR: store
/// The service's state, shared by every handler: Go's `Store`. Change the
/// type if you like; the handlers name it as `State<Store>`.
type Store = Arc<Mutex<BTreeMap<String, String>>>;
// ANCHOR_END: store

// ANCHOR: app
/// Go's `routes`. Values longer than `MAX_VALUE` bytes must be refused with
/// 413 Payload Too Large, as Go's `http.MaxBytesReader` does: add that here
/// (a layer of `axum::extract`).
fn app() -> Router {
    Router::new()
        .route(
            "/kv/{key}",
            get(get_value).put(put_value).delete(delete_value),
        )
        .route("/kv", get(list_keys))
        .with_state(Store::default())
}
// ANCHOR_END: app

// ANCHOR: handlers
/// `GET /kv/{key}`: 200 with the value, or 404 when the key has none.
/// (`Response` because a `todo!()` cannot stand for an `impl IntoResponse`;
/// return any `impl IntoResponse` once you write the body.)
async fn get_value(State(store): State<Store>, Path(key): Path<String>) -> Response {
    todo!()
}

/// `PUT /kv/{key}`: store the body as the key's value; 201 Created when the
/// key is new, 204 No Content when it replaced a value.
async fn put_value(
    State(store): State<Store>,
    Path(key): Path<String>,
    value: String,
) -> StatusCode {
    todo!()
}

/// `DELETE /kv/{key}`: 204 No Content, or 404 when the key has no value.
async fn delete_value(State(store): State<Store>, Path(key): Path<String>) -> Response {
    todo!()
}

/// The body of `GET /kv`: `{"keys": [...]}`.
#[derive(Serialize)]
struct Keys {
    keys: Vec<String>,
}

/// `GET /kv`: every key, in order (`[]` when there is none).
async fn list_keys(State(store): State<Store>) -> Json<Keys> {
    todo!()
}
// ANCHOR_END: handlers

// ANCHOR: shutdown
/// Go's `signal.NotifyContext`: should resolve on SIGTERM or Ctrl-C, so that
/// `axum::serve` stops accepting, finishes the requests under way, and
/// `main` returns (exit status 0). It never resolves yet, so SIGTERM kills
/// the process. Use `tokio::signal`, and register the SIGTERM handler in
/// `main` before the `listening on` line: from that line on, the tests may
/// send SIGTERM at any moment.
async fn shutdown_signal() {
    std::future::pending::<()>().await;
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let listener = TcpListener::bind(args.addr).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app())
        .with_graceful_shutdown(shutdown_signal())
        .await
}
// ANCHOR_END: shutdown
