//! `cargo xtask bench notes`: the notes service twins, an I/O-bound
//! service of the kind most Go teams run: JSON over HTTP in front of
//! SQLite (axum + sqlx against net/http + database/sql with go-sqlite3).
//!
//! Both twins run as shipped: a database file on disk, four pooled
//! connections, SQLite's own defaults for the journal (rollback, `DELETE`)
//! and for `synchronous` (`FULL`), so every write waits for the disk. Each
//! run starts a twin on a fresh database on the server's cores
//! ([`super::pinning`]), creates [`SEEDED`] notes, then, with oha on the
//! other cores:
//!
//! 1. **Reads, closed loop**: `GET /notes/{id}` of a random seeded note on
//!    [`READERS`] connections as fast as they are answered.
//! 2. **Writes, closed loop**: `POST /notes` on [`WRITERS`] connections.
//! 3. **Mixed, open loop**: writes at half the slower twin's write capacity
//!    and nine reads for every write, at the same time, at fixed rates
//!    with `--latency-correction`.
//!
//! The saturation runs of every twin come first, interleaved, then the
//! mixed ones at rates computed from them. Throughput counts 2xx answers
//! only; each case also reads the server's CPU time (per 1,000 requests of
//! the case, reads and writes together in the mixed one) and peak memory,
//! and each run ends with SIGTERM, after which the twin must exit 0.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use anyhow::{Context as _, Result, ensure};
use nix::sys::signal::Signal;
use serde_json::{Value, json};
use testkit::Server;

use super::job_queue::OHA;
use super::pinning::Pinning;
use super::{Context, Row};

/// Notes created before each run; reads pick one of them at random.
const SEEDED: u32 = 200;
/// Connections of the closed-loop read and write runs.
const READERS: u32 = 32;
const WRITERS: u32 = 8;
/// Reads per write in the mixed run.
const READS_PER_WRITE: f64 = 9.0;
/// Runs of every case per twin.
const RUNS: usize = 5;
/// How long each case lasts, in seconds: two (it was three) since the
/// chat benchmark's memory got its second run, so that `bench all` stays
/// under twenty minutes with five interleaved runs of every case.
const LOAD_SECONDS: u32 = 2;
/// What every write sends.
const BODY: &str =
    r#"{"title":"groceries","body":"eggs, flour, milk, and something for the weekend"}"#;
const TWINS: [&str; 2] = ["rust", "go"];

pub fn run(ctx: &Context) -> Result<()> {
    let oha = ctx.cargo_tool(OHA.0, OHA.1, OHA.0)?;
    let binaries = [
        super::release_build(ctx, "web-services-notes", "notes")?,
        super::go_build(ctx, "listings/web-services/notes", "notes-go")?,
    ];
    let pinning = Pinning::new()?;
    let runs = ctx.pick(RUNS, 1);
    let seconds = ctx.pick(LOAD_SECONDS, 1);
    let bench = Bench {
        oha: &oha,
        pinning: &pinning,
        seconds,
    };

    let mut reads: [Vec<Sample>; 2] = [Vec::new(), Vec::new()];
    let mut writes: [Vec<Sample>; 2] = [Vec::new(), Vec::new()];
    let mut observed = Value::Null;
    for run in 0..runs {
        for twin in super::order(run) {
            eprintln!(
                "saturation, run {} of {runs}: the {} twin",
                run + 1,
                TWINS[twin]
            );
            let running = bench.start(twin, &binaries[twin])?;
            observed[TWINS[twin]] = pinning.observe(running.server.pid())?;
            let read = bench.measure(&running, &[Load::read(READERS, None)])?;
            eprintln!("  reads: {}", read[0].summary());
            reads[twin].extend(read);
            let write = bench.measure(&running, &[Load::write(WRITERS, None)])?;
            eprintln!("  writes: {}", write[0].summary());
            writes[twin].extend(write);
            stop(running)?;
        }
    }
    let write_capacity = |twin: usize| {
        let per_s: Vec<f64> = writes[twin].iter().map(|s| s.ok_per_s).collect();
        super::spread(&per_s).0
    };
    let slower = write_capacity(0).min(write_capacity(1));
    ensure!(
        slower > 0.0,
        "a twin stored no note at saturation; see the log above"
    );
    let write_rate = (slower / 2.0).round().max(1.0);
    let read_rate = (write_rate * READS_PER_WRITE).round();
    eprintln!(
        "write capacity of the slower twin: {slower:.0} notes/s; mixed: {write_rate:.0} writes/s \
         and {read_rate:.0} reads/s"
    );

    let mut mixed_reads: [Vec<Sample>; 2] = [Vec::new(), Vec::new()];
    let mut mixed_writes: [Vec<Sample>; 2] = [Vec::new(), Vec::new()];
    for run in 0..runs {
        for twin in super::order(run) {
            eprintln!("mixed, run {} of {runs}: the {} twin", run + 1, TWINS[twin]);
            let running = bench.start(twin, &binaries[twin])?;
            let [read, write]: [Sample; 2] = bench
                .measure(
                    &running,
                    &[
                        Load::read(READERS, Some(read_rate)),
                        Load::write(WRITERS, Some(write_rate)),
                    ],
                )?
                .try_into()
                .map_err(|_| anyhow::anyhow!("two loads give two samples"))?;
            eprintln!("  reads: {}", read.summary());
            eprintln!("  writes: {}", write.summary());
            mixed_reads[twin].push(read);
            mixed_writes[twin].push(write);
            stop(running)?;
        }
    }

    let mut rows = rows_of(
        &format!("reads, closed loop, {READERS} connections"),
        "notes read",
        &reads,
        true,
    );
    rows.extend(rows_of(
        &format!("writes, closed loop, {WRITERS} connections"),
        "notes stored",
        &writes,
        true,
    ));
    // The costs of the mixed case, reads and writes together, come with
    // its writes.
    let mixed = format!("mixed, open loop ({read_rate:.0} reads/s + {write_rate:.0} writes/s)");
    rows.extend(rows_of(
        &format!("{mixed}: reads"),
        "notes read",
        &mixed_reads,
        false,
    ));
    rows.extend(rows_of(
        &format!("{mixed}: writes"),
        "notes stored",
        &mixed_writes,
        true,
    ));

    super::print_rows("notes service", &rows);
    let results = json!({
        "benchmark": "notes",
        "settings": {
            "seeded_notes": SEEDED, "readers": READERS, "writers": WRITERS,
            "load_seconds": seconds, "runs": runs,
            "write_capacity_of_slower_twin_per_s": super::round1(slower),
            "mixed_write_rate_per_s": write_rate, "mixed_read_rate_per_s": read_rate,
            "body": BODY, "load_generator": format!("{} {}", OHA.0, OHA.1),
            "sqlite": "a file on disk, 4 pooled connections, busy timeout 5 s, \
                       SQLite's default journal (DELETE) and synchronous (FULL)",
            "order": "runs interleaved; run 1 Rust first, run 2 Go first, and so on",
        },
        "pinning": pinning.json(),
        "observed": observed,
        "rows": rows,
    });
    ctx.write_results("notes", &results)?;
    Ok(())
}

/// The rows of one stream of requests in one case: medians and ranges of
/// every run's figures. With `costs`, the server's CPU time and memory
/// too, which belong to the whole case, not to one of two streams.
fn rows_of(case: &str, done: &str, samples: &[Vec<Sample>; 2], costs: bool) -> Vec<Row> {
    let row = |metric: &str, unit: &str, f: &dyn Fn(&Sample) -> f64| {
        let rust: Vec<f64> = samples[0].iter().map(f).collect();
        let go: Vec<f64> = samples[1].iter().map(f).collect();
        Row::sampled(case, metric, unit, &rust, &go, super::round2)
    };
    let mut rows = vec![
        row(&format!("{done} (2xx)"), "requests/s", &|s| s.ok_per_s),
        row("latency p50, 2xx", "ms", &|s| s.p50_ms),
        row("latency p99, 2xx", "ms", &|s| s.p99_ms),
        row("other answers or errors", "requests", &|s| s.others).with_better(super::Better::Lower),
    ];
    if costs {
        rows.extend([
            row("server CPU per 1,000 requests", "CPU ms", &|s| {
                1e6 * s.server_cpu_seconds / s.requests_in_case.max(1.0)
            }),
            row("peak RSS (VmHWM)", "MiB", &|s| s.peak_rss_mib),
            row("RSS as the load ends (VmRSS)", "MiB", &|s| s.end_rss_mib),
        ]);
    }
    rows
}

/// One stream of requests: reads or writes, closed loop or at a rate.
struct Load {
    write: bool,
    connections: u32,
    rate: Option<f64>,
}

impl Load {
    fn read(connections: u32, rate: Option<f64>) -> Load {
        Load {
            write: false,
            connections,
            rate,
        }
    }

    fn write(connections: u32, rate: Option<f64>) -> Load {
        Load {
            write: true,
            connections,
            rate,
        }
    }
}

/// A twin serving a fresh database, and the file of the seeded notes'
/// addresses that reads pick from.
struct Running {
    server: Server,
    urls: PathBuf,
    _dir: tempfile::TempDir,
}

struct Bench<'a> {
    oha: &'a Path,
    pinning: &'a Pinning,
    seconds: u32,
}

impl Bench<'_> {
    /// Starts twin `twin` on a fresh database on the server's cores and
    /// creates the notes the reads ask for.
    fn start(&self, twin: usize, binary: &Path) -> Result<Running> {
        let dir = tempfile::Builder::new()
            .prefix("bench-notes-")
            .tempdir()
            .context("creating the database's directory")?;
        let db = dir.path().join("notes.db");
        let server = self
            .pinning
            .server_twin(TWINS[twin], binary)
            .args(["--db".to_owned(), db.display().to_string()])
            .start();
        // One connection: the notes go in one after another, with no
        // writer waiting for another's lock.
        let seeded = self.oha_wait(
            self.oha_command(
                &server,
                &Load::write(1, None),
                &["-n".to_owned(), SEEDED.to_string()],
                None,
            )
            .spawn()?,
        )?;
        let stored = status_count(&seeded, 201);
        // A note that timed out leaves a gap in the ids: reads of it are
        // 404s, counted with the other answers. Many would make the reads
        // meaningless.
        ensure!(
            stored * 10 >= u64::from(SEEDED) * 9,
            "the {} twin stored {stored} of the {SEEDED} notes it was sent before the run: {}",
            TWINS[twin],
            seeded["statusCodeDistribution"]
        );
        if stored < u64::from(SEEDED) {
            eprintln!(
                "  {stored} of {SEEDED} seeded notes stored: {}",
                seeded["statusCodeDistribution"]
            );
        }
        let mut urls = String::new();
        for id in 1..=SEEDED {
            writeln!(urls, "{}", server.url(&format!("/notes/{id}")))?;
        }
        let urls_path = dir.path().join("urls.txt");
        fs::write(&urls_path, urls)?;
        let running = Running {
            server,
            urls: urls_path,
            _dir: dir,
        };
        // Warm the connection pools and the page cache.
        self.oha_wait(
            self.oha_command(
                &running.server,
                &Load::read(READERS, None),
                &["-n".to_owned(), "2000".to_owned()],
                Some(&running.urls),
            )
            .spawn()?,
        )?;
        Ok(running)
    }

    /// Runs `loads` at the same time against a running twin and returns a
    /// sample of each, with the server's CPU time and the requests of all
    /// of them.
    fn measure(&self, running: &Running, loads: &[Load]) -> Result<Vec<Sample>> {
        let pid = running.server.pid();
        let cpu_before = super::cpu_seconds(pid)?;
        let duration = vec![
            "-z".to_owned(),
            format!("{}s", self.seconds),
            "-w".to_owned(),
        ];
        let children: Vec<Child> = loads
            .iter()
            .map(|load| {
                self.oha_command(&running.server, load, &duration, Some(&running.urls))
                    .spawn()
                    .context("running oha")
            })
            .collect::<Result<_>>()?;
        let reports: Vec<Value> = children
            .into_iter()
            .map(|child| self.oha_wait(child))
            .collect::<Result<_>>()?;
        let cpu = super::cpu_seconds(pid)? - cpu_before;
        let peak_rss_mib = super::proc_status_kib(pid, "VmHWM")? / 1024.0;
        let end_rss_mib = super::proc_status_kib(pid, "VmRSS")? / 1024.0;
        let mut samples: Vec<Sample> = reports
            .iter()
            .map(|report| sample(report, peak_rss_mib))
            .collect::<Result<_>>()?;
        let requests: f64 = samples.iter().map(|s| s.ok + s.others).sum();
        for s in &mut samples {
            s.server_cpu_seconds = cpu;
            s.requests_in_case = requests;
            s.end_rss_mib = end_rss_mib;
        }
        Ok(samples)
    }

    /// oha on the load's cores, sending `load` to the running twin.
    fn oha_command(
        &self,
        server: &Server,
        load: &Load,
        extra: &[String],
        urls: Option<&Path>,
    ) -> std::process::Command {
        let mut command = self.pinning.load_command(self.oha);
        command
            .args(extra)
            .args(["-c", &load.connections.to_string()])
            .args(["--no-tui", "--stats-success-breakdown"])
            .args(["--output-format", "json"]);
        if let Some(rate) = load.rate {
            command.args(["-q", &rate.to_string(), "--latency-correction"]);
        }
        if load.write {
            command
                .args(["-m", "POST", "-T", "application/json", "-d", BODY])
                .arg(server.url("/notes"));
        } else {
            let urls = urls.expect("reads need the seeded notes' addresses");
            command.arg("--urls-from-file").arg(urls);
        }
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    /// Waits for an oha run and returns its JSON report.
    fn oha_wait(&self, child: Child) -> Result<Value> {
        let output = child.wait_with_output().context("waiting for oha")?;
        ensure!(
            output.status.success(),
            "oha failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).context("reading oha's JSON report")
    }
}

/// What one stream of requests got from one twin in one run.
struct Sample {
    ok: f64,
    ok_per_s: f64,
    /// Answers other than 2xx, and requests with no answer.
    others: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// The server's CPU time over the whole case, all streams together.
    server_cpu_seconds: f64,
    /// Requests of every stream in the case.
    requests_in_case: f64,
    peak_rss_mib: f64,
    /// Resident memory as the load ends.
    end_rss_mib: f64,
}

impl Sample {
    fn summary(&self) -> String {
        format!(
            "{:.0}/s 2xx, p50 {:.2} ms, p99 {:.2} ms, {:.0} other answers or errors",
            self.ok_per_s, self.p50_ms, self.p99_ms, self.others
        )
    }
}

fn status_count(report: &Value, code: u16) -> u64 {
    report["statusCodeDistribution"][code.to_string()]
        .as_u64()
        .unwrap_or(0)
}

fn sample(report: &Value, peak_rss_mib: f64) -> Result<Sample> {
    let seconds = report
        .pointer("/summary/total")
        .and_then(Value::as_f64)
        .context("oha's report has no /summary/total")?;
    let statuses = report["statusCodeDistribution"]
        .as_object()
        .context("oha's report has no statusCodeDistribution")?;
    let (mut ok, mut others) = (0.0, 0.0);
    for (code, n) in statuses {
        let n = n.as_u64().unwrap_or(0) as f64;
        if code.starts_with('2') {
            ok += n;
        } else {
            others += n;
        }
    }
    let errors: u64 = report["errorDistribution"]
        .as_object()
        .map_or(0, |e| e.values().filter_map(Value::as_u64).sum());
    if errors > 0 {
        eprintln!("  oha saw errors: {}", report["errorDistribution"]);
    }
    let ms = |pointer: &str| {
        1000.0
            * report
                .pointer(pointer)
                .and_then(Value::as_f64)
                .unwrap_or(0.0)
    };
    Ok(Sample {
        ok,
        ok_per_s: ok / seconds.max(1e-9),
        others: others + errors as f64,
        // oha's "successful" answers are the 2xx ones.
        p50_ms: ms("/latencyPercentilesSuccessful/p50"),
        p99_ms: ms("/latencyPercentilesSuccessful/p99"),
        server_cpu_seconds: 0.0,
        requests_in_case: 0.0,
        peak_rss_mib,
        end_rss_mib: 0.0,
    })
}

/// SIGTERM; the twin must exit 0.
fn stop(running: Running) -> Result<()> {
    running.server.signal(Signal::SIGTERM);
    let status = running.server.wait();
    ensure!(
        status.success(),
        "the twin exited with {status} after SIGTERM"
    );
    Ok(())
}
