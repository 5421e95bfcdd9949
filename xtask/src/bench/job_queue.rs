//! `cargo xtask bench job-queue`: the job queue twins under load.
//!
//! Builds both twins in release mode (`cargo build --release`, `go build`),
//! starts each on a loopback port with the same settings, warms it up, then
//! has oha (a load generator, pinned and installed on first use) send
//! `POST /jobs` for a fixed time at two concurrency levels. For each twin it
//! records what oha saw (requests per second, p50/p99 latency, the share of
//! 202 and 429 answers) and what the process cost (CPU time from
//! `/proc/PID/stat`, peak resident memory from `VmHWM` in
//! `/proc/PID/status`, binary size), then sends SIGTERM and checks that the
//! twin drains and exits 0. One run, on whatever machine runs it: the
//! numbers are that machine's, and the load generator shares its cores.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Instant;

use anyhow::{Context as _, Result, ensure};
use nix::sys::signal::Signal;
use serde_json::{Value, json};
use testkit::{Server, Twin};

use super::{Context, Row};

/// The load generator, at a pinned version.
const OHA: (&str, &str) = ("oha", "1.16.0");
/// The same settings for both twins.
const WORKERS: &str = "4";
const QUEUE_CAPACITY: &str = "64";
/// Concurrent connections: a handful of clients, and a crowd.
const CONCURRENCY: [u32; 2] = [16, 256];
/// How long each level lasts; with warm-up, about 25 s per twin.
const LOAD_SECONDS: u32 = 10;
/// The job every request submits: a small wordcount.
const BODY: &str =
    r#"{"kind":"wordcount","payload":{"text":"the quick brown fox jumps over the lazy dog"}}"#;

pub fn run(ctx: &Context) -> Result<()> {
    let started = Instant::now();
    let oha = ctx.cargo_tool(OHA.0, OHA.1, OHA.0)?;
    let twins = [
        ("rust", super::release_build(ctx, "job-queue", "job-queue")?),
        (
            "go",
            super::go_build(ctx, "listings/job-queue/server", "job-queue-go")?,
        ),
    ];

    let mut measured = Vec::new();
    for (language, binary) in &twins {
        eprintln!("loading the {language} twin ({})", binary.display());
        measured.push(measure(&oha, language, binary)?);
    }
    let [rust, go] = [&measured[0], &measured[1]];

    let mut rows = Vec::new();
    let row = |case: &str, metric: &str, unit: &str, rust: f64, go: f64| Row {
        case: case.to_owned(),
        metric: metric.to_owned(),
        unit: unit.to_owned(),
        rust,
        go,
    };
    for (r, g) in rust.levels.iter().zip(&go.levels) {
        let case = format!(
            "POST /jobs, {} connections, {LOAD_SECONDS} s",
            r.concurrency
        );
        rows.push(row(
            &case,
            "throughput",
            "requests/s",
            r.requests_per_sec,
            g.requests_per_sec,
        ));
        rows.push(row(&case, "latency p50", "ms", r.p50_ms, g.p50_ms));
        rows.push(row(&case, "latency p99", "ms", r.p99_ms, g.p99_ms));
        rows.push(row(&case, "answered 202", "%", r.share(202), g.share(202)));
        rows.push(row(&case, "answered 429", "%", r.share(429), g.share(429)));
        rows.push(row(
            &case,
            "other answers or errors",
            "requests",
            r.others(),
            g.others(),
        ));
        rows.push(row(&case, "CPU time", "s", r.cpu_seconds, g.cpu_seconds));
        rows.push(row(
            &case,
            "CPU per 1000 requests",
            "ms",
            1e6 * r.cpu_seconds / r.requests as f64,
            1e6 * g.cpu_seconds / g.requests as f64,
        ));
    }
    let whole = "whole run";
    rows.push(row(
        whole,
        "peak RSS (VmHWM)",
        "MiB",
        rust.peak_rss_mib,
        go.peak_rss_mib,
    ));
    rows.push(row(
        whole,
        "binary size",
        "MiB",
        rust.binary_mib,
        go.binary_mib,
    ));

    super::print_rows("job queue", &rows);
    let results = json!({
        "benchmark": "job-queue",
        "date": command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        "machine": machine(ctx),
        "settings": {
            "workers": WORKERS, "queue_capacity": QUEUE_CAPACITY,
            "load_seconds": LOAD_SECONDS, "body": BODY, "load_generator": format!("{} {}", OHA.0, OHA.1),
        },
        "rows": rows,
    });
    let path = ctx.write_results("job-queue", &results)?;
    println!(
        "\nwritten to {} in {:.0?}",
        path.display(),
        started.elapsed()
    );
    Ok(())
}

/// What one twin did at one concurrency level.
struct Level {
    concurrency: u32,
    requests: u64,
    requests_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// Answers by status code.
    statuses: Vec<(u16, u64)>,
    /// Requests that got no HTTP answer (connection errors, timeouts).
    errors: u64,
    cpu_seconds: f64,
}

impl Level {
    /// Requests answered with neither 202 nor 429, or not answered at all.
    fn others(&self) -> f64 {
        let expected: u64 = self
            .statuses
            .iter()
            .filter(|(code, _)| matches!(code, 202 | 429))
            .map(|(_, n)| n)
            .sum();
        (self.requests - expected + self.errors) as f64
    }

    fn share(&self, code: u16) -> f64 {
        let count = self
            .statuses
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0, |(_, n)| *n);
        100.0 * count as f64 / self.requests.max(1) as f64
    }
}

/// Everything measured on one twin.
struct Measured {
    levels: Vec<Level>,
    peak_rss_mib: f64,
    binary_mib: f64,
}

fn measure(oha: &Path, language: &'static str, binary: &Path) -> Result<Measured> {
    let server = Twin::prebuilt(language, binary)
        .args(["--workers", WORKERS, "--queue-capacity", QUEUE_CAPACITY])
        .start();
    let url = server.url("/jobs");
    oha_run(oha, &url, &["-n", "5000", "-c", "16"]).context("warming up")?;

    let mut levels = Vec::new();
    for concurrency in CONCURRENCY {
        let before = cpu_seconds(server.pid())?;
        let report = oha_run(
            oha,
            &url,
            &[
                "-z",
                &format!("{LOAD_SECONDS}s"),
                "-w",
                "-c",
                &concurrency.to_string(),
            ],
        )?;
        let cpu = cpu_seconds(server.pid())? - before;
        levels.push(level(concurrency, &report, cpu)?);
        let last = levels.last().unwrap();
        eprintln!(
            "  {concurrency:>3} connections: {:.0} requests/s, p99 {:.2} ms, {:.1} % 202",
            last.requests_per_sec,
            last.p99_ms,
            last.share(202)
        );
    }
    let peak_rss_mib = super::proc_status_kib(server.pid(), "VmHWM")? / 1024.0;
    drain(server)?;
    Ok(Measured {
        levels,
        peak_rss_mib,
        binary_mib: fs::metadata(binary)?.len() as f64 / (1024.0 * 1024.0),
    })
}

/// Runs oha against `url` with a JSON job body and returns its JSON report.
fn oha_run(oha: &Path, url: &str, args: &[&str]) -> Result<Value> {
    let output = Command::new(oha)
        .args(args)
        .args(["--no-tui", "--output-format", "json", "-m", "POST"])
        .args(["-T", "application/json", "-d", BODY, url])
        .stdin(Stdio::null())
        .output()
        .context("running oha")?;
    ensure!(
        output.status.success(),
        "oha failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).context("reading oha's JSON report")
}

fn level(concurrency: u32, report: &Value, cpu_seconds: f64) -> Result<Level> {
    let number = |pointer: &str| {
        report
            .pointer(pointer)
            .and_then(Value::as_f64)
            .with_context(|| format!("oha's report has no {pointer}"))
    };
    let statuses: Vec<(u16, u64)> = report["statusCodeDistribution"]
        .as_object()
        .context("oha's report has no statusCodeDistribution")?
        .iter()
        .filter_map(|(code, n)| Some((code.parse().ok()?, n.as_u64()?)))
        .collect();
    let errors: u64 = report["errorDistribution"]
        .as_object()
        .map_or(0, |e| e.values().filter_map(Value::as_u64).sum());
    if errors > 0 {
        eprintln!("  oha saw errors: {}", report["errorDistribution"]);
    }
    Ok(Level {
        concurrency,
        requests: statuses.iter().map(|(_, n)| n).sum(),
        requests_per_sec: number("/summary/requestsPerSec")?,
        p50_ms: 1000.0 * number("/latencyPercentiles/p50")?,
        p99_ms: 1000.0 * number("/latencyPercentiles/p99")?,
        statuses,
        errors,
        cpu_seconds,
    })
}

/// SIGTERM, then the twin must log its `drained` line and exit 0.
fn drain(server: Server) -> Result<()> {
    server.signal(Signal::SIGTERM);
    let drained = testkit::eventually("the `drained` line", || {
        server
            .log()
            .lines()
            .find(|line| line.contains("drained"))
            .map(str::to_owned)
    });
    eprintln!("  {drained}");
    let status = server.wait();
    ensure!(
        status.success(),
        "the twin exited with {status} after SIGTERM"
    );
    Ok(())
}

/// User plus system CPU time of a process so far, from `/proc/PID/stat`.
fn cpu_seconds(pid: u32) -> Result<f64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name, which is in parentheses and may hold
    // spaces; utime and stime are fields 14 and 15 of the whole line.
    let after_name = &stat[stat.rfind(')').context("no command name in stat")? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>()? + fields[12].parse::<f64>()?;
    Ok(ticks / clock_ticks_per_second())
}

fn clock_ticks_per_second() -> f64 {
    command_line("getconf", &["CLK_TCK"])
        .parse()
        .unwrap_or(100.0)
}

/// The first line a command prints, or "" if it cannot run.
fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_default()
}

fn machine(ctx: &Context) -> Value {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned());
    json!({
        "cpus": thread::available_parallelism().map_or(0, |n| n.get()),
        "cpu_model": model,
        "kernel": command_line("uname", &["-sr"]),
        "rustc": command_line("rustc", &["--version"]),
        "go": ctx
            .go(".")
            .arg("version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default(),
    })
}
