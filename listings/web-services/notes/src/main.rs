//! The notes service binary: reads its flags, opens the database, serves
//! until SIGTERM or Ctrl-C, then lets requests in flight finish and exits 0.
//!
//! Usage: `notes --addr 127.0.0.1:8080 --db notes.db`

use std::path::PathBuf;

use anyhow::{Context, bail};
use notes::{api, store::Store};
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tracing_subscriber::EnvFilter;

/// The command line: the same two flags as the Go twin.
struct Args {
    addr: String,
    db: PathBuf,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> anyhow::Result<Args> {
        let mut parsed = Args {
            addr: "127.0.0.1:8080".into(),
            db: "notes.db".into(),
        };
        while let Some(arg) = args.next() {
            // Accept `--flag value` and `--flag=value`, as Go's flag package does.
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
                None => (arg, None),
            };
            let mut value = || inline.clone().or_else(|| args.next());
            match flag.trim_start_matches('-') {
                "addr" => parsed.addr = value().context("--addr needs a value")?,
                "db" => parsed.db = value().context("--db needs a value")?.into(),
                other => bail!("unknown flag -{other} (known: --addr, --db)"),
            }
        }
        Ok(parsed)
    }
}

// ANCHOR: main
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=debug".into()),
        )
        .init();
    let args = Args::parse(std::env::args().skip(1))?;

    let store = Store::open(&args.db)
        .await
        .with_context(|| format!("opening {}", args.db.display()))?;
    let listener = TcpListener::bind(&args.addr).await?;
    tracing::info!("listening on {}", listener.local_addr()?);

    axum::serve(listener, api::router(store.clone()))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    store.close().await;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Resolves on the first SIGTERM (what `docker stop` and systemd send) or
/// Ctrl-C; axum then stops accepting and waits for requests in flight.
async fn shutdown_signal() {
    let mut term = signal(SignalKind::terminate()).expect("a SIGTERM handler installs");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    tracing::info!("shutting down");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
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
}
