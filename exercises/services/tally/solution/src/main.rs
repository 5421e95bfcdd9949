//! The reference solution of the tally exercise: the Go server of `go/` in
//! Rust, on tokio.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::timeout;
use tokio_util::codec::{Framed, LinesCodec, LinesCodecError};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// The longest line the server reads, in bytes, without its newline.
const MAX_LINE: usize = 1024;

/// Bounds each answer, so a client that never reads cannot hold its
/// connection open.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// Named counters over TCP, one command a line.
#[derive(Parser)]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:7070")]
    addr: SocketAddr,
    /// Close a connection silent for this long.
    #[arg(long, default_value_t = 30_000)]
    idle_timeout_ms: u64,
    /// On SIGTERM, wait this long for the connections to close.
    #[arg(long, default_value_t = 5_000)]
    shutdown_timeout_ms: u64,
}

/// The server's state, shared by every connection.
type Counters = Arc<Mutex<HashMap<String, i64>>>;

// ANCHOR: execute
/// A command line, parsed.
enum Command<'a> {
    Incr { name: &'a str, by: i64 },
    Get { name: &'a str },
    Quit,
}

/// Parses a line, or says what is wrong with it.
fn parse(line: &str) -> Result<Command<'_>, String> {
    let mut words = line.split_whitespace();
    let Some(command) = words.next() else {
        return Err("empty line".to_owned());
    };
    let args: Vec<&str> = words.collect();
    match (command, args.as_slice()) {
        ("INCR", &[name]) => Ok(Command::Incr { name, by: 1 }),
        ("INCR", &[name, by]) => match by.parse() {
            Ok(by) => Ok(Command::Incr { name, by }),
            Err(_) => Err(format!("bad number {by:?}")),
        },
        ("INCR", _) => Err("usage: INCR name [n]".to_owned()),
        ("GET", &[name]) => Ok(Command::Get { name }),
        ("GET", _) => Err("usage: GET name".to_owned()),
        ("QUIT", _) => Ok(Command::Quit),
        (other, _) => Err(format!("unknown command {other:?}")),
    }
}

/// Go's `Execute`: the answer to `line`, and whether to close afterwards.
fn execute(line: &str, counters: &Mutex<HashMap<String, i64>>) -> (String, bool) {
    let reply = match parse(line) {
        Err(why) => format!("ERR {why}"),
        Ok(Command::Quit) => return ("BYE".to_owned(), true),
        Ok(Command::Get { name }) => {
            let counters = counters.lock().unwrap();
            format!("OK {}", counters.get(name).copied().unwrap_or(0))
        }
        Ok(Command::Incr { name, by }) => {
            let mut counters = counters.lock().unwrap();
            let value = counters.entry(name.to_owned()).or_default();
            match value.checked_add(by) {
                Some(sum) => {
                    *value = sum;
                    format!("OK {sum}")
                }
                None => "ERR overflow".to_owned(),
            }
        }
    };
    (reply, false)
}
// ANCHOR_END: execute

// ANCHOR: handle
/// Answers the lines of one connection until it quits, breaks a limit, or
/// the shutdown begins.
async fn handle(
    stream: TcpStream,
    counters: Counters,
    idle: Duration,
    shutdown: CancellationToken,
) {
    let mut lines = Framed::new(stream, LinesCodec::new_with_max_length(MAX_LINE));
    loop {
        // `next()` on a `Framed` is cancel-safe: when another branch wins,
        // the bytes read so far stay in its buffer.
        let (reply, last) = tokio::select! {
            () = shutdown.cancelled() => ("ERR shutting down".to_owned(), true),
            next = timeout(idle, lines.next()) => match next {
                Err(_) => ("ERR idle timeout".to_owned(), true),
                Ok(Some(Ok(line))) => execute(&line, &counters),
                Ok(Some(Err(LinesCodecError::MaxLineLengthExceeded))) => {
                    ("ERR line too long".to_owned(), true)
                }
                // The codec reports a line that is not UTF-8 so.
                Ok(Some(Err(LinesCodecError::Io(e))))
                    if e.kind() == std::io::ErrorKind::InvalidData =>
                {
                    ("ERR line is not UTF-8".to_owned(), true)
                }
                // The client closed the connection, or it failed.
                Ok(None | Some(Err(LinesCodecError::Io(_)))) => return,
            },
        };
        let sent = timeout(WRITE_TIMEOUT, lines.send(reply)).await;
        if last || !matches!(sent, Ok(Ok(()))) {
            return;
        }
    }
}
// ANCHOR_END: handle

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    // Registered before the `listening on` line, from which on a SIGTERM
    // or SIGINT must reach the loop below rather than kill the process.
    let mut term = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let listener = TcpListener::bind(args.addr).await?;
    println!("listening on {}", listener.local_addr()?);

    let counters = Counters::default();
    let idle = Duration::from_millis(args.idle_timeout_ms);
    let shutdown = CancellationToken::new();
    let connections = TaskTracker::new();
    loop {
        tokio::select! {
            _ = term.recv() => break,
            _ = interrupt.recv() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let task =
                        handle(stream, Arc::clone(&counters), idle, shutdown.clone());
                    connections.spawn(task);
                }
                // Out of descriptors, or a connection reset before it was
                // accepted: a running server keeps going after a pause.
                Err(e) => {
                    eprintln!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    }
    drop(listener);
    shutdown.cancel();
    connections.close();
    let grace = Duration::from_millis(args.shutdown_timeout_ms);
    if timeout(grace, connections.wait()).await.is_err() {
        eprintln!("connections still open {grace:?} after the shutdown began");
        std::process::exit(1);
    }
    Ok(())
}
// ANCHOR_END: main
