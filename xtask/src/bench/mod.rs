//! `cargo xtask bench [NAME]`: the book's measurements. Each benchmark builds
//! both twins in release mode, loads them on loopback only, prints a table
//! with Rust/Go ratios and writes its rows to `target/bench/<name>.json`.
//! `cargo xtask bench all` runs them all and regenerates the measurements
//! chapter's tables and charts (`bench report` regenerates only those).

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context as _, Result};

pub mod build;
pub mod chat;
pub mod claims;
pub mod comparisons;
pub mod job_queue;
pub mod report;
pub mod static_build;
pub mod tasks;

/// One figure measured on both twins: `rust` and `go` in `unit`, for one
/// `case` (a load level, a connection count) of one `metric`. The chapter
/// shows the Rust/Go ratio next to them.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub case: String,
    pub metric: String,
    pub unit: String,
    pub rust: f64,
    pub go: f64,
}

/// What every benchmark gets from the xtask.
pub struct Context {
    /// The book's root (the workspace root).
    pub root: PathBuf,
    /// Where benchmark results are written (`target/bench`).
    pub out_dir: PathBuf,
    go: PathBuf,
}

impl Context {
    pub fn new(root: PathBuf, go: PathBuf) -> Context {
        let out_dir = crate::target_dir(&root).join("bench");
        Context { root, out_dir, go }
    }

    /// A `go` command with the book's settings (the pinned Go, each module
    /// on its own), run from `dir` (relative to the root).
    pub fn go(&self, dir: &str) -> Command {
        let mut command = Command::new(&self.go);
        command.current_dir(self.root.join(dir));
        crate::go::standalone_env(&mut command);
        command
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
    pub fn write_rows(&self, name: &str, rows: &[Row]) -> Result<PathBuf> {
        self.write_results(name, &serde_json::json!({ "rows": rows }))
    }

    /// Writes a benchmark's rows as JSON to `target/bench/<name>.json`.
    pub fn write_results(&self, name: &str, results: &serde_json::Value) -> Result<PathBuf> {
        fs::create_dir_all(&self.out_dir)?;
        let path = self.out_dir.join(format!("{name}.json"));
        fs::write(&path, serde_json::to_string_pretty(results)?)
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }
}

/// Prints rows as a table with the Rust/Go ratio of each.
pub fn print_rows(title: &str, rows: &[Row]) {
    println!("\n{title}");
    println!(
        "{:<60} {:<26} {:>10} {:>10} {:>8}",
        "case", "metric", "Rust", "Go", "Rust/Go"
    );
    for row in rows {
        let ratio = row.rust / row.go;
        let ratio = if ratio.is_finite() {
            format!("{ratio:.2}")
        } else {
            "-".to_owned()
        };
        println!(
            "{:<60} {:<26} {:>10.2} {:>10.2} {:>8}",
            row.case,
            format!("{} ({})", row.metric, row.unit),
            row.rust,
            row.go,
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

/// Builds a Rust twin in release mode; returns its binary.
pub fn release_build(ctx: &Context, package: &str, binary: &str) -> Result<PathBuf> {
    eprintln!("building the Rust twin: cargo build --release -p {package}");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "-p", package])
        .current_dir(&ctx.root)
        .status()
        .context("running cargo build")?;
    anyhow::ensure!(
        status.success(),
        "cargo build --release -p {package} failed"
    );
    Ok(crate::target_dir(&ctx.root).join("release").join(binary))
}

/// Builds the Go twin in `dir` into `target/bench/<name>`; returns it.
pub fn go_build(ctx: &Context, dir: &str, name: &str) -> Result<PathBuf> {
    eprintln!("building the Go twin: go build (in {dir})");
    fs::create_dir_all(&ctx.out_dir)?;
    let binary = ctx.out_dir.join(name);
    let status = ctx
        .go(dir)
        .args(["build", "-o"])
        .arg(&binary)
        .arg(".")
        .status()
        .context("running go build")?;
    anyhow::ensure!(status.success(), "go build failed in {dir}");
    Ok(binary)
}

/// Rounds to two decimals, the precision the rows are stored with.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Every benchmark in turn, then the chapter's tables and charts.
pub fn all(ctx: &Context) -> Result<()> {
    let started = std::time::Instant::now();
    for (name, _) in report::BENCHES {
        let began = std::time::Instant::now();
        println!("\n=== bench {name}");
        match *name {
            "job-queue" => job_queue::run(ctx)?,
            "chat" => chat::run(ctx)?,
            "tasks" => tasks::run(ctx)?,
            "build" => build::run(ctx)?,
            "static" => static_build::run(ctx)?,
            other => anyhow::bail!("no benchmark named {other}"),
        }
        println!(
            "=== bench {name} took {:.0} s",
            began.elapsed().as_secs_f64()
        );
    }
    report::run(ctx)?;
    println!(
        "all benchmarks took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
