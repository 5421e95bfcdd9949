//! Holds N idle tokio tasks at once and reports the process's resident
//! memory before and after, for `cargo xtask bench tasks`; `main.go` does
//! the same with goroutines. Usage: `idle-tasks N`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// What one run measured.
#[derive(Debug)]
pub struct Report {
    pub tasks: usize,
    pub rss_before_kib: u64,
    pub rss_after_kib: u64,
}

/// The resident set size of this process, from /proc (Linux only).
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status")
}

// ANCHOR: hold
/// Spawns `n` tasks that each wait for one shared token, measures memory once
/// all of them have started waiting, then stops them and waits for the lot.
pub async fn hold(n: usize) -> Report {
    let stop = CancellationToken::new();
    let started = Arc::new(AtomicUsize::new(0));
    let tracker = TaskTracker::new();
    let rss_before_kib = rss_kib();
    for _ in 0..n {
        let stop = stop.clone();
        let started = Arc::clone(&started);
        tracker.spawn(async move {
            started.fetch_add(1, Ordering::Relaxed);
            stop.cancelled().await;
        });
    }
    // Every task has run up to its await point: all n are parked now.
    while started.load(Ordering::Relaxed) < n {
        tokio::task::yield_now().await;
    }
    let rss_after_kib = rss_kib();
    stop.cancel();
    tracker.close();
    tracker.wait().await;
    Report {
        tasks: n,
        rss_before_kib,
        rss_after_kib,
    }
}
// ANCHOR_END: hold

#[tokio::main]
async fn main() {
    let n = std::env::args()
        .nth(1)
        .map(|arg| arg.parse().expect("N is a number of tasks"))
        .unwrap_or(10_000);
    let report = hold(n).await;
    println!(
        "tasks={} rss_before_kib={} rss_after_kib={}",
        report.tasks, report.rss_before_kib, report.rss_after_kib
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: size
    #[test]
    fn a_future_is_as_large_as_what_it_keeps_across_awaits() {
        let small = async { tokio::task::yield_now().await };
        let large = async {
            let buffer = [0u8; 4096];
            tokio::task::yield_now().await; // `buffer` lives across this
            buffer.len()
        };
        assert!(std::mem::size_of_val(&small) < 64);
        assert!(std::mem::size_of_val(&large) >= 4096);
    }
    // ANCHOR_END: size

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn holds_every_task_and_then_ends_them_all() {
        for n in [0, 1, 1_000] {
            let report = hold(n).await;
            assert_eq!(report.tasks, n);
            assert!(report.rss_before_kib > 0 && report.rss_after_kib > 0);
        }
    }
}
