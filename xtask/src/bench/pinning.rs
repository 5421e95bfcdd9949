//! Which cores a server under test and its load generator run on.
//!
//! The CPUs this process may use are split in two: the first half (rounded
//! up) for the server, the rest for the client that loads it (oha, or the
//! chat benchmark's own clients), so the two never take CPU time from each
//! other. The server is started under `taskset -c`, and both twins get
//! `GOMAXPROCS` and `TOKIO_WORKER_THREADS` set to its core count: Go's
//! scheduler and tokio's multi-threaded runtime read them at start
//! (tokio's default `Runtime::new()` and `#[tokio::main]` both do; see
//! `tokio::runtime::Builder::worker_threads`). [`Pinning::observe`] reads
//! back from /proc what each server thread may run on.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, Result, ensure};
use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
use nix::unistd::Pid;
use serde_json::{Value, json};
use testkit::Twin;

/// The split of this machine's CPUs between a server and its load.
#[derive(Clone, Debug)]
pub struct Pinning {
    pub server: Vec<usize>,
    pub load: Vec<usize>,
}

impl Pinning {
    /// Splits the CPUs this process may run on. With one CPU there is
    /// nothing to split: both get it, and the results say so.
    pub fn new() -> Result<Pinning> {
        let allowed = sched_getaffinity(Pid::from_raw(0)).context("sched_getaffinity")?;
        let cpus: Vec<usize> = (0..CpuSet::count())
            .filter(|&cpu| allowed.is_set(cpu).unwrap_or(false))
            .collect();
        ensure!(!cpus.is_empty(), "this process may run on no CPU");
        Ok(Pinning::split(&cpus))
    }

    fn split(cpus: &[usize]) -> Pinning {
        if cpus.len() < 2 {
            return Pinning {
                server: cpus.to_vec(),
                load: cpus.to_vec(),
            };
        }
        let half = cpus.len().div_ceil(2);
        Pinning {
            server: cpus[..half].to_vec(),
            load: cpus[half..].to_vec(),
        }
    }

    /// Whether the server and the load have cores of their own.
    pub fn separate(&self) -> bool {
        self.server.iter().all(|cpu| !self.load.contains(cpu))
    }

    /// Scheduler threads for the server: one per core it has.
    pub fn threads(&self) -> usize {
        self.server.len()
    }

    /// A twin started on the server's cores, with `GOMAXPROCS` and
    /// `TOKIO_WORKER_THREADS` set to their count.
    pub fn server_twin(&self, language: &'static str, binary: &Path) -> Twin {
        let threads = self.threads().to_string();
        Twin::prebuilt(language, "taskset")
            .args(["-c".to_owned(), list(&self.server)])
            .args([binary.display().to_string()])
            .env("GOMAXPROCS", &threads)
            .env("TOKIO_WORKER_THREADS", &threads)
    }

    /// `program` on the load's cores.
    pub fn load_command(&self, program: &Path) -> Command {
        let mut command = Command::new("taskset");
        command.arg("-c").arg(list(&self.load)).arg(program);
        command
    }

    /// Moves the calling thread to the load's cores (for the threads of an
    /// in-process client; call it from each, e.g. in a runtime's
    /// `on_thread_start`).
    pub fn pin_this_thread_to_load(&self) {
        let mut set = CpuSet::new();
        for &cpu in &self.load {
            let _ = set.set(cpu);
        }
        // Best effort: a failure leaves the thread where it was, and the
        // recorded pinning still says what was asked.
        let _ = sched_setaffinity(Pid::from_raw(0), &set);
    }

    /// Runs `f` with the calling thread on the load's cores, then puts the
    /// thread back where it was.
    pub fn on_load_cores<T>(&self, f: impl FnOnce() -> T) -> T {
        let before = sched_getaffinity(Pid::from_raw(0)).ok();
        self.pin_this_thread_to_load();
        let result = f();
        if let Some(before) = before {
            let _ = sched_setaffinity(Pid::from_raw(0), &before);
        }
        result
    }

    /// The split, for results.json.
    pub fn json(&self) -> Value {
        json!({
            "server_cpus": list(&self.server),
            "load_cpus": list(&self.load),
            "separate": self.separate(),
            "GOMAXPROCS": self.threads(),
            "TOKIO_WORKER_THREADS": self.threads(),
            "how": "server: taskset -c SERVER_CPUS; load generator: taskset -c LOAD_CPUS \
                    (in-process clients: sched_setaffinity on each client thread)",
        })
    }

    /// What a running server's threads may run on, read from
    /// `/proc/PID/task/*/status`, and how many threads it has (and how
    /// many of them are tokio workers); fails if any thread may leave the
    /// server's cores.
    pub fn observe(&self, pid: u32) -> Result<Value> {
        let want = list(&self.server);
        let mut threads = 0;
        let mut tokio_workers = 0;
        for task in fs::read_dir(format!("/proc/{pid}/task"))? {
            let task = task?.path();
            let Ok(status) = fs::read_to_string(task.join("status")) else {
                continue; // the thread ended meanwhile
            };
            threads += 1;
            let allowed = status
                .lines()
                .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
                .map(|l| expand(l.trim()))
                .unwrap_or_default();
            ensure!(
                list(&allowed) == want,
                "thread {} of the server may run on CPUs {allowed:?}, not only on {want}",
                task.display()
            );
            let name = fs::read_to_string(task.join("comm")).unwrap_or_default();
            // "tokio-rt-worker" is tokio's default worker name; older
            // versions said "tokio-runtime-worker", cut to 15 bytes.
            if name.starts_with("tokio-rt-worker") || name.starts_with("tokio-runtime-w") {
                tokio_workers += 1;
            }
        }
        Ok(json!({
            "cpus_allowed": want,
            "threads": threads,
            "tokio_worker_threads_seen": tokio_workers,
        }))
    }
}

/// `0,1,2` for taskset and for people.
fn list(cpus: &[usize]) -> String {
    cpus.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// `0-2,5` (the kernel's list format) as `[0, 1, 2, 5]`.
fn expand(text: &str) -> Vec<usize> {
    let mut cpus = Vec::new();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                    cpus.extend(a..=b);
                }
            }
            None => cpus.extend(part.parse::<usize>()),
        }
    }
    cpus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cpus_are_split_in_two_halves() {
        let p = Pinning::split(&[0, 1]);
        assert_eq!((p.server, p.load), (vec![0], vec![1]));
        let p = Pinning::split(&[0, 1, 2, 3, 4]);
        assert_eq!(
            (p.server.clone(), p.load.clone()),
            (vec![0, 1, 2], vec![3, 4])
        );
        assert!(p.separate());
        let p = Pinning::split(&[3]);
        assert!(!p.separate(), "one CPU cannot be split");
    }

    #[test]
    fn kernel_cpu_lists_are_read() {
        assert_eq!(expand("0-2,5"), vec![0, 1, 2, 5]);
        assert_eq!(expand("1"), vec![1]);
        assert_eq!(list(&expand("0-1")), "0,1");
    }
}
