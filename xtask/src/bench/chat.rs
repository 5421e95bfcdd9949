//! `cargo xtask bench chat`: the chat server twins holding many connections
//! and broadcasting to many clients.
//!
//! Builds both twins in release mode, then for each, on a fresh process:
//!
//! 1. **Idle connections.** Opens up to 10,000 WebSockets that never join
//!    (the join timeout is raised so the server keeps them) and reads the
//!    server's resident memory (`VmRSS`) before and after: the difference
//!    divided by the count is what one waiting connection costs. A client
//!    that joins afterwards must still be welcomed.
//! 2. **Broadcast.** Joins 1,000 clients and one sender (memory per joined
//!    client, as above), then the sender sends a bounded number of rounds,
//!    one message at a time, each stamped with its send time; every client
//!    records when the message arrived. Reported: the p50 and p99 of those
//!    1,000 x rounds latencies, and the p50 of the time a round takes to
//!    reach everyone.
//!
//! Everything runs on 127.0.0.1, bounded in count and time. The clients
//! share the machine's cores with the server and are the same for both
//! twins; the numbers are one run on this machine, not a law.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail, ensure};
use futures_util::{SinkExt as _, StreamExt as _, TryStreamExt as _};
use serde_json::{Value, json};
use testkit::{Server, Twin};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::{Context, Row};

/// The idle connections we aim for; fewer if the file limit is lower.
const IDLE_TARGET: usize = 10_000;
/// File descriptors kept free for everything else a process opens.
const SPARE_FDS: u64 = 512;
/// Clients that receive each broadcast.
const RECEIVERS: usize = 1_000;
/// Measured rounds, after a few unmeasured ones that warm up both sides.
const ROUNDS: usize = 100;
const WARMUP_ROUNDS: usize = 10;
/// Handshakes in flight at once, well below the listen backlog.
const CONNECTING_AT_ONCE: usize = 64;
/// Time for memory to settle after connections open (and for Go's
/// collector to run at least once under load).
const SETTLE: Duration = Duration::from_secs(2);
/// Bounds: one handshake or join, a whole phase of connecting, one round.
const STEP: Duration = Duration::from_secs(10);
const PHASE: Duration = Duration::from_secs(90);
const ROUND: Duration = Duration::from_secs(10);

/// Server flags for both twins: joins may wait (idle connections), and
/// neither the rate limit nor the broadcast buffer may shape the result.
const FLAGS: &[&str] = &[
    "--join-timeout-ms",
    "600000",
    "--rate-per-sec",
    "100000",
    "--buffer",
    "4096",
];

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub fn run(ctx: &Context) -> Result<()> {
    let started = Instant::now();
    let idle = idle_count()?;
    let twins = [
        (
            "Rust",
            super::release_build(ctx, "chat-server", "chat-server")?,
        ),
        (
            "Go",
            super::go_build(ctx, "listings/chat-server/server", "chat-server-go")?,
        ),
    ];
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;

    let mut measured = Vec::new();
    for (language, binary) in &twins {
        eprintln!("measuring the {language} twin ({})", binary.display());
        let phase = Instant::now();
        let idle = runtime.block_on(idle_connections(binary, idle))?;
        eprintln!(
            "  {} idle connections: {:.1} KiB each ({:.1} -> {:.1} MiB), {:.0?}",
            idle.count,
            idle.kib_per_connection,
            idle.before_kib / 1024.0,
            idle.after_kib / 1024.0,
            phase.elapsed()
        );
        let phase = Instant::now();
        let broadcast = runtime.block_on(broadcast(binary))?;
        eprintln!(
            "  {RECEIVERS} joined clients: {:.1} KiB each; broadcast p50 {:.2} ms, p99 {:.2} ms, {:.0?}",
            broadcast.kib_per_client,
            broadcast.p50_ms,
            broadcast.p99_ms,
            phase.elapsed()
        );
        measured.push((idle, broadcast));
    }
    let [(rust_idle, rust), (go_idle, go)] = [&measured[0], &measured[1]];

    let row = |case: &str, metric: &str, unit: &str, rust: f64, go: f64| Row {
        case: case.to_owned(),
        metric: metric.to_owned(),
        unit: unit.to_owned(),
        rust,
        go,
    };
    let idle_case = format!("{} idle connections (not joined)", rust_idle.count);
    let joined_case = format!("{RECEIVERS} joined clients");
    let round_case = format!("broadcast to {RECEIVERS} clients, {ROUNDS} rounds");
    let rows = vec![
        row(
            &idle_case,
            "memory per connection",
            "KiB",
            round1(rust_idle.kib_per_connection),
            round1(go_idle.kib_per_connection),
        ),
        row(
            &idle_case,
            "server RSS",
            "MiB",
            round1(rust_idle.after_kib / 1024.0),
            round1(go_idle.after_kib / 1024.0),
        ),
        row(
            &joined_case,
            "memory per client",
            "KiB",
            round1(rust.kib_per_client),
            round1(go.kib_per_client),
        ),
        row(
            &round_case,
            "latency p50",
            "ms",
            super::round2(rust.p50_ms),
            super::round2(go.p50_ms),
        ),
        row(
            &round_case,
            "latency p99",
            "ms",
            super::round2(rust.p99_ms),
            super::round2(go.p99_ms),
        ),
        row(
            &round_case,
            "time to reach all, p50",
            "ms",
            super::round2(rust.reach_all_p50_ms),
            super::round2(go.reach_all_p50_ms),
        ),
    ];
    super::print_rows("chat server", &rows);
    let results = json!({
        "benchmark": "chat",
        "settings": {
            "idle_connections": rust_idle.count,
            "receivers": RECEIVERS,
            "rounds": ROUNDS,
            "warmup_rounds": WARMUP_ROUNDS,
            "server_flags": FLAGS,
            "address": "127.0.0.1",
        },
        "rows": rows,
    });
    let path = ctx.write_results("chat", &results)?;
    println!(
        "\nwritten to {} in {:.0?}",
        path.display(),
        started.elapsed()
    );
    Ok(())
}

/// How many idle connections this machine allows: each side (the server
/// and this process) needs one descriptor per connection, so the soft
/// limit is raised to the hard one, and the count kept below it.
fn idle_count() -> Result<usize> {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE)?;
    if soft < hard {
        setrlimit(Resource::RLIMIT_NOFILE, hard, hard)?;
    }
    let allowed = hard.saturating_sub(SPARE_FDS) as usize;
    ensure!(
        allowed > RECEIVERS,
        "the open-file limit ({hard}) is too low for {RECEIVERS} clients; raise it with ulimit -n"
    );
    if allowed < IDLE_TARGET {
        eprintln!(
            "the open-file limit is {hard}, so {allowed} idle connections instead of {IDLE_TARGET}"
        );
    }
    Ok(allowed.min(IDLE_TARGET))
}

/// Memory of one twin holding `count` connections that never joined.
struct Idle {
    count: usize,
    before_kib: f64,
    after_kib: f64,
    kib_per_connection: f64,
}

async fn idle_connections(binary: &Path, count: usize) -> Result<Idle> {
    let server = start(binary);
    let url = ws_url(&server);
    // One full join and leave first, so that lazily built state (the page,
    // the room, runtime threads) is in the baseline, not in the difference.
    drop(join(&url, "warmup").await?);
    tokio::time::sleep(SETTLE).await;
    let before_kib = rss_kib(&server)?;

    let sockets: Vec<Socket> = tokio::time::timeout(
        PHASE,
        futures_util::stream::iter(0..count)
            .map(|_| connect(&url))
            .buffer_unordered(CONNECTING_AT_ONCE)
            .try_collect(),
    )
    .await
    .with_context(|| format!("opening {count} connections took over {PHASE:?}"))?
    .with_context(|| failure(&server, "opening idle connections"))?;
    tokio::time::sleep(SETTLE).await;
    let after_kib = rss_kib(&server)?;

    // The server must still be serving: a newcomer joins an empty room.
    let (_probe, welcome) = join(&url, "probe")
        .await
        .with_context(|| failure(&server, "joining next to the idle connections"))?;
    ensure!(
        welcome["members"] == json!(["probe"]),
        "unexpected welcome {welcome}"
    );
    drop(sockets);
    Ok(Idle {
        count,
        before_kib,
        after_kib,
        kib_per_connection: (after_kib - before_kib) / count as f64,
    })
}

/// What one twin did in the broadcast rounds.
struct Broadcast {
    kib_per_client: f64,
    p50_ms: f64,
    p99_ms: f64,
    reach_all_p50_ms: f64,
}

/// A message's round number and its send time, in microseconds since the
/// benchmark's clock started; receivers subtract it from their own reading
/// of the same clock.
fn stamp(round: usize, sent_us: u128) -> String {
    format!("{round} {sent_us}")
}

fn read_stamp(text: &str) -> Option<(usize, u128)> {
    let (round, sent) = text.split_once(' ')?;
    Some((round.parse().ok()?, sent.parse().ok()?))
}

async fn broadcast(binary: &Path) -> Result<Broadcast> {
    let server = start(binary);
    let url = ws_url(&server);
    drop(join(&url, "warmup").await?);
    tokio::time::sleep(SETTLE).await;
    let before_kib = rss_kib(&server)?;

    let clock = Instant::now();
    let (arrivals_tx, mut arrivals) = mpsc::unbounded_channel::<(usize, u128)>();
    let receivers: Vec<Socket> = tokio::time::timeout(
        PHASE,
        futures_util::stream::iter(0..RECEIVERS)
            .map(|i| {
                let url = &url;
                async move { join(url, &format!("r{i}")).await.map(|(s, _)| s) }
            })
            .buffer_unordered(CONNECTING_AT_ONCE)
            .try_collect(),
    )
    .await
    .with_context(|| format!("joining {RECEIVERS} clients took over {PHASE:?}"))?
    .with_context(|| failure(&server, "joining clients"))?;
    let mut tasks = tokio::task::JoinSet::new();
    for socket in receivers {
        tasks.spawn(receive(socket, clock, arrivals_tx.clone()));
    }
    let (sender, _) = join(&url, "sender").await?;
    let (mut send, mut own) = sender.split();
    // The sender reads its own copies too, or its socket would fill up.
    tasks.spawn(async move { while let Some(Ok(_)) = own.next().await {} });
    tokio::time::sleep(SETTLE).await;
    let after_kib = rss_kib(&server)?;

    let mut latencies_us = Vec::with_capacity(RECEIVERS * ROUNDS);
    let mut reach_all_us = Vec::with_capacity(ROUNDS);
    for round in 0..WARMUP_ROUNDS + ROUNDS {
        let text = stamp(round, clock.elapsed().as_micros());
        let frame = json!({ "type": "message", "text": text }).to_string();
        send.send(Message::text(frame)).await?;
        let mut this_round = Vec::with_capacity(RECEIVERS);
        while this_round.len() < RECEIVERS {
            let arrival = tokio::time::timeout(ROUND, arrivals.recv()).await;
            let Ok(Some((got_round, latency))) = arrival else {
                bail!(
                    "round {round}: only {} of {RECEIVERS} clients got the message within {ROUND:?}\n{}",
                    this_round.len(),
                    failure(&server, "broadcasting")
                );
            };
            ensure!(
                got_round == round,
                "round {got_round} arrived during {round}"
            );
            this_round.push(latency);
        }
        if round >= WARMUP_ROUNDS {
            reach_all_us.push(*this_round.iter().max().unwrap());
            latencies_us.extend(this_round);
        }
    }
    tasks.abort_all();
    latencies_us.sort_unstable();
    reach_all_us.sort_unstable();
    let ms = |us: u128| us as f64 / 1000.0;
    Ok(Broadcast {
        kib_per_client: (after_kib - before_kib) / (RECEIVERS + 1) as f64,
        p50_ms: ms(percentile(&latencies_us, 50.0)),
        p99_ms: ms(percentile(&latencies_us, 99.0)),
        reach_all_p50_ms: ms(percentile(&reach_all_us, 50.0)),
    })
}

/// Reads one receiver's frames and reports the latency of each message.
async fn receive(
    mut socket: Socket,
    clock: Instant,
    arrivals: mpsc::UnboundedSender<(usize, u128)>,
) {
    while let Some(Ok(Message::Text(text))) = socket.next().await {
        let now = clock.elapsed().as_micros();
        let Ok(frame) = serde_json::from_str::<Value>(text.as_str()) else {
            continue;
        };
        if frame["type"] == "message"
            && let Some((round, sent)) = frame["text"].as_str().and_then(read_stamp)
            && arrivals.send((round, now.saturating_sub(sent))).is_err()
        {
            return;
        }
    }
}

/// The value below which `percent` of the sorted samples lie (nearest rank).
fn percentile(sorted: &[u128], percent: f64) -> u128 {
    let rank = (percent / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

async fn connect(url: &str) -> Result<Socket> {
    let (socket, _) = tokio::time::timeout(STEP, tokio_tungstenite::connect_async(url))
        .await
        .with_context(|| format!("connecting to {url} took over {STEP:?}"))??;
    Ok(socket)
}

/// Connects, joins as `name` and returns the socket with the welcome frame.
async fn join(url: &str, name: &str) -> Result<(Socket, Value)> {
    let mut socket = connect(url).await?;
    let frame = json!({ "type": "join", "name": name }).to_string();
    socket.send(Message::text(frame)).await?;
    let welcome = tokio::time::timeout(STEP, socket.next())
        .await
        .with_context(|| format!("{name} got no welcome within {STEP:?}"))?;
    let Some(Ok(Message::Text(text))) = welcome else {
        bail!("{name} got {welcome:?} instead of a welcome");
    };
    let welcome: Value = serde_json::from_str(text.as_str())?;
    ensure!(
        welcome["type"] == "joined" && welcome["name"] == name,
        "{name} was not welcomed: {welcome}"
    );
    Ok((socket, welcome))
}

/// Starts a twin with the benchmark's flags on a free loopback port.
fn start(binary: &Path) -> Server {
    Twin::prebuilt("chat server", binary)
        .args(FLAGS.iter().copied())
        .start()
}

fn ws_url(server: &Server) -> String {
    format!("ws://{}/ws", server.addr())
}

fn rss_kib(server: &Server) -> Result<f64> {
    super::proc_status_kib(server.pid(), "VmRSS")
}

/// A failure message with the server's last log lines.
fn failure(server: &Server, what: &str) -> String {
    let log = server.log();
    let lines: Vec<&str> = log.lines().collect();
    let last = &lines[lines.len().saturating_sub(50)..];
    format!(
        "{what} failed; the server's last lines:\n{}",
        last.join("\n")
    )
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip() {
        assert_eq!(read_stamp(&stamp(7, 123_456)), Some((7, 123_456)));
        assert_eq!(read_stamp("hello"), None);
        assert_eq!(read_stamp("1 x"), None);
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let samples: Vec<u128> = (1..=100).collect();
        let cases = [(50.0, 50), (99.0, 99), (100.0, 100), (0.0, 1)];
        for (percent, want) in cases {
            assert_eq!(percentile(&samples, percent), want, "p{percent}");
        }
        assert_eq!(percentile(&[5], 99.0), 5);
    }
}
