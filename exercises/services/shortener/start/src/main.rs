//! The shortener capstone: port the Go service of `../go/` to Rust here,
//! with axum, sqlx (SQLite) and tokio. `cargo xtask exercise shortener`
//! runs the black-box suite of `../tests/suite.rs`, which the Go service
//! passes, against this binary.
//!
//! The plumbing is here: the flags, the listener, the routes, the types.
//! The bodies are `todo!()`; the doc comments say what each must do, and
//! what is missing around them (the body limit, the rate limit's layer,
//! the header timeout, the graceful shutdown).
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(
    unused_variables,
    dead_code,
    reason = "the exercise's todo!() bodies, and what they will use"
)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::HeaderName;
use clap::Parser;
use tokio::net::TcpListener;

mod api;
mod limit;
mod store;

use api::AppState;
use limit::Limiter;
use store::Store;

// ANCHOR: args
/// A rate-limited URL shortener on SQLite.
#[derive(Debug, Parser)]
struct Args {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// SQLite database file
    #[arg(long, default_value = "links.db")]
    db: PathBuf,
    /// Links a client may create per minute
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    rate: u32,
    /// Links a client may create at once
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    burst: u32,
    /// Header naming the client, set by a trusted proxy (default: the peer address)
    #[arg(long)]
    client_header: Option<HeaderName>,
    /// Time for a request's headers, and for the next request on an idle connection
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    header_timeout: Duration,
    /// Time requests in flight get after SIGTERM
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    shutdown_timeout: Duration,
}

/// The durations Go's `flag` package reads that this service needs: a
/// whole number and a unit, `ms`, `s`, `m` or `h` (`200ms`, `5s`).
fn parse_duration(text: &str) -> Result<Duration, String> {
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let wrong = || format!("{text:?}: want a number and ms, s, m or h (5s, 200ms)");
    let n: u64 = number.parse().map_err(|_| wrong())?;
    let seconds = |factor: u64| n.checked_mul(factor).map(Duration::from_secs);
    match unit {
        "ms" => Some(Duration::from_millis(n)),
        "s" => seconds(1),
        "m" => seconds(60),
        "h" => seconds(3600),
        _ => None,
    }
    .ok_or_else(wrong)
}
// ANCHOR_END: args

// ANCHOR: main
/// Go's `run`. What is here starts the service; what is missing:
///
/// - the header timeout: a connection whose request headers are not in
///   within `--header-timeout`, or that idles that long between requests,
///   must be closed. `axum::serve` has no such limit: serve each connection
///   with hyper yourself, as the notes service of the web-services chapter
///   does, and give each request its peer's address as
///   `axum::extract::ConnectInfo` (the rate limit reads it), which
///   `into_make_service_with_connect_info` does for you here.
/// - the graceful shutdown: on SIGTERM or Ctrl-C, stop accepting, let the
///   requests under way finish within `--shutdown-timeout`, and exit 0
///   (1 when they did not finish in time). Register the signal handlers
///   before the `listening on` line: from that line on, the tests may send
///   SIGTERM at any moment.
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let state = AppState {
        store: Store::open(&args.db).await?,
        limiter: Arc::new(Limiter::new(args.rate, args.burst)),
        client_header: args.client_header,
    };
    let listener = TcpListener::bind(args.addr).await?;
    println!("listening on {}", listener.local_addr()?);
    let app = api::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// Resolves when the service should stop. It never does yet, so SIGTERM
/// kills the process (the suite's last case wants exit status 0).
async fn shutdown_signal() {
    std::future::pending::<()>().await;
}
// ANCHOR_END: main
