//! `cargo xtask bench tasks`: how much memory an idle goroutine and an idle
//! tokio task take. Both twins of `listings/goroutines-and-tasks/idle-tasks`
//! start N waiters that block on one shared signal, read their own VmRSS
//! before and after, and print it; this prints the memory added, per waiter
//! and in total, with the Rust/Go ratio for each N, and writes the rows to
//! `target/bench/tasks.json`.

use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use super::{Context, Row};

const LISTING: &str = "listings/goroutines-and-tasks/idle-tasks";
const PACKAGE: &str = "goroutines-and-tasks-idle-tasks";
/// How many waiters each run holds; the largest stays well within memory.
const COUNTS: &[u64] = &[10_000, 100_000, 1_000_000];
/// Runs per count and language; the median is reported.
const RUNS: usize = 3;

pub fn run(ctx: &Context) -> Result<()> {
    let rust = super::release_build(ctx, PACKAGE, PACKAGE)?;
    let go = super::go_build(ctx, LISTING, "idle-tasks-go")?;

    println!("idle waiters held at once: resident memory they add (median of {RUNS} runs)");
    println!(
        "{:>10} | {:>11} | {:>11} | {:>14} | {:>14} | {:>8}",
        "N", "Go MiB", "Rust MiB", "Go B/waiter", "Rust B/waiter", "Rust/Go"
    );
    let mut rows = Vec::new();
    for &n in COUNTS {
        let go_kib = median(RUNS, || added_kib(Command::new(&go), n))?;
        let rust_kib = median(RUNS, || added_kib(Command::new(&rust), n))?;
        let per = |kib: f64| (kib * 1024.0 / n as f64).round();
        let mib = |kib: f64| (kib / 1024.0 * 10.0).round() / 10.0;
        println!(
            "{n:>10} | {:>11} | {:>11} | {:>14} | {:>14} | {:>8.3}",
            mib(go_kib),
            mib(rust_kib),
            per(go_kib),
            per(rust_kib),
            rust_kib / go_kib
        );
        let case = format!("{n} idle goroutines / tasks");
        rows.push(Row {
            case: case.clone(),
            metric: "memory per waiter".into(),
            unit: "bytes".into(),
            rust: per(rust_kib),
            go: per(go_kib),
        });
        rows.push(Row {
            case,
            metric: "resident memory added".into(),
            unit: "MiB".into(),
            rust: mib(rust_kib),
            go: mib(go_kib),
        });
    }
    let path = ctx.write_rows("tasks", &rows)?;
    println!("written to {}", path.display());
    Ok(())
}

/// Runs one twin holding `n` waiters and returns the resident memory, in
/// KiB, that they added.
fn added_kib(mut command: Command, n: u64) -> Result<f64> {
    let output = command.arg(n.to_string()).output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "{} {n} failed: {}",
            Path::new(command.get_program()).display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let field = |name: &str| -> Result<f64> {
        stdout
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .and_then(|v| v.parse().ok())
            .with_context(|| format!("no {name}= in {stdout:?}"))
    };
    if field("tasks")? as u64 != n {
        bail!("asked for {n} waiters, the report says {stdout:?}");
    }
    Ok(field("rss_after_kib")? - field("rss_before_kib")?)
}

fn median(runs: usize, mut measure: impl FnMut() -> Result<f64>) -> Result<f64> {
    let mut values = (0..runs).map(|_| measure()).collect::<Result<Vec<f64>>>()?;
    values.sort_by(f64::total_cmp);
    Ok(values[values.len() / 2])
}
