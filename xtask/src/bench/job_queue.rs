//! `cargo xtask bench job-queue`: the job queue twins under load.
//!
//! Builds both twins in release mode and starts each on a loopback port with
//! the same settings, on cores of its own ([`super::pinning`]: the first
//! half of the CPUs, with `GOMAXPROCS` and `TOKIO_WORKER_THREADS` set to
//! their count), while oha (a load generator, pinned and installed on first
//! use) runs on the other half and sends `POST /jobs`:
//!
//! 1. **Saturation (closed loop).** [`CONNECTIONS`] connections, each
//!    sending its next request as soon as the last is answered. What the
//!    server accepted (202) per second there is its capacity. Go runs twice
//!    more here: tuned for throughput ([`GO_TUNED`]), and built with
//!    profile-guided optimisation from a profile of this load
//!    ([`Bench::go_with_pgo`]).
//! 2. **Fixed rates (open loop).** oha sends at 25, 50, 75 and 100 % of the
//!    slower twin's capacity whatever the server does, and with
//!    `--latency-correction` counts a request's latency from when it should
//!    have been sent, so a server that falls behind cannot hide the wait.
//!
//! Each case runs [`RUNS`] times, the twins interleaved and taking turns to
//! go first, each run on a fresh process; the tables show the median and
//! the range. Throughput counts accepted (202) answers only; latency is
//! split into accepted answers and the rest (429s: refused because the
//! queue was full). Each run also reads the server's CPU time from
//! `/proc/PID/stat` (CPU milliseconds per 1,000 accepted jobs) and its peak
//! resident memory (`VmHWM`), then sends SIGTERM and checks that the twin
//! drains and exits 0.

use std::fs;
use std::path::Path;
use std::process::Stdio;

use anyhow::{Context as _, Result, ensure};
use nix::sys::signal::Signal;
use serde_json::{Value, json};
use testkit::Server;

use super::pinning::Pinning;
use super::{Better, Context, Row};

/// The load generator, at a pinned version.
pub(crate) const OHA: (&str, &str) = ("oha", "1.16.0");
/// The same settings for both twins.
const WORKERS: &str = "4";
const QUEUE_CAPACITY: &str = "64";
/// Connections, closed loop and open loop alike.
const CONNECTIONS: u32 = 64;
/// Runs of every case per twin.
const RUNS: usize = 5;
/// How long each case lasts, in seconds: two (it was three) since the
/// chat benchmark's memory got its second run, so that `bench all` stays
/// under twenty minutes with five interleaved runs of every case.
const LOAD_SECONDS: u32 = 2;
/// The open-loop rates, in percent of the slower twin's capacity.
const RATES: [u32; 4] = [25, 50, 75, 100];
/// The job every request submits: a small wordcount.
const BODY: &str =
    r#"{"kind":"wordcount","payload":{"text":"the quick brown fox jumps over the lazy dog"}}"#;
const TWINS: [&str; 2] = ["rust", "go"];
/// Go as a team tuning it for throughput would run it: no collection by
/// heap growth, only near a memory limit well above what the queue uses
/// (runtime/extern.go and runtime/debug/garbage.go: the limit is kept
/// even with GOGC=off). The saturation case runs it as a third twin.
const GO_TUNED: [(&str, &str); 2] = [("GOGC", "off"), ("GOMEMLIMIT", "256MiB")];
/// Index of the tuned Go run, after [`TWINS`]' two, and of the run of the
/// Go twin built with PGO ([`super::go_pgo_build`]) from a profile of
/// [`PROFILE_SECONDS`] of the saturation load.
const GO_TUNED_RUN: usize = 2;
const GO_PGO_RUN: usize = 3;
const PROFILE_SECONDS: u32 = 5;

pub fn run(ctx: &Context) -> Result<()> {
    let oha = ctx.cargo_tool(OHA.0, OHA.1, OHA.0)?;
    let binaries = [
        super::release_build(ctx, "job-queue", "job-queue")?,
        super::go_build(ctx, "listings/job-queue/server", "job-queue-go")?,
    ];
    let pinning = Pinning::new()?;
    if !pinning.separate() {
        eprintln!("only one CPU: the server and oha share it (recorded in the results)");
    }
    let runs = ctx.pick(RUNS, 1);
    let seconds = ctx.pick(LOAD_SECONDS, 1);
    let bench = Bench {
        oha: &oha,
        pinning: &pinning,
        seconds,
    };

    let pgo_binary = bench.go_with_pgo(ctx)?;

    // Saturation: every run of both twins, of tuned Go and of Go built with
    // PGO, interleaved.
    let mut closed: [Vec<Sample>; 2] = [Vec::new(), Vec::new()];
    let mut tuned: Vec<Sample> = Vec::new();
    let mut pgo: Vec<Sample> = Vec::new();
    let mut observed = Value::Null;
    for run in 0..runs {
        for which in super::in_turn([0, 1, GO_TUNED_RUN, GO_PGO_RUN], run) {
            let twin = which.min(1);
            let (label, binary, env): (&str, &Path, &[(&str, &str)]) = match which {
                GO_TUNED_RUN => ("tuned Go", &binaries[1], &GO_TUNED),
                GO_PGO_RUN => ("PGO-built Go", &pgo_binary, &[]),
                twin => (TWINS[twin], &binaries[twin], &[]),
            };
            eprintln!("saturation, run {} of {runs}: the {label} twin", run + 1);
            let server = bench.start_with(twin, binary, env, &[])?;
            if which < GO_TUNED_RUN {
                observed[TWINS[twin]] = pinning.observe(server.pid())?;
            }
            let sample = bench.load(&server, &Load::Closed)?;
            eprintln!("  {}", sample.summary());
            match which {
                GO_TUNED_RUN => tuned.push(sample),
                GO_PGO_RUN => pgo.push(sample),
                twin => closed[twin].push(sample),
            }
            drain(server)?;
        }
    }
    let capacity = |twin: usize| {
        let accepted: Vec<f64> = closed[twin].iter().map(|s| s.accepted_per_s).collect();
        super::spread(&accepted).0
    };
    let slower = capacity(0).min(capacity(1));
    ensure!(
        slower > 0.0,
        "a twin accepted no job at saturation; see the log above"
    );
    eprintln!("capacity of the slower twin: {slower:.0} accepted jobs/s");

    // Fixed rates, each run on a fresh process per twin.
    let rates: Vec<(u32, f64)> = RATES
        .iter()
        .map(|&p| (p, (slower * f64::from(p) / 100.0).round().max(1.0)))
        .collect();
    let mut open: Vec<[Vec<Sample>; 2]> = rates.iter().map(|_| [vec![], vec![]]).collect();
    for run in 0..runs {
        for twin in super::order(run) {
            eprintln!(
                "fixed rates, run {} of {runs}: the {} twin",
                run + 1,
                TWINS[twin]
            );
            let server = bench.start(twin, &binaries[twin])?;
            for (i, &(percent, rate)) in rates.iter().enumerate() {
                let sample = bench.load(&server, &Load::Rate(rate))?;
                eprintln!("  {percent:>3} % ({rate:.0}/s): {}", sample.summary());
                open[i][twin].push(sample);
            }
            drain(server)?;
        }
    }

    // The cases' names say what the chapter explains: the closed loop is
    // the saturation run; the open loop's percentage is of the slower
    // twin's capacity, followed by the rate offered (report.rs reads it).
    let mut rows = rows_of(&format!("closed loop, {CONNECTIONS} connections"), &closed);
    let tuned_case = format!(
        "closed loop, {CONNECTIONS} connections, Go tuned ({})",
        GO_TUNED
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    rows.extend(rows_of(&tuned_case, &[closed[0].clone(), tuned]));
    let pgo_case = format!("closed loop, {CONNECTIONS} connections, Go built with PGO");
    rows.extend(rows_of(&pgo_case, &[closed[0].clone(), pgo]));
    for ((percent, rate), samples) in rates.iter().zip(&open) {
        rows.extend(rows_of(
            &format!("open loop at {percent} % ({rate:.0}/s)"),
            samples,
        ));
    }
    let binary_mib =
        |path: &Path| fs::metadata(path).map_or(f64::NAN, |m| m.len() as f64 / (1024.0 * 1024.0));
    rows.push(Row::once(
        "release build",
        "binary size",
        "MiB",
        super::round2(binary_mib(&binaries[0])),
        super::round2(binary_mib(&binaries[1])),
    ));

    super::print_rows("job queue", &rows);
    let results = json!({
        "benchmark": "job-queue",
        "settings": {
            "workers": WORKERS, "queue_capacity": QUEUE_CAPACITY,
            "connections": CONNECTIONS, "load_seconds": seconds, "runs": runs,
            "rates_percent_of_capacity": RATES,
            "capacity_accepted_per_s": super::round1(slower),
            "body": BODY, "load_generator": format!("{} {}", OHA.0, OHA.1),
            "go_tuned_env": GO_TUNED.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
            "go_pgo": format!(
                "go build -pgo=<profile>, the profile {} s of net/http/pprof's CPU profile of a -tags pprof build under the closed-loop load",
                ctx.pick(PROFILE_SECONDS, 1)
            ),
            "oha_version": super::first_line(std::process::Command::new(&oha).arg("--version")),
            "order": "runs interleaved; run 1 Rust first, run 2 Go first, and so on",
        },
        "pinning": pinning.json(),
        "observed": observed,
        "rows": rows,
    });
    ctx.write_results("job-queue", &results)?;
    Ok(())
}

/// The rows of one case: medians and ranges of every run's figures.
fn rows_of(case: &str, samples: &[Vec<Sample>; 2]) -> Vec<Row> {
    let figure = |f: fn(&Sample) -> f64| -> [Vec<f64>; 2] {
        [
            samples[0].iter().map(f).collect(),
            samples[1].iter().map(f).collect(),
        ]
    };
    let row = |metric: &str, unit: &str, f: fn(&Sample) -> f64| {
        let [rust, go] = figure(f);
        Row::sampled(case, metric, unit, &rust, &go, super::round2)
    };
    vec![
        row("accepted (202) throughput", "jobs/s", |s| s.accepted_per_s),
        row("all answers", "requests/s", |s| s.answered_per_s).with_better(Better::Higher),
        row("latency p50, accepted", "ms", |s| s.accepted_p50_ms),
        row("latency p99, accepted", "ms", |s| s.accepted_p99_ms),
        row("latency p99, refused (429)", "ms", |s| s.refused_p99_ms),
        row("answered 429", "%", |s| s.share(429)).with_better(Better::Lower),
        row("other answers or errors", "requests", |s| s.others()).with_better(Better::Lower),
        row("server CPU per 1,000 accepted jobs", "CPU ms", |s| {
            1e6 * s.cpu_seconds / s.accepted().max(1.0)
        }),
        row("load generator CPU", "% of a core", |s| s.oha_cpu_percent),
        row("peak RSS (VmHWM)", "MiB", |s| s.peak_rss_mib),
        row("RSS as the load ends (VmRSS)", "MiB", |s| s.end_rss_mib),
    ]
}

/// The closed-loop saturation run, or an open-loop run at a fixed rate.
enum Load {
    Closed,
    Rate(f64),
}

struct Bench<'a> {
    oha: &'a Path,
    pinning: &'a Pinning,
    seconds: u32,
}

impl Bench<'_> {
    /// Starts twin `twin` on the server's cores and warms it up.
    fn start(&self, twin: usize, binary: &Path) -> Result<Server> {
        self.start_with(twin, binary, &[], &[])
    }

    /// [`Bench::start`], with more environment variables and arguments for
    /// the twin.
    fn start_with(
        &self,
        twin: usize,
        binary: &Path,
        env: &[(&str, &str)],
        args: &[&str],
    ) -> Result<Server> {
        let mut command = self
            .pinning
            .server_twin(TWINS[twin], binary)
            .args(["--workers", WORKERS, "--queue-capacity", QUEUE_CAPACITY])
            .args(args.iter().copied());
        for (key, value) in env {
            command = command.env(key, value);
        }
        let server = command.start();
        self.oha(&server.url("/jobs"), &["-n", "2000", "-c", "16"])
            .context("warming up")?;
        Ok(server)
    }

    /// The Go twin built with PGO from a profile of the closed-loop load
    /// ([`super::go_pgo_build`]): the profiling build runs under oha for a
    /// little longer than the profile takes.
    fn go_with_pgo(&self, ctx: &Context) -> Result<std::path::PathBuf> {
        let seconds = ctx.pick(PROFILE_SECONDS, 1);
        super::go_pgo_build(
            ctx,
            self.pinning,
            "listings/job-queue/server",
            "job-queue-go",
            seconds,
            |profiling, pprof_addr, fetch| {
                let server = self.start_with(1, profiling, &[], &["--pprof", pprof_addr])?;
                let longer = Bench {
                    seconds: seconds + 2,
                    ..*self
                };
                std::thread::scope(|scope| {
                    let load = scope.spawn(|| longer.load(&server, &Load::Closed));
                    super::run_timed(fetch, "go tool pprof")?;
                    load.join().expect("the load thread does not panic")?;
                    anyhow::Ok(())
                })?;
                drain(server)
            },
        )
    }

    /// One case against a running server.
    fn load(&self, server: &Server, load: &Load) -> Result<Sample> {
        let mut args = vec![
            "-z".to_owned(),
            format!("{}s", self.seconds),
            "-w".to_owned(),
            "-c".to_owned(),
            CONNECTIONS.to_string(),
        ];
        if let Load::Rate(rate) = load {
            args.extend([
                "-q".to_owned(),
                format!("{rate}"),
                "--latency-correction".to_owned(),
            ]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cpu_before = super::cpu_seconds(server.pid())?;
        let children_before = children_cpu_seconds();
        let report = self.oha(&server.url("/jobs"), &args)?;
        let oha_cpu = children_cpu_seconds() - children_before;
        let cpu = super::cpu_seconds(server.pid())? - cpu_before;
        let peak_rss_mib = super::proc_status_kib(server.pid(), "VmHWM")? / 1024.0;
        let end_rss_mib = super::proc_status_kib(server.pid(), "VmRSS")? / 1024.0;
        let mut sample = sample(&report, cpu, oha_cpu, peak_rss_mib)?;
        sample.end_rss_mib = end_rss_mib;
        Ok(sample)
    }

    /// Runs oha on the load's cores against `url` with a JSON job body and
    /// returns its JSON report.
    fn oha(&self, url: &str, args: &[&str]) -> Result<Value> {
        let output = self
            .pinning
            .load_command(self.oha)
            .args(args)
            .args(["--no-tui", "--stats-success-breakdown"])
            .args(["--output-format", "json", "-m", "POST"])
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
}

/// CPU time of this process's finished children (oha), from getrusage.
fn children_cpu_seconds() -> f64 {
    use nix::sys::resource::{UsageWho, getrusage};
    getrusage(UsageWho::RUSAGE_CHILDREN).map_or(0.0, |u| {
        let seconds = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
        seconds(u.user_time()) + seconds(u.system_time())
    })
}

/// What one twin did in one case of one run.
#[derive(Clone)]
struct Sample {
    /// How long oha ran, in seconds.
    seconds: f64,
    accepted_per_s: f64,
    answered_per_s: f64,
    accepted_p50_ms: f64,
    accepted_p99_ms: f64,
    refused_p99_ms: f64,
    /// Answers by status code.
    statuses: Vec<(u16, u64)>,
    /// Requests that got no HTTP answer (connection errors, timeouts).
    errors: u64,
    cpu_seconds: f64,
    oha_cpu_percent: f64,
    peak_rss_mib: f64,
    /// Resident memory as the load ends: what a server holds under
    /// sustained load, where the peak may be a moment's.
    end_rss_mib: f64,
}

impl Sample {
    fn count(&self, code: u16) -> f64 {
        self.statuses
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0, |(_, n)| *n) as f64
    }

    fn answered(&self) -> f64 {
        self.statuses.iter().map(|(_, n)| *n as f64).sum()
    }

    fn accepted(&self) -> f64 {
        self.count(202)
    }

    /// Requests answered with neither 202 nor 429, or not answered at all.
    fn others(&self) -> f64 {
        self.answered() - self.count(202) - self.count(429) + self.errors as f64
    }

    fn share(&self, code: u16) -> f64 {
        100.0 * self.count(code) / self.answered().max(1.0)
    }

    fn summary(&self) -> String {
        format!(
            "{:.0} accepted/s of {:.0} answers/s, p99 accepted {:.2} ms, {:.1} % 429, \
             server CPU {:.2} s, oha {:.0} % of a core, over {:.1} s",
            self.accepted_per_s,
            self.answered_per_s,
            self.accepted_p99_ms,
            self.share(429),
            self.cpu_seconds,
            self.oha_cpu_percent,
            self.seconds
        )
    }
}

fn sample(report: &Value, cpu_seconds: f64, oha_cpu: f64, peak_rss_mib: f64) -> Result<Sample> {
    let number = |pointer: &str| {
        report
            .pointer(pointer)
            .and_then(Value::as_f64)
            .with_context(|| format!("oha's report has no {pointer}"))
    };
    // A percentile of no answers (no 429 at a low rate) is null: 0 then.
    let ms = |pointer: &str| {
        1000.0
            * report
                .pointer(pointer)
                .and_then(Value::as_f64)
                .unwrap_or(0.0)
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
    let seconds = number("/summary/total")?;
    let mut sample = Sample {
        seconds,
        accepted_per_s: 0.0,
        answered_per_s: 0.0,
        // oha's "successful" answers are the 2xx ones: here, 202.
        accepted_p50_ms: ms("/latencyPercentilesSuccessful/p50"),
        accepted_p99_ms: ms("/latencyPercentilesSuccessful/p99"),
        refused_p99_ms: ms("/latencyPercentilesNotSuccessful/p99"),
        statuses,
        errors,
        cpu_seconds,
        oha_cpu_percent: 100.0 * oha_cpu / seconds.max(1e-9),
        peak_rss_mib,
        end_rss_mib: 0.0,
    };
    sample.accepted_per_s = sample.accepted() / seconds.max(1e-9);
    sample.answered_per_s = sample.answered() / seconds.max(1e-9);
    Ok(sample)
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
    eprintln!("  {}", drained.trim());
    let status = server.wait();
    ensure!(
        status.success(),
        "the twin exited with {status} after SIGTERM"
    );
    Ok(())
}
