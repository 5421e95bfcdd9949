//! `cargo xtask bench chat`: the chat server twins holding many connections
//! and broadcasting to many clients.
//!
//! Builds both twins in release mode and starts each on cores of its own
//! ([`super::pinning`]), with the same flags and the default `--buffer`
//! (64: in Go a 64-slot channel per member, in Rust one 64-slot ring the
//! whole room shares; either way a member that falls 64 frames behind
//! misses frames, and is told so, instead of growing the server's memory).
//! The clients run in this process on the other cores. For each twin:
//!
//! 1. **Memory** (fresh process, [`MEMORY_RUNS`] runs). Opens up to 10,000
//!    WebSockets that never join (the join timeout is raised so the server
//!    keeps them) and reads the server's resident memory (`VmRSS`) before
//!    and after, each time once the server is at rest ([`at_rest`]): the
//!    difference divided by the count is what one waiting connection
//!    costs. Then, on another fresh process, joins clients up to
//!    each count of [`JOINED`] (clients with small receive buffers that do
//!    not read while others join, see [`connect_small`], and a server with
//!    small send buffers, [`JOINED_FLAGS`]), then has every
//!    client read what the server sent it ([`drain`]), and reads `VmRSS`
//!    once the server is at rest: (RSS at N − RSS before) / N is the memory
//!    per joined client.
//! 2. **Broadcast latency** (fresh process, [`RUNS`] runs). Joins 1,000
//!    clients and one sender, then the sender sends a bounded number of
//!    rounds, one message at a time, each stamped with its send time; every
//!    client records when the message arrived. Reported: the p50 and p99 of those
//!    1,000 × rounds latencies, the p50 of the time a round takes to reach
//!    everyone, and the server's CPU time per 1,000 delivered messages.
//! 3. **Saturation** (fresh process, [`SATURATION_RUNS`] runs). Joins
//!    [`SATURATION_RECEIVERS`] clients that read everything and [`SENDERS`]
//!    that each send a message, wait for it to come back, and send the
//!    next: enough in flight to keep the server's core busy, never more
//!    than the buffer holds. Reported over a window after a warm-up: the
//!    messages delivered per second, those skipped for clients that fell
//!    behind, the server's CPU per 1,000 delivered and the share of a core
//!    each side used (the client's shows whether it kept up). A third
//!    variant runs the Go twin built with profile-guided optimisation from
//!    a CPU profile of this same load ([`Bench::go_with_pgo`]).
//!
//! The twins take turns to go first. Everything runs on 127.0.0.1, bounded
//! in count and time; the client process needs a file descriptor per
//! connection, and the server one per connection too, so the soft
//! `RLIMIT_NOFILE` is raised to the hard limit before the servers start
//! (they inherit it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail, ensure};
use futures_util::{SinkExt as _, StreamExt as _, TryStreamExt as _};
use serde_json::{Value, json};
use testkit::Server;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::pinning::Pinning;
use super::{Context, Row, round1, round2};

/// The idle connections we aim for; fewer if the file limit is lower.
const IDLE_TARGET: usize = 10_000;
/// The joined-client counts memory is read at. Joining is quadratic in
/// both twins, as the protocol asks (each newcomer's welcome lists every
/// member, and every member is told of the newcomer): the 10,000th join
/// sends 10,000 announcements, and the memory runs are most of `bench
/// chat`'s time.
const JOINED: [usize; 3] = [1_000, 5_000, 10_000];
/// Flags added for the joined clients' server. A member that has stopped
/// reading takes announcements until its socket's send buffer is full, and
/// only then does the twin's bounded queue skip them. Left to the kernel,
/// each member's server socket here had about 64 KB queued (`ss`'s Send-Q)
/// before its writes blocked, close to 2,000 announcements written one by
/// one, and joining 10,000 clients took 60 to 80 s of server CPU per twin.
/// With 4,096 bytes (8 KiB, as Linux doubles it) one twin's whole memory
/// run took 48 to 58 s in the `bench all` of 2026-12-01 (its log, not
/// results.json), half as long.
const JOINED_FLAGS: &[&str] = &["--send-buffer-bytes", "4096"];
/// The receive buffer the joined clients ask for (Linux grants twice
/// this, 4 KiB). A member that stops reading still takes a few hundred
/// 34-byte announcements before the server's writes to it block, most of
/// the joins' cost. Asking for 2,048 bytes instead of 4,096 took the
/// server's CPU for the step from 5,000 to 10,000 clients from 17.7 to
/// 12.4 s (Rust) and from 23.9 to 16.9 s (Go) in one run each on
/// 2026-12-01; with xtask's release build as well ([`super::run_optimized`])
/// the step took 13 to 16 s instead of 18 to 25, and a twin's whole memory
/// run 37 to 43 s instead of 46 to 57. Asking for 1 byte (Linux grants
/// 2,304) made the client's kernel work harder and the step slower, and
/// with the server's send buffer at its smallest too, a 10,000-name
/// welcome took longer than [`STEP`].
const RECEIVE_BUFFER: u32 = 2048;
/// File descriptors kept free for everything else a process opens.
const SPARE_FDS: u64 = 512;
/// Clients that receive each broadcast.
const RECEIVERS: usize = 1_000;
/// Runs of the memory phases per twin, as many as of the other load cases.
/// Measuring the two twins' rooms side by side, one server on each core,
/// was tried once and dropped: the Go twin's figure at 10,000 came out
/// higher than in any run alone, so it depended on what else the machine
/// was doing.
const MEMORY_RUNS: usize = 5;
/// Runs of the broadcast per twin.
const RUNS: usize = 5;
/// Measured rounds, after a few unmeasured ones that warm up both sides.
const ROUNDS: usize = 100;
const WARMUP_ROUNDS: usize = 10;
/// Saturation: clients that only read, clients that send with one message
/// in flight each ([`send_in_closed_loop`]), and how long the load runs
/// before and while it is measured (the window is two seconds, as the job
/// queue's and the notes service's cases are, since the memory got its second run).
const SATURATION_RECEIVERS: usize = 100;
const SENDERS: usize = 8;
const SATURATION_WARMUP: Duration = Duration::from_secs(1);
const SATURATION_WINDOW: Duration = Duration::from_secs(2);
/// The saturation runs per variant, and the seconds of profile the PGO
/// build is made from.
const SATURATION_RUNS: usize = 5;
const PROFILE_SECONDS: u32 = 5;
/// Index of the Go twin built with PGO, after [`TWINS`]' two.
const GO_PGO_RUN: usize = 2;
/// Handshakes in flight at once, well below the listen backlog.
const CONNECTING_AT_ONCE: usize = 64;
/// How often [`at_rest`] looks at the server, and what counts as at rest
/// over one such interval: under 20 ms of CPU time (4 % of a core) and
/// resident memory that moved by less than a thousandth.
const REST_POLL: Duration = Duration::from_millis(500);
const REST_CPU_SECONDS: f64 = 0.02;
const REST_RSS_CHANGE: f64 = 0.001;
/// Bounds: one handshake or join, a whole phase of connecting, one round.
const STEP: Duration = Duration::from_secs(10);
const PHASE: Duration = Duration::from_secs(300);
const ROUND: Duration = Duration::from_secs(10);

/// Server flags for both twins: joins may wait (idle connections), a
/// client may stop reading for a while (the joined clients, see
/// [`connect_small`]) and the rate limit may not shape the result (the
/// saturation's senders would pass the default's 5 per second at once).
/// `--buffer` stays at its default, 64, in both.
const FLAGS: &[&str] = &[
    "--join-timeout-ms",
    "600000",
    "--rate-per-sec",
    "100000000",
    "--write-timeout-ms",
    "600000",
];
const TWINS: [&str; 2] = ["rust", "go"];

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// The sizes of one run: full, or a quick run's.
struct Sizes {
    idle: usize,
    joined: Vec<usize>,
    receivers: usize,
    rounds: usize,
    memory_runs: usize,
    runs: usize,
    saturation_runs: usize,
    saturation_receivers: usize,
    saturation_window: Duration,
    profile_seconds: u32,
}

pub fn run(ctx: &Context) -> Result<()> {
    let fd_limit = raise_fd_limit()?;
    let allowed = fd_limit.saturating_sub(SPARE_FDS) as usize;
    let sizes = Sizes {
        idle: ctx.pick(IDLE_TARGET, 200).min(allowed),
        joined: ctx
            .pick(JOINED.to_vec(), vec![50, 200])
            .into_iter()
            .filter(|&n| n <= allowed)
            .collect(),
        receivers: ctx.pick(RECEIVERS, 50),
        rounds: ctx.pick(ROUNDS, 5),
        memory_runs: ctx.pick(MEMORY_RUNS, 1),
        runs: ctx.pick(RUNS, 1),
        saturation_runs: ctx.pick(SATURATION_RUNS, 1),
        saturation_receivers: ctx.pick(SATURATION_RECEIVERS, 20),
        saturation_window: ctx.pick(SATURATION_WINDOW, Duration::from_millis(500)),
        profile_seconds: ctx.pick(PROFILE_SECONDS, 1),
    };
    ensure!(
        sizes.receivers < allowed,
        "the open-file limit ({fd_limit}) is too low for {} clients; raise it with ulimit -n",
        sizes.receivers
    );
    if sizes.idle < ctx.pick(IDLE_TARGET, 200) {
        eprintln!(
            "the open-file limit is {fd_limit}, so {} idle connections instead of {IDLE_TARGET}",
            sizes.idle
        );
    }
    let binaries = [
        super::release_build(ctx, "chat-server", "chat-server")?,
        super::go_build(ctx, "listings/chat-server/server", "chat-server-go")?,
    ];
    let pinning = Pinning::new()?;
    let runtime = {
        let pinning = pinning.clone();
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(pinning.load.len())
            .on_thread_start(move || pinning.pin_this_thread_to_load())
            .enable_all()
            .build()?
    };
    let bench = Bench {
        pinning: &pinning,
        sizes: &sizes,
    };

    // Memory: idle connections, then joined clients, on fresh processes.
    let mut idle: [Vec<f64>; 2] = [vec![], vec![]];
    let mut idle_rss: [Vec<f64>; 2] = [vec![], vec![]];
    let mut joined: [Vec<Vec<f64>>; 2] = [vec![], vec![]];
    let mut observed = Value::Null;
    for run in 0..sizes.memory_runs {
        for twin in super::order(run) {
            let phase = Instant::now();
            let (per_connection, after_kib) = pinning.on_load_cores(|| {
                runtime.block_on(bench.idle_connections(twin, &binaries[twin]))
            })?;
            let per_client = pinning.on_load_cores(|| {
                runtime.block_on(bench.joined_clients(twin, &binaries[twin], &mut observed))
            })?;
            eprintln!(
                "memory, run {} of {}, the {} twin: {} idle connections {per_connection:.1} KiB each; \
                 joined clients {} KiB each at {:?}; {:.0?}",
                run + 1,
                sizes.memory_runs,
                TWINS[twin],
                sizes.idle,
                per_client
                    .iter()
                    .map(|k| format!("{k:.1}"))
                    .collect::<Vec<_>>()
                    .join(" / "),
                sizes.joined,
                phase.elapsed()
            );
            idle[twin].push(per_connection);
            idle_rss[twin].push(after_kib / 1024.0);
            joined[twin].push(per_client);
        }
    }

    // Broadcast.
    let mut broadcasts: [Vec<Broadcast>; 2] = [vec![], vec![]];
    for run in 0..sizes.runs {
        for twin in super::order(run) {
            let phase = Instant::now();
            let b = pinning
                .on_load_cores(|| runtime.block_on(bench.broadcast(twin, &binaries[twin])))?;
            eprintln!(
                "broadcast, run {} of {}, the {} twin: p50 {:.2} ms, p99 {:.2} ms, \
                 server CPU {:.2} ms per 1,000 delivered; {:.0?}",
                run + 1,
                sizes.runs,
                TWINS[twin],
                b.p50_ms,
                b.p99_ms,
                b.cpu_per_1000,
                phase.elapsed()
            );
            broadcasts[twin].push(b);
        }
    }

    // Saturation: Rust, Go, and Go built with a profile of this load.
    let pgo_binary = bench.go_with_pgo(ctx, &runtime)?;
    let mut saturated: [Vec<Saturation>; 3] = [vec![], vec![], vec![]];
    for run in 0..sizes.saturation_runs {
        for variant in super::in_turn([0, 1, GO_PGO_RUN], run) {
            let (twin, binary, label) = match variant {
                GO_PGO_RUN => (1, &pgo_binary, "Go with PGO"),
                twin => (twin, &binaries[twin], TWINS[twin]),
            };
            let s =
                pinning.on_load_cores(|| runtime.block_on(bench.saturation(twin, binary, None)))?;
            eprintln!(
                "saturation, run {} of {}, {label}: {}",
                run + 1,
                sizes.saturation_runs,
                s.summary()
            );
            saturated[variant].push(s);
        }
    }

    let idle_case = format!("{} idle connections (not joined)", sizes.idle);
    let mut rows = vec![
        Row::sampled(
            &idle_case,
            "memory per connection",
            "KiB",
            &idle[0],
            &idle[1],
            round1,
        ),
        Row::sampled(
            &idle_case,
            "server RSS",
            "MiB",
            &idle_rss[0],
            &idle_rss[1],
            round1,
        ),
    ];
    for (i, n) in sizes.joined.iter().enumerate() {
        let at = |twin: usize| -> Vec<f64> { joined[twin].iter().map(|v| v[i]).collect() };
        rows.push(Row::sampled(
            &format!("{n} joined clients"),
            "memory per client",
            "KiB",
            &at(0),
            &at(1),
            round1,
        ));
    }
    let round_case = format!(
        "broadcast to {} clients, {} rounds",
        sizes.receivers, sizes.rounds
    );
    let figure = |f: fn(&Broadcast) -> f64| -> [Vec<f64>; 2] {
        [
            broadcasts[0].iter().map(f).collect(),
            broadcasts[1].iter().map(f).collect(),
        ]
    };
    let broadcast_rows: [Figure<Broadcast>; 4] = [
        ("latency p50", "ms", |b| b.p50_ms),
        ("latency p99", "ms", |b| b.p99_ms),
        ("time to reach all, p50", "ms", |b| b.reach_all_p50_ms),
        ("server CPU per 1,000 delivered messages", "CPU ms", |b| {
            b.cpu_per_1000
        }),
    ];
    for (metric, unit, f) in broadcast_rows {
        let [rust, go] = figure(f);
        rows.push(Row::sampled(&round_case, metric, unit, &rust, &go, round2));
    }
    let saturation_case = |go: &str| {
        format!(
            "saturation: {} readers, {SENDERS} senders with a message in flight each{go}",
            sizes.saturation_receivers
        )
    };
    let [rust, go, pgo] = saturated;
    rows.extend(saturation_rows(&saturation_case(""), &rust, &go));
    rows.extend(saturation_rows(
        &saturation_case(", Go built with PGO"),
        &rust,
        &pgo,
    ));
    super::print_rows("chat server", &rows);
    let results = json!({
        "benchmark": "chat",
        "settings": {
            "idle_connections": sizes.idle,
            "joined_clients": sizes.joined,
            "receivers": sizes.receivers,
            "rounds": sizes.rounds,
            "warmup_rounds": WARMUP_ROUNDS,
            "memory_runs": sizes.memory_runs,
            "broadcast_runs": sizes.runs,
            "saturation_runs": sizes.saturation_runs,
            "saturation_receivers": sizes.saturation_receivers,
            "saturation_senders": SENDERS,
            "saturation_seconds": sizes.saturation_window.as_secs_f64(),
            "saturation_warmup_seconds": SATURATION_WARMUP.as_secs_f64(),
            "go_pgo": format!(
                "go build -pgo=<profile>, the profile {} s of net/http/pprof's CPU profile of a -tags pprof build under the saturation load",
                sizes.profile_seconds
            ),
            "server_flags": FLAGS,
            "joined_clients_server_flags": JOINED_FLAGS,
            "buffer": "default (64): Go, a 64-slot channel per member; Rust, one 64-slot broadcast ring per room",
            "open_file_limit": fd_limit,
            "address": "127.0.0.1",
        },
        "pinning": pinning.json(),
        "observed": observed,
        "rows": rows,
    });
    ctx.write_results("chat", &results)?;
    Ok(())
}

/// Raises this process's soft limit on open files to the hard one (the
/// servers started later inherit it); returns the limit.
fn raise_fd_limit() -> Result<u64> {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE)?;
    if soft < hard {
        setrlimit(Resource::RLIMIT_NOFILE, hard, hard)?;
    }
    Ok(hard)
}

struct Bench<'a> {
    pinning: &'a Pinning,
    sizes: &'a Sizes,
}

impl Bench<'_> {
    /// Starts a twin with the benchmark's flags on the server's cores.
    fn start(&self, twin: usize, binary: &Path) -> Server {
        self.start_with(twin, binary, &[])
    }

    /// [`Bench::start`] with `extra` flags after the benchmark's own.
    fn start_with(&self, twin: usize, binary: &Path, extra: &[&str]) -> Server {
        self.pinning
            .server_twin(TWINS[twin], binary)
            .args(FLAGS.iter().chain(extra).copied())
            .start()
    }

    /// Memory of one twin holding `sizes.idle` connections that never
    /// joined: KiB per connection, and the server's resident KiB then.
    async fn idle_connections(&self, twin: usize, binary: &Path) -> Result<(f64, f64)> {
        let count = self.sizes.idle;
        let server = self.start(twin, binary);
        let url = ws_url(&server);
        // One full join and leave first, so that lazily built state (the
        // page, the room, runtime threads) is in the baseline, not in the
        // difference.
        drop(join(&url, "warmup").await?);
        let before_kib = at_rest(&server).await?;

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
        let after_kib = at_rest(&server).await?;

        // The server must still be serving: a newcomer joins an empty room.
        let (_probe, welcome) = join(&url, "probe")
            .await
            .with_context(|| failure(&server, "joining next to the idle connections"))?;
        ensure!(
            welcome["members"] == json!(["probe"]),
            "unexpected welcome {welcome}"
        );
        drop(sockets);
        Ok(((after_kib - before_kib) / count as f64, after_kib))
    }

    /// Memory per joined client at each count of `sizes.joined`, in KiB,
    /// on one fresh process: clients join in steps up to each count, each
    /// reading and discarding what the server sends it, and the server's
    /// resident memory is read once it is at rest ([`at_rest`]).
    async fn joined_clients(
        &self,
        twin: usize,
        binary: &Path,
        observed: &mut Value,
    ) -> Result<Vec<f64>> {
        let server = self.start_with(twin, binary, JOINED_FLAGS);
        let url = ws_url(&server);
        drop(join(&url, "warmup").await?);
        let before_kib = at_rest(&server).await?;
        // Only now: a thread takes its name when it first runs, and on the
        // server's one core the main thread can print its `listening` line
        // before the tokio worker has (results.json once showed no worker).
        observed[TWINS[twin]] = self.pinning.observe(server.pid())?;
        let mut members: Vec<Socket> = Vec::new();
        let mut per_client = Vec::new();
        let addr = server.addr();
        for &target in &self.sizes.joined {
            let step = Instant::now();
            let cpu_before = (
                super::cpu_seconds(server.pid())?,
                super::cpu_seconds(std::process::id())?,
            );
            let sockets: Vec<Socket> = tokio::time::timeout(
                PHASE,
                futures_util::stream::iter(members.len()..target)
                    .map(|i| {
                        let url = &url;
                        async move {
                            let socket = connect_small(url, addr).await?;
                            join_on(socket, &format!("m{i}")).await.map(|(s, _)| s)
                        }
                    })
                    .buffer_unordered(CONNECTING_AT_ONCE)
                    .try_collect(),
            )
            .await
            .with_context(|| format!("joining {target} clients took over {PHASE:?}"))?
            .with_context(|| failure(&server, "joining clients"))?;
            members.extend(sockets);
            let joined_in = step.elapsed();
            let cpu_joining = (
                super::cpu_seconds(server.pid())? - cpu_before.0,
                super::cpu_seconds(std::process::id())? - cpu_before.1,
            );
            members = drain(members)
                .await
                .with_context(|| failure(&server, "reading what the joined clients were sent"))?;
            let after_kib = at_rest(&server).await?;
            per_client.push((after_kib - before_kib) / target as f64);
            eprintln!(
                "  the {} twin, {target} joined clients: {:.1} KiB each; joined in \
                 {joined_in:.0?} (CPU: server {:.1} s, client {:.1} s), at rest after {:.0?}",
                TWINS[twin],
                per_client.last().unwrap(),
                cpu_joining.0,
                cpu_joining.1,
                step.elapsed()
            );
        }
        Ok(per_client)
    }

    /// The Go twin built with PGO from a profile of the saturation load
    /// ([`super::go_pgo_build`]).
    fn go_with_pgo(&self, ctx: &Context, runtime: &tokio::runtime::Runtime) -> Result<PathBuf> {
        super::go_pgo_build(
            ctx,
            self.pinning,
            "listings/chat-server/server",
            "chat-server-go",
            self.sizes.profile_seconds,
            |profiling, pprof_addr, fetch| {
                self.pinning.on_load_cores(|| {
                    runtime.block_on(self.saturation(1, profiling, Some((pprof_addr, fetch))))
                })?;
                Ok(())
            },
        )
    }

    /// One saturation run on a fresh process: `saturation_receivers`
    /// clients that read everything, and [`SENDERS`] clients that send
    /// short messages in a closed loop ([`send_in_closed_loop`]). Measured
    /// over a window after a warm-up: the messages delivered, those the
    /// server skipped for clients that fell behind (the `lagged` errors say
    /// how many), and the server's and this process's CPU time. With `profile`, the server is the `-tags pprof`
    /// build, serves pprof on that address, and the load runs while the
    /// command fetches the profile (the figures are thrown away).
    async fn saturation(
        &self,
        twin: usize,
        binary: &Path,
        profile: Option<(&str, Command)>,
    ) -> Result<Saturation> {
        let mut server = self
            .pinning
            .server_twin(TWINS[twin], binary)
            .args(FLAGS.iter().copied());
        if let Some((addr, _)) = &profile {
            server = server.args(["--pprof", addr]);
        }
        let server = server.start();
        let url = ws_url(&server);
        drop(join(&url, "warmup").await?);
        let counts = std::sync::Arc::new(Counts::default());
        let mut tasks = tokio::task::JoinSet::new();
        let receivers: Vec<Socket> = futures_util::stream::iter(0..self.sizes.saturation_receivers)
            .map(|i| {
                let url = &url;
                async move { join(url, &format!("r{i}")).await.map(|(s, _)| s) }
            })
            .buffer_unordered(CONNECTING_AT_ONCE)
            .try_collect()
            .await
            .with_context(|| failure(&server, "joining the saturation's readers"))?;
        for socket in receivers {
            tasks.spawn(count_frames(socket, counts.clone()));
        }
        at_rest(&server).await?;
        for i in 0..SENDERS {
            let (socket, _) = join(&url, &format!("s{i}")).await?;
            tasks.spawn(send_in_closed_loop(socket, format!("s{i}"), counts.clone()));
        }
        if let Some((_, fetch)) = profile {
            tokio::task::spawn_blocking(move || super::run_timed(fetch, "go tool pprof")).await??;
            tasks.abort_all();
            return Ok(Saturation::default());
        }
        tokio::time::sleep(SATURATION_WARMUP).await;
        let before = Reading::now(&server, &counts)?;
        tokio::time::sleep(self.sizes.saturation_window).await;
        let after = Reading::now(&server, &counts)?;
        tasks.abort_all();
        ensure!(
            !server.log().contains("panic"),
            "{}",
            failure(&server, "the saturation run")
        );
        // Frames are counted by their text (see `count_frames`), so a
        // change to how a twin writes them would count none.
        ensure!(
            after.delivered > before.delivered,
            "no message was counted as delivered in the saturation window; do the {} twin's \
             message frames still contain {}?",
            TWINS[twin],
            MESSAGE_TYPE
        );
        Ok(Saturation::between(
            &before,
            &after,
            self.sizes.saturation_receivers + SENDERS,
        ))
    }

    async fn broadcast(&self, twin: usize, binary: &Path) -> Result<Broadcast> {
        let receivers_wanted = self.sizes.receivers;
        let server = self.start(twin, binary);
        let url = ws_url(&server);
        drop(join(&url, "warmup").await?);

        let clock = Instant::now();
        let (arrivals_tx, mut arrivals) = mpsc::unbounded_channel::<(usize, u128)>();
        let receivers: Vec<Socket> = tokio::time::timeout(
            PHASE,
            futures_util::stream::iter(0..receivers_wanted)
                .map(|i| {
                    let url = &url;
                    async move { join(url, &format!("r{i}")).await.map(|(s, _)| s) }
                })
                .buffer_unordered(CONNECTING_AT_ONCE)
                .try_collect(),
        )
        .await
        .with_context(|| format!("joining {receivers_wanted} clients took over {PHASE:?}"))?
        .with_context(|| failure(&server, "joining clients"))?;
        let mut tasks = tokio::task::JoinSet::new();
        for socket in receivers {
            tasks.spawn(receive(socket, clock, arrivals_tx.clone()));
        }
        let (sender, _) = join(&url, "sender").await?;
        let (mut send, mut own) = sender.split();
        // The sender reads its own copies too, or its socket would fill up.
        tasks.spawn(async move { while let Some(Ok(_)) = own.next().await {} });
        at_rest(&server).await?;

        let mut latencies_us = Vec::with_capacity(receivers_wanted * self.sizes.rounds);
        let mut reach_all_us = Vec::with_capacity(self.sizes.rounds);
        let mut cpu_before = 0.0;
        for round in 0..WARMUP_ROUNDS + self.sizes.rounds {
            if round == WARMUP_ROUNDS {
                cpu_before = super::cpu_seconds(server.pid())?;
            }
            let text = stamp(round, clock.elapsed().as_micros());
            let frame = json!({ "type": "message", "text": text }).to_string();
            send.send(Message::text(frame)).await?;
            let mut this_round = Vec::with_capacity(receivers_wanted);
            while this_round.len() < receivers_wanted {
                let arrival = tokio::time::timeout(ROUND, arrivals.recv()).await;
                let Ok(Some((got_round, latency))) = arrival else {
                    bail!(
                        "round {round}: only {} of {receivers_wanted} clients got the message within {ROUND:?}\n{}",
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
        let cpu = super::cpu_seconds(server.pid())? - cpu_before;
        tasks.abort_all();
        latencies_us.sort_unstable();
        reach_all_us.sort_unstable();
        let ms = |us: u128| us as f64 / 1000.0;
        // Every round reaches every receiver and the sender.
        let delivered = (self.sizes.rounds * (receivers_wanted + 1)) as f64;
        Ok(Broadcast {
            p50_ms: ms(percentile(&latencies_us, 50.0)),
            p99_ms: ms(percentile(&latencies_us, 99.0)),
            reach_all_p50_ms: ms(percentile(&reach_all_us, 50.0)),
            cpu_per_1000: 1e6 * cpu / delivered,
        })
    }
}

/// The messages the saturation's clients were delivered, and the ones the
/// server told them they missed.
#[derive(Default)]
struct Counts {
    delivered: std::sync::atomic::AtomicU64,
    missed: std::sync::atomic::AtomicU64,
}

/// What every chat message frame of both twins contains, as they write
/// JSON (compact, the type first).
const MESSAGE_TYPE: &str = r#""type":"message""#;

/// Counts one client's frames until the connection ends. A frame is not
/// parsed unless it is the rare `lagged` error: the client shares its core
/// with a hundred others and must keep up with the server.
async fn count_frames(
    mut frames: impl futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>>
    + Unpin,
    counts: std::sync::Arc<Counts>,
) {
    use std::sync::atomic::Ordering::Relaxed;
    while let Some(Ok(frame)) = frames.next().await {
        let Message::Text(text) = frame else { continue };
        if text.contains(MESSAGE_TYPE) {
            counts.delivered.fetch_add(1, Relaxed);
        } else if let Some(missed) = lagged_count(&text) {
            counts.missed.fetch_add(missed, Relaxed);
        }
    }
}

/// A sender: sends a short message, then reads until its own message
/// comes back (counting what it reads like any client) or the server says
/// it skipped some for this client (then the message may never come), and
/// sends the next. So each sender has one message in flight.
async fn send_in_closed_loop(socket: Socket, name: String, counts: std::sync::Arc<Counts>) {
    use std::sync::atomic::Ordering::Relaxed;
    let (mut send, mut frames) = socket.split();
    let frame: tokio_tungstenite::tungstenite::Utf8Bytes =
        json!({ "type": "message", "text": "saturation" })
            .to_string()
            .into();
    let own = format!(r#""from":"{name}""#);
    while send.send(Message::text(frame.clone())).await.is_ok() {
        loop {
            let Some(Ok(Message::Text(text))) = frames.next().await else {
                return;
            };
            if text.contains(MESSAGE_TYPE) {
                counts.delivered.fetch_add(1, Relaxed);
                if text.contains(&own) {
                    break;
                }
            } else if let Some(missed) = lagged_count(&text) {
                counts.missed.fetch_add(missed, Relaxed);
                break;
            }
        }
    }
}

/// How many messages a `lagged` error frame says were missed.
fn lagged_count(frame: &str) -> Option<u64> {
    let error: Value = serde_json::from_str(frame).ok()?;
    if error["code"] != "lagged" {
        return None;
    }
    let message = error["message"].as_str()?;
    let (_, after) = message.split_once("missed ")?;
    after.split_whitespace().next()?.parse().ok()
}

/// The counters and CPU clocks at one moment of a saturation run.
struct Reading {
    at: Instant,
    delivered: u64,
    missed: u64,
    server_cpu: f64,
    client_cpu: f64,
}

impl Reading {
    fn now(server: &Server, counts: &Counts) -> Result<Reading> {
        use std::sync::atomic::Ordering::Relaxed;
        Ok(Reading {
            at: Instant::now(),
            delivered: counts.delivered.load(Relaxed),
            missed: counts.missed.load(Relaxed),
            server_cpu: super::cpu_seconds(server.pid())?,
            client_cpu: super::cpu_seconds(std::process::id())?,
        })
    }
}

/// What one saturation run measured.
#[derive(Default)]
struct Saturation {
    delivered_per_s: f64,
    broadcast_per_s: f64,
    missed_percent: f64,
    cpu_per_1000: f64,
    server_cpu_percent: f64,
    client_cpu_percent: f64,
}

impl Saturation {
    /// The figures of the window from `before` to `after`, with `members`
    /// clients in the room.
    fn between(before: &Reading, after: &Reading, members: usize) -> Saturation {
        let seconds = (after.at - before.at).as_secs_f64();
        let delivered = (after.delivered - before.delivered) as f64;
        let missed = (after.missed - before.missed) as f64;
        let server_cpu = after.server_cpu - before.server_cpu;
        Saturation {
            delivered_per_s: delivered / seconds,
            broadcast_per_s: (delivered + missed) / members as f64 / seconds,
            missed_percent: 100.0 * missed / (delivered + missed).max(1.0),
            cpu_per_1000: 1000.0 * 1000.0 * server_cpu / delivered.max(1.0),
            server_cpu_percent: 100.0 * server_cpu / seconds,
            client_cpu_percent: 100.0 * (after.client_cpu - before.client_cpu) / seconds,
        }
    }

    fn summary(&self) -> String {
        format!(
            "{:.0} messages delivered per second ({:.0} broadcasts/s, {:.1} % missed), \
             server CPU {:.2} ms per 1,000 delivered ({:.0} % of a core), client {:.0} % of a core",
            self.delivered_per_s,
            self.broadcast_per_s,
            self.missed_percent,
            self.cpu_per_1000,
            self.server_cpu_percent,
            self.client_cpu_percent
        )
    }
}

/// The rows of one saturation case: medians and ranges of the runs.
fn saturation_rows(case: &str, rust: &[Saturation], go: &[Saturation]) -> Vec<Row> {
    let figures: [Figure<Saturation>; 6] = [
        ("messages delivered", "messages/s", |s| s.delivered_per_s),
        ("messages broadcast", "messages/s", |s| s.broadcast_per_s),
        ("skipped for clients that fell behind", "%", |s| {
            s.missed_percent
        }),
        ("server CPU per 1,000 delivered messages", "CPU ms", |s| {
            s.cpu_per_1000
        }),
        ("server CPU", "% of a core", |s| s.server_cpu_percent),
        ("client CPU (the benchmark's process)", "% of a core", |s| {
            s.client_cpu_percent
        }),
    ];
    figures
        .into_iter()
        .map(|(metric, unit, f)| {
            let rust: Vec<f64> = rust.iter().map(f).collect();
            let go: Vec<f64> = go.iter().map(f).collect();
            Row::sampled(case, metric, unit, &rust, &go, round2)
        })
        .collect()
}

/// Waits, at most [`PHASE`], until the server is at rest: over one
/// [`REST_POLL`] it used almost no CPU time (every frame is sent, and Go's
/// collector is not in a cycle) and its resident memory stayed put.
/// Returns that resident memory, in KiB.
///
/// This replaced fixed two-second waits (after the CPU went quiet at the
/// joined steps, and alone at the baselines). With `VmRSS` read every
/// 200 ms for four seconds at each of the six points a memory run reads
/// it, in two runs per twin on 2026-12-01, Rust's never moved and Go's
/// moved by at most 20 KiB of 523 MiB, upwards: Go's scavenger returned
/// nothing in that time, so the waits changed no figure and cost each
/// memory run about ten seconds.
async fn at_rest(server: &Server) -> Result<f64> {
    let deadline = Instant::now() + PHASE;
    let mut last = (super::cpu_seconds(server.pid())?, rss_kib(server)?);
    loop {
        tokio::time::sleep(REST_POLL).await;
        let now = (super::cpu_seconds(server.pid())?, rss_kib(server)?);
        if is_rest(last, now) {
            return Ok(now.1);
        }
        ensure!(
            Instant::now() < deadline,
            "the server was still busy after {PHASE:?} \
             ({:.2} s of CPU and {:+.0} KiB of resident memory in the last {REST_POLL:?})",
            now.0 - last.0,
            now.1 - last.1
        );
        last = now;
    }
}

/// Whether two readings of (CPU seconds, resident KiB) one [`REST_POLL`]
/// apart show a server at rest.
fn is_rest(before: (f64, f64), after: (f64, f64)) -> bool {
    after.0 - before.0 < REST_CPU_SECONDS
        && (after.1 - before.1).abs() <= REST_RSS_CHANGE * before.1
}

/// A figure of a phase: its metric, its unit, and how to read it from `T`.
type Figure<T> = (&'static str, &'static str, fn(&T) -> f64);

/// What one twin did in the broadcast rounds.
struct Broadcast {
    p50_ms: f64,
    p99_ms: f64,
    reach_all_p50_ms: f64,
    cpu_per_1000: f64,
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

/// Reads every socket until nothing has come for a while, concurrently,
/// and gives them back; fails if the server closed any of them. The bytes
/// are read past the WebSocket layer and thrown away unparsed: these
/// clients only ever wait after this, and parsing the tens of millions of
/// join announcements that 10,000 joins send would cost the client core
/// minutes.
async fn drain(sockets: Vec<Socket>) -> Result<Vec<Socket>> {
    use tokio::io::AsyncReadExt as _;
    let mut readers = tokio::task::JoinSet::new();
    for mut socket in sockets {
        readers.spawn(async move {
            let mut buffer = vec![0; 64 * 1024];
            loop {
                let read = socket.get_mut().read(&mut buffer);
                match tokio::time::timeout(Duration::from_millis(300), read).await {
                    Ok(Ok(0)) => bail!("the server closed a joined client's connection"),
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => bail!("a joined client's connection failed: {e}"),
                    Err(_) => return Ok(socket),
                }
            }
        });
    }
    let mut drained = Vec::new();
    while let Some(socket) = readers.join_next().await {
        drained.push(socket??);
    }
    Ok(drained)
}

/// A connection whose receive buffer is small ([`RECEIVE_BUFFER`]), for clients that
/// join and then stop reading for a while: with the server's small send
/// buffer ([`JOINED_FLAGS`]) its writes to it block soon, so the
/// announcements of later joins are skipped (each twin's bounded queue)
/// instead of written one by one. That keeps joining N clients from
/// costing N² frame writes.
async fn connect_small(url: &str, addr: std::net::SocketAddr) -> Result<Socket> {
    let connect = async {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.set_recv_buffer_size(RECEIVE_BUFFER)?;
        let stream = socket.connect(addr).await?;
        let (socket, _) =
            tokio_tungstenite::client_async(url, MaybeTlsStream::Plain(stream)).await?;
        anyhow::Ok(socket)
    };
    tokio::time::timeout(STEP, connect)
        .await
        .with_context(|| format!("connecting to {url} took over {STEP:?}"))?
}

async fn connect(url: &str) -> Result<Socket> {
    let (socket, _) = tokio::time::timeout(STEP, tokio_tungstenite::connect_async(url))
        .await
        .with_context(|| format!("connecting to {url} took over {STEP:?}"))??;
    Ok(socket)
}

/// Connects, joins as `name` and returns the socket with the welcome frame.
async fn join(url: &str, name: &str) -> Result<(Socket, Value)> {
    join_on(connect(url).await?, name).await
}

/// Joins as `name` on an open connection.
async fn join_on(mut socket: Socket, name: &str) -> Result<(Socket, Value)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_is_at_rest_with_little_cpu_and_steady_memory() {
        let before = (10.0, 500_000.0);
        assert!(is_rest(before, (10.01, 500_000.0)));
        assert!(is_rest(before, (10.01, 500_400.0)), "under a thousandth");
        assert!(!is_rest(before, (10.03, 500_000.0)), "busy");
        assert!(!is_rest(before, (10.0, 500_600.0)), "still growing");
        assert!(!is_rest(before, (10.0, 499_400.0)), "still shrinking");
    }

    #[test]
    fn stamps_round_trip() {
        assert_eq!(read_stamp(&stamp(7, 123_456)), Some((7, 123_456)));
        assert_eq!(read_stamp("hello"), None);
        assert_eq!(read_stamp("1 x"), None);
    }

    #[test]
    fn lagged_errors_are_read_from_either_twin() {
        // The Rust twin's wording (client.rs) and the Go twin's (client.go)
        // are the same sentence.
        let lagged = r#"{"type":"error","code":"lagged","message":"you read too slowly and missed 17 messages"}"#;
        assert_eq!(lagged_count(lagged), Some(17));
        let other = r#"{"type":"error","code":"rate_limited","message":"slow down"}"#;
        assert_eq!(lagged_count(other), None);
        assert!(r#"{"type":"message","from":"ada","text":"hi"}"#.contains(MESSAGE_TYPE));
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
