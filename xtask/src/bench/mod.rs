//! `cargo xtask bench [NAME]`: the book's measurements. Each benchmark builds
//! both twins in release mode, loads them on loopback only, prints a table
//! with Rust/Go ratios and writes its rows to `target/bench/<name>.json`.
//! `cargo xtask bench all` runs them all and regenerates the measurements
//! chapter's tables and charts (`bench report` regenerates them from
//! `target/bench/`, `bench render` from the committed results.json).
//! `cargo xtask bench quick` runs every benchmark once, briefly, on the
//! builds the tests left behind, into `target/bench-quick/`: a check that
//! the code still runs, whose numbers mean nothing and are never published.
//!
//! Every benchmark is registered once, in [`BENCHES`].

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail, ensure};
use serde_json::{Value, json};

pub mod build;
pub mod chat;
pub mod claims;
pub mod comparisons;
pub mod job_queue;
pub mod notes;
pub mod pinning;
pub mod report;
pub mod static_build;
pub mod tasks;

/// One benchmark: its name on the command line and in `target/bench/`,
/// its title in the chapter, and the function that runs it.
pub struct Bench {
    pub name: &'static str,
    pub title: &'static str,
    pub run: fn(&Context) -> Result<()>,
}

/// Every benchmark, in the order `bench all` runs them and the chapter
/// shows them.
pub const BENCHES: &[Bench] = &[
    Bench {
        name: "job-queue",
        title: "Job queue under load",
        run: job_queue::run,
    },
    Bench {
        name: "notes",
        title: "Notes service: reads and writes on SQLite",
        run: notes::run,
    },
    Bench {
        name: "chat",
        title: "Chat server: connections and broadcast",
        run: chat::run,
    },
    Bench {
        name: "tasks",
        title: "Goroutines and tasks held at once",
        run: tasks::run,
    },
    Bench {
        name: "build",
        title: "Building, shipping and starting",
        run: build::run,
    },
    Bench {
        name: "static",
        title: "Static binaries",
        run: static_build::run,
    },
];

/// Starts installing the benchmarks' pinned tools (the load generator) in
/// the background, for a test run whose `bench` stage comes after stages
/// that leave CPU time idle; see [`crate::tools::prefetch_cargo_tool`].
pub fn prefetch_tools() -> Result<()> {
    let (krate, version) = job_queue::OHA;
    crate::tools::prefetch_cargo_tool(krate, version, krate)
}

/// The benchmark called `name`.
pub fn bench(name: &str) -> Result<&'static Bench> {
    BENCHES
        .iter()
        .find(|b| b.name == name)
        .with_context(|| format!("no benchmark named {name}"))
}

/// Which twin did better on a figure: for costs (time, size, memory) the
/// lower one, for work done (requests per second) the higher one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Lower,
    Higher,
}

/// The lowest and highest of a figure's samples.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

impl Range {
    /// Whether the two ranges share a value: then the figures show no
    /// measurable difference.
    pub fn overlaps(self, other: Range) -> bool {
        self.min <= other.max && other.min <= self.max
    }
}

/// One figure measured on both twins: `rust` and `go` in `unit`, for one
/// `case` (a load level, a connection count) of one `metric`. The chapter
/// shows the Rust/Go ratio next to them.
///
/// A figure measured several times holds the median in `rust` and `go`,
/// the lowest and highest sample in `rust_range` and `go_range`, and the
/// number of samples in `samples`. Rows written before the benchmarks
/// repeated their runs have none of these (one sample, no spread).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub case: String,
    pub metric: String,
    pub unit: String,
    pub rust: f64,
    pub go: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_range: Option<Range>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_range: Option<Range>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<usize>,
    /// Whether less or more is better; when absent, read off the unit (see
    /// [`Row::better`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<Better>,
}

impl Row {
    /// A figure measured once on each twin.
    pub fn once(case: &str, metric: &str, unit: &str, rust: f64, go: f64) -> Row {
        Row {
            case: case.to_owned(),
            metric: metric.to_owned(),
            unit: unit.to_owned(),
            rust,
            go,
            rust_range: None,
            go_range: None,
            samples: None,
            better: None,
        }
    }

    /// A figure measured several times on each twin: the medians, with the
    /// lowest and highest samples, all rounded as `round` says.
    pub fn sampled(
        case: &str,
        metric: &str,
        unit: &str,
        rust: &[f64],
        go: &[f64],
        round: fn(f64) -> f64,
    ) -> Row {
        let summary = |samples: &[f64]| {
            let (median, range) = spread(samples);
            (
                round(median),
                Range {
                    min: round(range.min),
                    max: round(range.max),
                },
            )
        };
        let (rust_median, rust_range) = summary(rust);
        let (go_median, go_range) = summary(go);
        let samples = rust.len().min(go.len());
        // One sample has no spread to show.
        let range = |r| (samples > 1).then_some(r);
        Row {
            rust_range: range(rust_range),
            go_range: range(go_range),
            samples: Some(samples),
            ..Row::once(case, metric, unit, rust_median, go_median)
        }
    }

    /// Says which way is better, where the unit does not.
    pub fn with_better(mut self, better: Better) -> Row {
        self.better = Some(better);
        self
    }

    /// Whether less or more is better: as recorded, else lower for time,
    /// size and memory, higher for a rate ("…/s"), and neither otherwise
    /// (a share of answers, a count of errors).
    pub fn better(&self) -> Option<Better> {
        const COSTS: &[&str] = &["s", "ms", "µs", "bytes", "KiB", "MiB", "GiB"];
        self.better.or_else(|| {
            if COSTS.contains(&self.unit.as_str()) || self.unit.starts_with("CPU ") {
                Some(Better::Lower)
            } else if self.unit.ends_with("/s") {
                Some(Better::Higher)
            } else {
                None
            }
        })
    }

    /// The Rust twin's range: the recorded one, or its one sample.
    pub fn rust_range(&self) -> Range {
        self.rust_range.unwrap_or(Range {
            min: self.rust,
            max: self.rust,
        })
    }

    /// The Go twin's range: the recorded one, or its one sample.
    pub fn go_range(&self) -> Range {
        self.go_range.unwrap_or(Range {
            min: self.go,
            max: self.go,
        })
    }
}

/// Which twin goes first in run `run` of a benchmark: Rust (0) in even
/// runs, Go (1) in odd ones, so neither always runs on a machine the
/// other has just warmed.
pub fn order(run: usize) -> [usize; 2] {
    in_turn([0, 1], run)
}

/// The variants of a case (the two twins, and any further build or
/// setting of one, such as tuned Go) in the order run `run` starts them:
/// each goes first in turn.
pub fn in_turn<const N: usize>(mut variants: [usize; N], run: usize) -> [usize; N] {
    variants.rotate_left(run % N);
    variants
}

/// The median of `samples` (the lower middle one for an even count) and
/// their range. Panics on no samples, which no benchmark produces.
pub fn spread(samples: &[f64]) -> (f64, Range) {
    assert!(!samples.is_empty(), "a figure needs at least one sample");
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[(sorted.len() - 1) / 2];
    (
        median,
        Range {
            min: sorted[0],
            max: sorted[sorted.len() - 1],
        },
    )
}

/// What every benchmark gets from the xtask.
pub struct Context {
    /// The book's root (the workspace root).
    pub root: PathBuf,
    /// Where benchmark results are written (`target/bench`, or
    /// `target/bench-quick` for a quick run).
    pub out_dir: PathBuf,
    /// A smoke run: one short sample of each figure, on debug builds.
    pub quick: bool,
    go: PathBuf,
}

impl Context {
    pub fn new(root: PathBuf, go: PathBuf) -> Context {
        let out_dir = crate::target_dir(&root).join("bench");
        Context {
            root,
            out_dir,
            go,
            quick: false,
        }
    }

    /// The context of `cargo xtask bench quick`.
    pub fn quick(root: PathBuf, go: PathBuf) -> Context {
        let out_dir = crate::target_dir(&root).join("bench-quick");
        Context {
            root,
            out_dir,
            go,
            quick: true,
        }
    }

    /// `full` for a real run, `quick` for a smoke run.
    pub fn pick<T>(&self, full: T, quick: T) -> T {
        if self.quick { quick } else { full }
    }

    /// A `go` command with the book's settings (the pinned Go, each module
    /// on its own), run from `dir` (relative to the root).
    pub fn go(&self, dir: &str) -> Command {
        let mut command = Command::new(&self.go);
        command.current_dir(self.root.join(dir));
        crate::go::standalone_env(&mut command);
        command
    }

    /// `go version`.
    pub fn go_version(&self) -> String {
        first_line(self.go(".").arg("version"))
    }

    /// The path of a tool installed with `cargo install --locked` at a
    /// pinned version into the per-user cache (installed on first use).
    pub fn cargo_tool(&self, krate: &str, version: &str, binary: &str) -> Result<PathBuf> {
        crate::tools::cargo_tool(krate, version, binary)
    }

    /// Writes a benchmark's figures as `{"rows": [Row, …]}` to
    /// `target/bench/<name>.json`, the shape the measurements chapter's
    /// tables and plots are generated from; add any other detail next to
    /// the rows with [`Context::write_results`] instead.
    pub fn write_rows(&self, name: &str, rows: &[Row]) -> Result<()> {
        self.write_results(name, &json!({ "rows": rows }))
    }

    /// Writes a benchmark's rows as JSON to `target/bench/<name>.json`, and
    /// says where.
    pub fn write_results(&self, name: &str, results: &Value) -> Result<()> {
        fs::create_dir_all(&self.out_dir)?;
        let path = self.out_dir.join(format!("{name}.json"));
        fs::write(&path, serde_json::to_string_pretty(results)?)
            .with_context(|| format!("writing {}", path.display()))?;
        println!("\nwritten to {}", path.display());
        Ok(())
    }
}

/// Prints rows as a table with the Rust/Go ratio of each.
pub fn print_rows(title: &str, rows: &[Row]) {
    println!("\n{title}");
    println!(
        "{:<60} {:<30} {:>22} {:>22} {:>8}",
        "case", "metric", "Rust", "Go", "Rust/Go"
    );
    let value = |median: f64, range: Option<Range>| match range {
        Some(r) => format!("{median:.2} ({:.2}-{:.2})", r.min, r.max),
        None => format!("{median:.2}"),
    };
    for row in rows {
        let ratio = row.rust / row.go;
        let ratio = if ratio.is_finite() {
            format!("{ratio:.2}")
        } else {
            "-".to_owned()
        };
        println!(
            "{:<60} {:<30} {:>22} {:>22} {:>8}",
            row.case,
            format!("{} ({})", row.metric, row.unit),
            value(row.rust, row.rust_range),
            value(row.go, row.go_range),
            ratio
        );
    }
}

/// The resident set size of a process, from /proc (Linux).
pub fn resident_bytes(pid: u32) -> Result<f64> {
    Ok(proc_status_kib(pid, "VmRSS")? * 1024.0)
}

/// A memory figure of a process from `/proc/PID/status`, in KiB: `VmRSS`
/// (resident now) or `VmHWM` (the peak so far).
pub fn proc_status_kib(pid: u32, field: &str) -> Result<f64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("reading /proc/{pid}/status (did the process exit?)"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .with_context(|| format!("no {field} line in /proc/{pid}/status"))
}

/// User plus system CPU time of a process so far, all its threads, from
/// `/proc/PID/stat`.
pub fn cpu_seconds(pid: u32) -> Result<f64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("reading /proc/{pid}/stat (did the process exit?)"))?;
    // Fields after the command name, which is in parentheses and may hold
    // spaces; utime and stime are fields 14 and 15 of the whole line.
    let after_name = &stat[stat.rfind(')').context("no command name in stat")? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>()? + fields[12].parse::<f64>()?;
    Ok(ticks / clock_ticks_per_second())
}

fn clock_ticks_per_second() -> f64 {
    first_line(Command::new("getconf").arg("CLK_TCK"))
        .parse()
        .unwrap_or(100.0)
}

/// The cargo binary that runs this xtask (`$CARGO`), or `cargo`.
pub fn cargo(ctx: &Context) -> Command {
    let mut command = Command::new(crate::env::cargo_binary());
    command.current_dir(&ctx.root);
    command
}

/// Builds a Rust twin (release, or debug in a quick run); returns its
/// binary.
pub fn release_build(ctx: &Context, package: &str, binary: &str) -> Result<PathBuf> {
    let profile = ctx.pick("release", "debug");
    eprintln!("building the Rust twin: cargo build --profile {profile} -p {package}");
    let mut command = cargo(ctx);
    command.args(["build", "--quiet", "-p", package]);
    if !ctx.quick {
        command.arg("--release");
    }
    run_timed(command, &format!("cargo build -p {package}"))?;
    Ok(crate::target_dir(&ctx.root).join(profile).join(binary))
}

/// The `go build` of the benchmarks: testkit's
/// [`testkit::go_build_command`] (the suites' Go-twin builds use it too,
/// with `-race`, which a measured binary never has) for the module in `dir`
/// (relative to the root) into `out`, with `ctx`'s Go,
/// `flags` before `-o` (`-ldflags=-s -w`) and `env` on top
/// (`CGO_ENABLED`, `GOCACHE`). Returns how long it took; fails with Go's
/// output.
pub fn go_build_into(
    ctx: &Context,
    dir: &str,
    out: &Path,
    flags: &[&str],
    env: &[(&str, &OsStr)],
) -> Result<Duration> {
    let mut command = testkit::go_build_command(&ctx.go, &ctx.root.join(dir), out, flags);
    for (key, value) in env {
        command.env(key, value);
    }
    let what = format!(
        "{}go build {} in {dir}",
        env.iter()
            .map(|(k, v)| format!("{k}={} ", v.to_string_lossy()))
            .collect::<String>(),
        flags.join(" ")
    );
    run_timed(command, &what)
}

/// Builds the Go twin in `dir` into `target/bench/<name>`; returns it.
pub fn go_build(ctx: &Context, dir: &str, name: &str) -> Result<PathBuf> {
    eprintln!("building the Go twin: go build (in {dir})");
    fs::create_dir_all(&ctx.out_dir)?;
    let binary = ctx.out_dir.join(name);
    go_build_into(ctx, dir, &binary, &[], &[])?;
    Ok(binary)
}

/// Builds the Go twin in `dir` with profile-guided optimisation, as the Go
/// documentation describes it (<https://go.dev/doc/pgo>): a CPU profile of
/// the server under the load it is measured with, then `go build
/// -pgo=<profile>`. The twin is built with `-tags pprof` (its pprof.go
/// serves net/http/pprof with `--pprof ADDR`), and `under_load` is called
/// with that binary, a free loopback address for `--pprof`, and the command
/// (`go tool pprof`, on the load's cores) that takes `seconds` of profile
/// from it: `under_load` starts the binary, puts it under the benchmark's
/// load and runs the command meanwhile. Returns the PGO build,
/// `target/bench/<name>-pgo` (in a quick run, the profiling build).
pub fn go_pgo_build(
    ctx: &Context,
    pinning: &pinning::Pinning,
    dir: &str,
    name: &str,
    seconds: u32,
    under_load: impl FnOnce(&Path, &str, Command) -> Result<()>,
) -> Result<PathBuf> {
    let profiling = ctx.out_dir.join(format!("{name}-pprof"));
    go_build_into(ctx, dir, &profiling, &["-tags", "pprof"], &[])?;
    let pprof_addr = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .to_string();
    let profile = ctx.out_dir.join(format!("{name}.pgo"));
    let url = format!("http://{pprof_addr}/debug/pprof/profile?seconds={seconds}");
    let mut fetch = pinning.load_command(&ctx.go);
    fetch
        .args(["tool", "pprof", "-proto", "-output"])
        .arg(&profile)
        .arg(&url);
    eprintln!("profiling the Go twin under load for {seconds} s (go tool pprof {url})");
    under_load(&profiling, &pprof_addr, fetch)?;
    ensure!(
        fs::metadata(&profile).is_ok_and(|m| m.len() > 0),
        "go tool pprof wrote no profile to {}",
        profile.display()
    );
    if ctx.quick {
        // A PGO build compiles every package again, the standard library
        // included, since the profile is part of each package's cache key:
        // about 15 s on two cores, each time. A smoke run takes the profile
        // and lets the profiling build stand in for the PGO one.
        eprintln!("a quick run does not build with the profile; the profiling build stands in");
        return Ok(profiling);
    }
    let binary = ctx.out_dir.join(format!("{name}-pgo"));
    let pgo = format!("-pgo={}", profile.display());
    let took = go_build_into(ctx, dir, &binary, &[&pgo], &[])?;
    eprintln!("built the Go twin with PGO in {took:.0?}");
    Ok(binary)
}

/// Runs `command` to the end; returns how long it took, or fails with its
/// output, naming it `what`.
pub fn run_timed(mut command: Command, what: &str) -> Result<Duration> {
    let started = Instant::now();
    let output = command
        .output()
        .with_context(|| format!("cannot run {what}"))?;
    let took = started.elapsed();
    if !output.status.success() {
        bail!(
            "{what} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(took)
}

/// Rounds to two decimals, the precision the rows are stored with.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Rounds to one decimal.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The first line a command prints, trimmed, or "" if it cannot run.
pub fn first_line(command: &mut Command) -> String {
    command
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(|l| l.trim().to_owned()))
        .unwrap_or_default()
}

/// The machine's CPU time so far, from the first line of `/proc/stat`:
/// (all ticks, steal ticks). Steal is time the hypervisor gave this
/// machine's virtual CPUs to someone else while they wanted to run.
fn cpu_ticks() -> (u64, u64) {
    let stat = fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("cpu "))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|f| f.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    // user nice system idle iowait irq softirq steal guest guest_nice;
    // guest time is already counted in user.
    let all = fields.iter().take(8).sum();
    (all, fields.get(7).copied().unwrap_or(0))
}

/// Runs `cargo xtask bench NAME` again from a release build of xtask. The
/// chat benchmark's clients are xtask's own code, and a debug build of them
/// used most of a core to read what one server core sent (serde_json, for
/// one, is compiled into xtask unoptimised where xtask calls it); oha, the
/// other benchmarks' load generator, is a release build too. Builds the
/// first time only, in target/release (about two minutes here).
pub fn run_optimized(name: &str) -> Result<()> {
    let mut command = Command::new(crate::env::cargo_binary());
    command.args([
        "run",
        "--release",
        "--package",
        "xtask",
        "--",
        "bench",
        name,
    ]);
    eprintln!("the benchmarks run from an optimized build: {command:?}");
    let status = command.status().context("running cargo")?;
    ensure!(
        status.success(),
        "cargo xtask bench {name} failed ({status})"
    );
    Ok(())
}

/// Runs one benchmark with progress lines, and records in its results the
/// share of CPU time stolen by the hypervisor while it ran.
pub fn run_one(ctx: &Context, bench: &Bench, position: (usize, usize)) -> Result<()> {
    let began = Instant::now();
    let (all_before, steal_before) = cpu_ticks();
    println!(
        "\n=== bench {} ({} of {}) started",
        bench.name, position.0, position.1
    );
    (bench.run)(ctx).with_context(|| format!("the {} benchmark", bench.name))?;
    let (all_after, steal_after) = cpu_ticks();
    let steal =
        100.0 * (steal_after - steal_before) as f64 / (all_after - all_before).max(1) as f64;
    let seconds = began.elapsed().as_secs_f64();
    let path = ctx.out_dir.join(format!("{}.json", bench.name));
    let mut results: Value = serde_json::from_str(&fs::read_to_string(&path)?)?;
    results["run"] = json!({
        "seconds": seconds.round(),
        "steal_percent": round2(steal),
        "xtask": if cfg!(debug_assertions) { "debug build" } else { "release build" },
    });
    fs::write(&path, serde_json::to_string_pretty(&results)?)?;
    println!(
        "=== bench {} took {seconds:.0} s (CPU steal {steal:.1} %)",
        bench.name
    );
    Ok(())
}

/// Every benchmark in turn, then the chapter's tables and charts.
pub fn all(ctx: &Context) -> Result<()> {
    let started = Instant::now();
    for (i, bench) in BENCHES.iter().enumerate() {
        run_one(ctx, bench, (i + 1, BENCHES.len()))?;
        println!(
            "=== {:.0} s since the start",
            started.elapsed().as_secs_f64()
        );
    }
    report::run(ctx)?;
    println!(
        "all benchmarks took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `cargo xtask bench quick`: every benchmark once, briefly, then the
/// report generated into `target/bench-quick/measurements/` (never into
/// `src/`), and the claims' sentences looked up (not their figures, which a
/// smoke run does not measure).
pub fn quick(ctx: &Context) -> Result<()> {
    assert!(ctx.quick, "bench quick runs on the quick context");
    let started = Instant::now();
    for (i, bench) in BENCHES.iter().enumerate() {
        run_one(ctx, bench, (i + 1, BENCHES.len()))?;
    }
    let out = ctx.out_dir.join("measurements");
    report::write(ctx, &out)?;
    claims::check_words(&ctx.root)?;
    println!(
        "the quick benchmark run took {:.0} s; its numbers are in {} and mean nothing",
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_goes_first_in_turn() {
        assert_eq!([order(0), order(1), order(2)], [[0, 1], [1, 0], [0, 1]]);
        let firsts: Vec<usize> = (0..4).map(|run| in_turn([0, 1, 2, 3], run)[0]).collect();
        assert_eq!(firsts, [0, 1, 2, 3]);
        assert_eq!(in_turn([0, 1, 2], 4), [1, 2, 0]);
    }

    #[test]
    fn the_median_and_range_of_samples() {
        assert_eq!(
            spread(&[3.0, 1.0, 2.0, 5.0, 4.0]),
            (3.0, Range { min: 1.0, max: 5.0 })
        );
        assert_eq!(
            spread(&[2.0, 1.0]).0,
            1.0,
            "the lower middle of an even count"
        );
        let row = Row::sampled("c", "m", "ms", &[1.0, 3.0, 2.0], &[5.0, 4.0], round2);
        assert_eq!(row.rust, 2.0);
        assert_eq!(row.rust_range, Some(Range { min: 1.0, max: 3.0 }));
        assert_eq!(row.go_range(), Range { min: 4.0, max: 5.0 });
        assert_eq!(row.samples, Some(2), "the fewer samples of the two");
        let once = Row::sampled("c", "m", "ms", &[1.0], &[5.0], round2);
        assert_eq!(
            (once.rust_range, once.samples),
            (None, Some(1)),
            "no spread"
        );
    }

    #[test]
    fn which_way_is_better_follows_the_unit_unless_recorded() {
        let row = |unit: &str| Row::once("c", "m", unit, 1.0, 2.0);
        assert_eq!(row("ms").better(), Some(Better::Lower));
        assert_eq!(row("MiB").better(), Some(Better::Lower));
        assert_eq!(row("jobs/s").better(), Some(Better::Higher));
        assert_eq!(row("%").better(), None);
        assert_eq!(
            row("%").with_better(Better::Higher).better(),
            Some(Better::Higher)
        );
    }

    #[test]
    fn rows_written_before_the_ranges_still_read() {
        let old = r#"{"case":"c","metric":"m","unit":"s","rust":1.5,"go":2.0}"#;
        let row: Row = serde_json::from_str(old).unwrap();
        assert_eq!(row.rust_range(), Range { min: 1.5, max: 1.5 });
        assert_eq!(row.samples, None);
        assert_eq!(
            serde_json::to_string(&row).unwrap(),
            old,
            "and write back the same"
        );
    }
}
