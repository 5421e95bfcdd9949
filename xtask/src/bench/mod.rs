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
pub mod job_queue;
pub mod report;
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

    /// A `go` command with the book's offline settings, run from `dir`
    /// (relative to the root).
    pub fn go(&self, dir: &str) -> Command {
        let mut command = Command::new(&self.go);
        command.current_dir(self.root.join(dir));
        crate::go::offline_env(&mut command);
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
        println!(
            "{:<60} {:<26} {:>10} {:>10} {:>8.2}",
            row.case,
            format!("{} ({})", row.metric, row.unit),
            row.rust,
            row.go,
            row.rust / row.go
        );
    }
}

/// The resident set size of a process, from /proc (Linux).
pub fn resident_bytes(pid: u32) -> Result<f64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("reading /proc/{pid}/status"))?;
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .context("no VmRSS line")?;
    Ok(kib * 1024.0)
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
