//! The job queue server: accepts jobs over HTTP, runs them on a fixed pool
//! of workers, refuses work when its bounded queue is full, and on SIGTERM
//! or Ctrl-C finishes every accepted job before it exits.
//!
//! ```text
//! cargo run -p job-queue -- --addr 127.0.0.1:8080 --workers 4 --queue-capacity 64
//! curl -i -H 'Content-Type: application/json' \
//!      -d '{"kind":"wordcount","payload":{"text":"hello gopher"}}' localhost:8080/jobs
//! ```

mod api;
mod config;
mod error;
mod jobs;
mod queue;

use std::io::IsTerminal;
use std::process::ExitCode;

use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;
use tracing::{error, info};

use crate::config::Config;
use crate::queue::Queue;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    let config = match Config::parse(|key| std::env::var(key).ok(), std::env::args().skip(1)) {
        Ok(config) => config,
        Err(why) => {
            eprintln!("job-queue: {why}");
            return ExitCode::from(2);
        }
    };
    match serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error!("{e}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: serve
/// Serves until a signal, then drains: refuse new work, finish the queued
/// jobs, and only then stop the HTTP server.
async fn serve(config: Config) -> std::io::Result<()> {
    let (queue, workers) = Queue::start(config.queue_capacity, config.workers);
    let listener = TcpListener::bind(config.addr).await?;
    info!(
        workers = config.workers,
        queue_capacity = config.queue_capacity,
        "listening on {}",
        listener.local_addr()?
    );

    let stop_http = CancellationToken::new();
    let http = tokio::spawn(
        axum::serve(listener, api::router(queue.clone()))
            .with_graceful_shutdown(stop_http.clone().cancelled_owned())
            .into_future(),
    );

    shutdown_signal().await?;
    info!("draining: new requests get 503");
    queue.close();
    workers.wait().await;
    stop_http.cancel();
    http.await.expect("the HTTP server task does not panic")?;

    let stats = queue.stats();
    info!(
        accepted = stats.accepted,
        completed = stats.completed,
        failed = stats.failed,
        rejected = stats.rejected,
        "drained"
    );
    Ok(())
}
// ANCHOR_END: serve

/// Resolves on SIGTERM (what `kill` and container runtimes send) or Ctrl-C.
async fn shutdown_signal() -> std::io::Result<()> {
    let mut terminate = signal(SignalKind::terminate())?;
    tokio::select! {
        _ = terminate.recv() => {}
        result = tokio::signal::ctrl_c() => result?,
    }
    Ok(())
}
