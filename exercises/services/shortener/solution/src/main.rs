//! The shortener capstone's reference solution: the Go service of `../go/`
//! in Rust, on axum, sqlx with SQLite, and hyper for the connections.
//!
//! It prints `listening on ADDR` once it accepts connections, and on
//! SIGTERM or Ctrl-C lets the requests under way finish, at most
//! `--shutdown-timeout`, then exits 0 (1 if they did not finish in time).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::HeaderName;
use clap::Parser;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

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
#[tokio::main]
async fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let args = Args::parse();
    // Caught before the service says it listens: from that line on, a
    // SIGTERM must find the handler in place.
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;

    let store = Store::open(&args.db).await?;
    let listener = TcpListener::bind(args.addr).await?;
    println!("listening on {}", listener.local_addr()?);
    let state = AppState {
        store: store.clone(),
        limiter: Arc::new(Limiter::new(args.rate, args.burst)),
        client_header: args.client_header,
    };
    let stop_accepting = CancellationToken::new();
    let http = tokio::spawn(accept(
        listener,
        api::router(state),
        args.header_timeout,
        stop_accepting.clone(),
    ));

    tokio::select! {
        _ = terminate.recv() => {}
        _ = interrupt.recv() => {}
    }
    stop_accepting.cancel();
    let connections = http.await?;
    if tokio::time::timeout(args.shutdown_timeout, connections.shutdown())
        .await
        .is_err()
    {
        eprintln!("requests still running after {:?}", args.shutdown_timeout);
        return Ok(ExitCode::FAILURE);
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
// ANCHOR_END: main

// ANCHOR: accept
/// Accepts connections until `stop` and serves each with hyper, closing
/// those whose request headers take longer than `header_timeout` (which
/// also bounds an idle keep-alive connection): `axum::serve` has no such
/// limit. Each request carries its peer's address as `ConnectInfo`, for the
/// rate limit. Returns the open connections, for a graceful shutdown.
async fn accept(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    stop: CancellationToken,
) -> GracefulShutdown {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let open = GracefulShutdown::new();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait, then go on.
                    eprintln!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = stop.cancelled() => break,
        };
        let router = router
            .clone()
            .map_request(move |mut request: hyper::Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            });
        let service = TowerToHyperService::new(router);
        let connection = open.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(connection);
    }
    open
}
// ANCHOR_END: accept

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_durations_as_go_writes_them() {
        let cases = [
            ("200ms", Some(Duration::from_millis(200))),
            ("5s", Some(Duration::from_secs(5))),
            ("2m", Some(Duration::from_secs(120))),
            ("1h", Some(Duration::from_secs(3600))),
            ("5", None),
            ("s", None),
            ("1.5s", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_duration(text).ok(), want, "{text}");
        }
    }
}
