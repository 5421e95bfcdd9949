//! The notes service binary: reads its flags, opens the database, serves
//! until SIGTERM or Ctrl-C, then lets requests in flight finish and exits 0.
//! A connection whose request headers are not in within `--header-timeout`
//! (also the limit on an idle keep-alive connection) is closed; if requests
//! are still running `--shutdown-timeout` after the signal, it gives up on
//! them and exits 1, as it does when it cannot start. A bad flag prints one
//! usage message and exits 2 (clap's behaviour, and Go's `flag`).
//!
//! Usage: `notes --addr 127.0.0.1:8080 --db notes.db [--header-timeout 5s] [--shutdown-timeout 10s]`

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use clap::Parser;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use notes::{api, store::Store};
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

mod duration;

/// Connections served at once; more wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 1024;

// ANCHOR: main
/// A notes service: create, get and list notes over JSON, stored in SQLite.
#[derive(Debug, Parser)]
#[command(name = "notes")]
struct Args {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// SQLite database file
    #[arg(long, default_value = "notes.db")]
    db: PathBuf,
    /// Time for a request's headers, and for the next request on an idle
    /// connection
    #[arg(long, default_value = "5s", value_parser = duration::parse)]
    header_timeout: Duration,
    /// Time requests in flight get after SIGTERM
    #[arg(long, default_value = "10s", value_parser = duration::parse)]
    shutdown_timeout: Duration,
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=debug".into()),
        )
        .init();
    // Caught before the server says it listens. SIGTERM is what `docker
    // stop` and systemd send; SIGINT is Ctrl-C.
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;

    let store = Store::open(&args.db)
        .await
        .with_context(|| format!("opening {}", args.db.display()))?;
    let listener = TcpListener::bind(&args.addr).await?;
    tracing::info!("listening on {}", listener.local_addr()?);

    let stop_accepting = CancellationToken::new();
    let http = tokio::spawn(accept(
        listener,
        api::router(store.clone()),
        args.header_timeout,
        stop_accepting.clone(),
    ));

    tokio::select! {
        _ = terminate.recv() => {}
        _ = interrupt.recv() => {}
    }
    tracing::info!("shutting down");
    // Stop accepting, and give requests in flight a bounded time to finish.
    stop_accepting.cancel();
    let connections = http.await?;
    if tokio::time::timeout(args.shutdown_timeout, connections.shutdown())
        .await
        .is_err()
    {
        tracing::error!("requests still running after {:?}", args.shutdown_timeout);
        return Ok(ExitCode::FAILURE);
    }
    store.close().await;
    tracing::info!("shut down cleanly");
    Ok(ExitCode::SUCCESS)
}
// ANCHOR_END: main

// ANCHOR: accept
/// Accepts connections until `stop`, at most `MAX_CONNECTIONS` at once,
/// and serves each with hyper, closing those whose request headers take
/// longer than `header_timeout`. (axum's own `serve` has no such timeout.)
/// Returns the open connections, for a graceful shutdown.
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
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
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
                    tracing::warn!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = stop.cancelled() => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = open.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection closed: {e}");
            }
            drop(slot);
        });
    }
    open
}
// ANCHOR_END: accept

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use clap::error::ErrorKind;
    use clap::{CommandFactory, Parser};

    use super::Args;

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_from(std::iter::once("notes").chain(args.iter().copied()))
    }

    /// The address and the database file; `None` for an error.
    type Want = Option<(&'static str, &'static str)>;

    #[test]
    fn reads_flags_like_go() {
        let cases: [(&[&str], Want); 6] = [
            (
                &["--addr", "127.0.0.1:0", "--db", "x.db"],
                Some(("127.0.0.1:0", "x.db")),
            ),
            (
                &["--addr=1.2.3.4:5", "--db=y.db"],
                Some(("1.2.3.4:5", "y.db")),
            ),
            (&[], Some(("127.0.0.1:8080", "notes.db"))),
            (&["--port", "1"], None),
            (&["--db"], None),
            (&["x.db"], None),
        ];
        for (argv, want) in cases {
            let got = parse(argv)
                .ok()
                .map(|a| (a.addr, a.db.display().to_string()));
            let want = want.map(|(a, d)| (a.to_owned(), d.to_owned()));
            assert_eq!(got, want, "{argv:?}");
        }
    }

    #[test]
    fn reads_durations_like_go() {
        let got =
            parse(&["--header-timeout", "250ms", "--shutdown-timeout=2s"]).expect("valid flags");
        assert_eq!(got.header_timeout, Duration::from_millis(250));
        assert_eq!(got.shutdown_timeout, Duration::from_secs(2));
        let defaults = parse(&[]).expect("no flags");
        assert_eq!(
            (defaults.header_timeout, defaults.shutdown_timeout),
            (Duration::from_secs(5), Duration::from_secs(10))
        );
        assert!(parse(&["--header-timeout", "soon"]).is_err());
    }

    /// `Args::parse` prints the message once and exits 2 for an error, 0
    /// for help.
    #[test]
    fn bad_flags_exit_2_and_help_exits_0() {
        let bad = parse(&["--header-timeout", "5"]).unwrap_err();
        assert_eq!(
            (bad.kind(), bad.exit_code()),
            (ErrorKind::ValueValidation, 2)
        );
        for help in ["-h", "--help"] {
            let help = parse(&[help]).unwrap_err();
            assert_eq!((help.kind(), help.exit_code()), (ErrorKind::DisplayHelp, 0));
        }
        Args::command().debug_assert();
    }
}
