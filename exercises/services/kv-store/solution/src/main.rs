//! The reference solution of the kv-store exercise: the Go service of
//! `go/` in Rust, with axum.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, response::IntoResponse};
use clap::Parser;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::signal::unix::{Signal, SignalKind, signal};

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
/// The service's state: Go's `Store`. A `BTreeMap` keeps the keys in order,
/// so listing them needs no sort; the `Arc` shares it with every handler.
type Store = Arc<Mutex<BTreeMap<String, String>>>;
// ANCHOR_END: store

// ANCHOR: app
/// Go's `routes`: the four routes, and the limit on values.
fn app() -> Router {
    Router::new()
        .route(
            "/kv/{key}",
            get(get_value).put(put_value).delete(delete_value),
        )
        .route("/kv", get(list_keys))
        // A body over the limit makes the `String` extractor of `put_value`
        // answer 413 before the handler runs (Go's MaxBytesReader).
        .layer(DefaultBodyLimit::max(MAX_VALUE))
        .with_state(Store::default())
}
// ANCHOR_END: app

// ANCHOR: handlers
async fn get_value(State(store): State<Store>, Path(key): Path<String>) -> impl IntoResponse {
    match store.lock().unwrap().get(&key) {
        Some(value) => Ok(value.clone()),
        None => Err((StatusCode::NOT_FOUND, "no such key")),
    }
}

async fn put_value(
    State(store): State<Store>,
    Path(key): Path<String>,
    value: String,
) -> StatusCode {
    match store.lock().unwrap().insert(key, value) {
        None => StatusCode::CREATED,
        Some(_) => StatusCode::NO_CONTENT,
    }
}

async fn delete_value(State(store): State<Store>, Path(key): Path<String>) -> impl IntoResponse {
    match store.lock().unwrap().remove(&key) {
        Some(_) => Ok(StatusCode::NO_CONTENT),
        None => Err((StatusCode::NOT_FOUND, "no such key")),
    }
}

/// The body of `GET /kv`.
#[derive(Serialize)]
struct Keys {
    keys: Vec<String>,
}

async fn list_keys(State(store): State<Store>) -> Json<Keys> {
    let keys = store.lock().unwrap().keys().cloned().collect();
    Json(Keys { keys })
}
// ANCHOR_END: handlers

// ANCHOR: shutdown
/// Resolves on SIGTERM (`term`, registered by the caller) or Ctrl-C: Go's
/// `signal.NotifyContext`.
async fn shutdown_signal(mut term: Signal) {
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    // Registered before the service says it listens: from that line on a
    // SIGTERM must reach `shutdown_signal`, not the default action (death).
    let term = signal(SignalKind::terminate())?;
    let listener = TcpListener::bind(args.addr).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app())
        .with_graceful_shutdown(shutdown_signal(term))
        .await
}
// ANCHOR_END: shutdown
