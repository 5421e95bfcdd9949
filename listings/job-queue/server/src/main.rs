//! The job queue server: accepts jobs over HTTP, runs them on a fixed pool
//! of workers, refuses work when its bounded queue is full, and on SIGTERM
//! or Ctrl-C finishes every accepted job before it exits, within a drain
//! deadline (exit 0), or says how many it abandoned (exit 1).
//!
//! ```text
//! cargo run -p job-queue -- --addr 127.0.0.1:8080 --workers 4 --queue-capacity 64
//! curl -i -H 'Content-Type: application/json' \
//!      -d '{"kind":"wordcount","payload":{"text":"hello gopher"}}' localhost:8080/jobs
//! ```

mod api;
mod config;
mod duration;
mod error;
mod jobs;
mod queue;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::Request;
use clap::Parser;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio::sync::Semaphore;
use tokio::time::{Instant, sleep_until};
use tokio_util::sync::CancellationToken;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::request_id::{MakeRequestUuid, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::{debug, error, info, warn};
use tracing_subscriber::EnvFilter;

use crate::config::{Config, Limits};
use crate::queue::Queue;

/// Exit codes: 0 when every accepted job ran, 1 when some were abandoned or
/// the server failed, 2 (from clap) for a bad flag or variable.
fn main() -> ExitCode {
    let config = Config::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            error!("starting the tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(serve(config));
    // Jobs cut off by the drain deadline may still be running on blocking
    // threads; the process ends without waiting for them.
    runtime.shutdown_background();
    match outcome {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_abandoned) => ExitCode::FAILURE,
        Err(e) => {
            error!("{e}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: serve
/// Serves until a signal, then drains: refuse new work, finish the queued
/// jobs, and only then stop the HTTP server. Returns how many accepted jobs
/// did not finish: the drain deadline passed, or a second signal came.
async fn serve(config: Config) -> std::io::Result<u64> {
    // Caught before the server says it listens: from then on, a signal
    // starts the drain instead of killing the process.
    let mut signals = Signals::install()?;
    let (queue, workers) = Queue::start(config.queue_capacity, config.workers, config.retention());
    let listener = TcpListener::bind(config.addr).await?;
    info!(
        workers = config.workers,
        queue_capacity = config.queue_capacity,
        "listening on {}",
        listener.local_addr()?
    );

    let limits = config.limits;
    let router = observe(api::router(Arc::clone(&queue), limits.body_timeout));
    let stop_accepting = CancellationToken::new();
    let http = tokio::spawn(accept(
        listener,
        router,
        limits.clone(),
        stop_accepting.clone(),
    ));

    signals.recv().await;
    info!("draining: new requests get 503");
    queue.close();
    let deadline = Instant::now() + limits.drain_timeout;
    let cut_short = tokio::select! {
        () = workers.wait() => false,
        () = sleep_until(deadline) => true,
        () = signals.recv() => true,
    };
    stop_accepting.cancel();
    let connections = http.await.map_err(std::io::Error::other)?;
    if cut_short {
        warn!("the drain was cut short: deadline passed or second signal");
    } else {
        // Requests in flight get their answers; idle connections close now.
        tokio::select! {
            () = connections.shutdown() => {}
            () = sleep_until(deadline) => warn!("closing the connections still open"),
            () = signals.recv() => warn!("closing the connections still open"),
        }
    }

    let stats = queue.stats();
    let abandoned = stats.accepted - stats.completed - stats.failed;
    info!(
        accepted = stats.accepted,
        completed = stats.completed,
        failed = stats.failed,
        rejected = stats.rejected,
        abandoned,
        "drained"
    );
    Ok(abandoned)
}
// ANCHOR_END: serve

// ANCHOR: accept
/// Accepts connections until `stop`, at most `max_connections` at once, and
/// serves each with hyper, closing those whose request headers are late.
/// Returns the open connections, for a graceful shutdown.
async fn accept(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    stop: CancellationToken,
) -> GracefulShutdown {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let open = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        // A free slot first: past the limit, connections wait in the
        // kernel's backlog instead of taking file descriptors.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_closed) => break, // nothing closes it
            },
            () = stop.cancelled() => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    warn!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = stop.cancelled() => break,
        };
        let service = TowerToHyperService::new(router.clone().map_request(api::decode_unreserved));
        let connection = open.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                debug!("connection closed: {e}");
            }
            drop(slot);
        });
    }
    open
}
// ANCHOR_END: accept

/// The request logging of a production service: each request gets an id
/// (the client's `x-request-id`, or a new UUID) and a span that carries it,
/// so its log lines can be told apart. tower-http logs each request and its
/// answer at the debug level, so `RUST_LOG=info,tower_http=debug` shows
/// them. The id is not echoed on the answer: the contract that both twins
/// keep does not name that header.
fn observe(router: Router) -> Router {
    router.layer(
        ServiceBuilder::new()
            // Outermost first: the id is set before the span is made.
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                    let id = request.headers().get("x-request-id");
                    let id = id.and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %request.method(), uri = %request.uri(), id)
                }),
            ),
    )
}

// ANCHOR: signals
/// SIGTERM (what `kill` and container runtimes send) and SIGINT (Ctrl-C),
/// caught from the moment they are installed.
struct Signals {
    terminate: Signal,
    interrupt: Signal,
}

impl Signals {
    fn install() -> std::io::Result<Signals> {
        Ok(Signals {
            terminate: signal(SignalKind::terminate())?,
            interrupt: signal(SignalKind::interrupt())?,
        })
    }

    /// Resolves at the next signal of either kind.
    async fn recv(&mut self) {
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.interrupt.recv() => {}
        }
    }
}
// ANCHOR_END: signals
