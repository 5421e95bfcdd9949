//! The notes service binary: reads its flags, opens the database, serves
//! until SIGTERM or Ctrl-C, then lets requests in flight finish and exits 0.
//! A connection whose request headers are not in within `--header-timeout`
//! (also the limit on an idle keep-alive connection) is closed; if requests
//! are still running `--shutdown-timeout` after the signal, it gives up on
//! them and exits 1.
//!
//! Usage: `notes --addr 127.0.0.1:8080 --db notes.db [--header-timeout 5s] [--shutdown-timeout 10s]`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use notes::{api, store::Store};
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

/// The command line: the same flags as the Go twin.
struct Args {
    addr: String,
    db: PathBuf,
    /// A request's headers must arrive within this long of the connection
    /// opening or of the previous response on it.
    header_timeout: Duration,
    /// After the signal, requests in flight have this long to finish.
    shutdown_timeout: Duration,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> anyhow::Result<Args> {
        let mut parsed = Args {
            addr: "127.0.0.1:8080".into(),
            db: "notes.db".into(),
            header_timeout: Duration::from_secs(5),
            shutdown_timeout: Duration::from_secs(10),
        };
        while let Some(arg) = args.next() {
            // Accept `--flag value` and `--flag=value`, as Go's flag package does.
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
                None => (arg, None),
            };
            let name = flag.trim_start_matches('-').to_owned();
            let value = inline
                .or_else(|| args.next())
                .with_context(|| format!("--{name} needs a value"))?;
            let duration = || {
                humantime::parse_duration(&value)
                    .with_context(|| format!("invalid value {value:?} for --{name}"))
            };
            match name.as_str() {
                "addr" => parsed.addr = value.clone(),
                "db" => parsed.db = value.clone().into(),
                "header-timeout" => parsed.header_timeout = duration()?,
                "shutdown-timeout" => parsed.shutdown_timeout = duration()?,
                other => bail!(
                    "unknown flag -{other} (known: --addr, --db, --header-timeout, --shutdown-timeout)"
                ),
            }
        }
        Ok(parsed)
    }
}

// ANCHOR: main
#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=debug".into()),
        )
        .init();
    let args = Args::parse(std::env::args().skip(1))?;
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
/// Accepts connections until `stop` and serves each with hyper, closing
/// those whose request headers take longer than `header_timeout`. (axum's
/// own `serve` has no such timeout.) Returns the open connections, for a
/// graceful shutdown.
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
        });
    }
    open
}
// ANCHOR_END: accept

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::Args;

    #[test]
    fn reads_flags_like_go() {
        let cases = [
            (
                vec!["--addr", "127.0.0.1:0", "--db", "x.db"],
                Some(("127.0.0.1:0", "x.db")),
            ),
            (
                vec!["-addr=1.2.3.4:5", "-db=y.db"],
                Some(("1.2.3.4:5", "y.db")),
            ),
            (vec![], Some(("127.0.0.1:8080", "notes.db"))),
            (vec!["--port", "1"], None),
            (vec!["--db"], None),
        ];
        for (argv, want) in cases {
            let got = Args::parse(argv.iter().map(|s| s.to_string()));
            let got = got.ok().map(|a| (a.addr, a.db.display().to_string()));
            let want = want.map(|(a, d)| (a.to_owned(), d.to_owned()));
            assert_eq!(got, want, "{argv:?}");
        }
    }

    #[test]
    fn reads_durations_like_go() {
        let args = ["--header-timeout", "250ms", "-shutdown-timeout=2s"];
        let got = Args::parse(args.iter().map(|s| s.to_string())).expect("valid flags");
        assert_eq!(got.header_timeout, Duration::from_millis(250));
        assert_eq!(got.shutdown_timeout, Duration::from_secs(2));
        let bad = Args::parse(["--header-timeout", "soon"].iter().map(|s| s.to_string()));
        assert!(bad.is_err());
    }
}
