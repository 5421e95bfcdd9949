//! A tiny HTTP server, the program the "Shipping static binaries" chapter
//! builds as one self-contained file: `GET /healthz` answers `ok`, and
//! SIGTERM stops it after in-flight requests finish, which is what a
//! container runtime sends before it kills a process.
//!
//! Run: `cargo run -p shipping-static-server -- --addr 127.0.0.1:8080`

use axum::{Router, routing::get};
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};

// ANCHOR: server
/// The routes: one health check, enough to prove the binary runs.
fn app() -> Router {
    Router::new().route("/healthz", get(|| async { "ok" }))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `--addr HOST:PORT`, defaulting to loopback: a container maps the port.
    let args: Vec<String> = std::env::args().collect();
    let addr = match args.iter().position(|a| a == "--addr") {
        Some(i) => args.get(i + 1).cloned().unwrap_or_default(),
        None => "127.0.0.1:8080".to_owned(),
    };
    let listener = TcpListener::bind(&addr).await?;
    println!("listening on {}", listener.local_addr()?);

    let mut terminate = signal(SignalKind::terminate())?;
    axum::serve(listener, app())
        .with_graceful_shutdown(async move {
            terminate.recv().await;
        })
        .await
}
// ANCHOR_END: server
