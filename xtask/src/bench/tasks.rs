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
/// Runs per count and language, interleaved; the median and range are
/// reported.
const RUNS: usize = 5;

pub fn run(ctx: &Context) -> Result<()> {
    let rust = super::release_build(ctx, PACKAGE, PACKAGE)?;
    let go = super::go_build(ctx, LISTING, "idle-tasks-go")?;
    let runs = ctx.pick(RUNS, 1);
    let counts = ctx.pick(COUNTS, &COUNTS[..1]);

    println!("idle waiters held at once: resident memory they add (median of {runs} runs)");
    println!(
        "{:>10} | {:>11} | {:>11} | {:>14} | {:>14} | {:>8}",
        "N", "Go MiB", "Rust MiB", "Go B/waiter", "Rust B/waiter", "Rust/Go"
    );
    let mut rows = Vec::new();
    for &n in counts {
        // Interleaved, each twin going first in turn.
        let (mut go_kib, mut rust_kib) = (Vec::new(), Vec::new());
        for run in 0..runs {
            if run.is_multiple_of(2) {
                rust_kib.push(added_kib(Command::new(&rust), n)?);
                go_kib.push(added_kib(Command::new(&go), n)?);
            } else {
                go_kib.push(added_kib(Command::new(&go), n)?);
                rust_kib.push(added_kib(Command::new(&rust), n)?);
            }
        }
        let per = |kib: &[f64]| -> Vec<f64> { kib.iter().map(|k| k * 1024.0 / n as f64).collect() };
        let mib = |kib: &[f64]| -> Vec<f64> { kib.iter().map(|k| k / 1024.0).collect() };
        let median = |v: &[f64]| super::spread(v).0;
        println!(
            "{n:>10} | {:>11.1} | {:>11.1} | {:>14.0} | {:>14.0} | {:>8.3}",
            median(&mib(&go_kib)),
            median(&mib(&rust_kib)),
            median(&per(&go_kib)),
            median(&per(&rust_kib)),
            median(&rust_kib) / median(&go_kib)
        );
        let case = format!("{n} idle goroutines / tasks");
        rows.push(Row::sampled(
            &case,
            "memory per waiter",
            "bytes",
            &per(&rust_kib),
            &per(&go_kib),
            f64::round,
        ));
        rows.push(Row::sampled(
            &case,
            "resident memory added",
            "MiB",
            &mib(&rust_kib),
            &mib(&go_kib),
            super::round1,
        ));
    }
    ctx.write_results("tasks", &serde_json::json!({ "runs": runs, "rows": rows }))?;
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
