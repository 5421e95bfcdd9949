//! The tally exercise: port the Go server of `../go/` to Rust here, on
//! tokio. `cargo xtask exercise tally` runs the black-box suite of
//! `../tests/suite.rs`, which the Go server passes, against this binary.
//!
//! The plumbing is here (arguments, listening, a task per connection);
//! `execute` and `handle` are `todo!()`, and the graceful shutdown is yours
//! to add where the doc comments say.
// The `todo!()` bodies do not use their parameters yet, nor anything the
// constants; delete this line once they all do (the compiler says so).
#![expect(
    unused_variables,
    dead_code,
    reason = "the exercise's todo!() bodies, and the constants and flag you will use"
)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

/// The longest line the server reads, in bytes, without its newline (Go's
/// `MaxLine`).
const MAX_LINE: usize = 1024;

/// Bounds each answer, so a client that never reads cannot hold its
/// connection open (Go's `WriteTimeout`).
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

/// The server's state, shared by every connection: Go's `Counters`.
type Counters = Arc<Mutex<HashMap<String, i64>>>;

// ANCHOR: execute
/// Go's `Execute`: the answer to one command line (without `\n`), and
/// whether to close the connection after it (true after `QUIT` only).
/// `INCR name [n]` answers `OK <new value>`, or `ERR overflow` (and changes
/// nothing) when the sum does not fit an `i64`; `GET name` answers
/// `OK <value>`, 0 for a new name; `QUIT` answers `BYE`. Words are split on
/// any whitespace. Wrong input answers, word for word as Go does:
/// `ERR empty line`, `ERR unknown command "FLY"`, `ERR bad number "lots"`,
/// `ERR usage: INCR name [n]`, `ERR usage: GET name`.
fn execute(line: &str, counters: &Mutex<HashMap<String, i64>>) -> (String, bool) {
    todo!()
}
// ANCHOR_END: execute

// ANCHOR: handle
/// Go's `handle`: answers the lines of one connection, each with `execute`
/// and a newline, each write within `WRITE_TIMEOUT`, until one of these,
/// after which it answers as said and closes the connection:
/// - `execute` says to close (after `QUIT`);
/// - a line is longer than `MAX_LINE` bytes: `ERR line too long`;
/// - no line comes within `idle`: `ERR idle timeout`;
/// - `shutdown` is cancelled while it waits for a line: `ERR shutting down`;
/// - the client closes the connection: no answer.
///
/// `tokio_util::codec` has a codec that reads lines with a length limit.
async fn handle(
    stream: TcpStream,
    counters: Counters,
    idle: Duration,
    shutdown: CancellationToken,
) {
    todo!()
}
// ANCHOR_END: handle

// ANCHOR: main
/// Prints `listening on ADDR`, then serves each connection on a task of its
/// own. Yours to add: on SIGTERM or Ctrl-C, stop accepting, cancel
/// `shutdown`, wait at most `--shutdown-timeout-ms` for the connections'
/// tasks to end, and return (exit status 0), or exit with status 1 if some
/// are still running. Register the SIGTERM handler before the `listening
/// on` line: from that line on, the tests may send SIGTERM at any moment.
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let listener = TcpListener::bind(args.addr).await?;
    println!("listening on {}", listener.local_addr()?);

    let counters = Counters::default();
    let idle = Duration::from_millis(args.idle_timeout_ms);
    // To be cancelled when the shutdown begins; nothing cancels it yet.
    let shutdown = CancellationToken::new();
    loop {
        let (stream, _) = listener.accept().await?;
        let task = handle(stream, Arc::clone(&counters), idle, shutdown.clone());
        tokio::spawn(task);
    }
}
// ANCHOR_END: main
