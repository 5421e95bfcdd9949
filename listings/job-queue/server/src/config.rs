//! Command-line settings, read by clap.
//!
//! The flags and variables are the Go twin's: `--workers 4` and
//! `--workers=4` both work, `JOBQ_ADDR`, `JOBQ_WORKERS` and
//! `JOBQ_QUEUE_CAPACITY` set the defaults of the first three flags, and the
//! limits and timeouts are flags only. Durations are written as Go writes
//! them: `500ms`, `10s`, `2m` (see `duration.rs`). A bad flag or variable
//! prints one usage message and exits 2; `--help` exits 0.

use std::net::SocketAddr;
use std::time::Duration;

use clap::{Args, Parser};

use crate::duration;
use crate::queue::Retention;

/// The server's settings.
#[derive(Debug, PartialEq, Parser)]
#[command(name = "job-queue", about = "A bounded job queue served over HTTP")]
pub struct Config {
    /// Listen address
    #[arg(long, env = "JOBQ_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Number of workers
    #[arg(long, env = "JOBQ_WORKERS", default_value_t = 4, value_parser = at_least_one)]
    pub workers: usize,
    /// Jobs that may wait
    #[arg(long, env = "JOBQ_QUEUE_CAPACITY", default_value_t = 64, value_parser = at_least_one)]
    pub queue_capacity: usize,
    #[command(flatten)]
    pub limits: Limits,
    /// Finished jobs remembered
    #[arg(long = "keep-finished", default_value_t = 10_000)]
    pub keep_finished: usize,
    /// Bytes of finished results and errors remembered
    #[arg(long = "keep-finished-bytes", default_value_t = 16 * 1024 * 1024)]
    pub keep_finished_bytes: usize,
    /// How long finished jobs are remembered
    #[arg(long = "keep-finished-for", default_value = "1h", value_parser = duration::parse)]
    pub keep_finished_for: Duration,
}

// ANCHOR: limits
/// How long the server waits for slow clients and for its own drain, and
/// how many connections it serves at once.
#[derive(Clone, Debug, PartialEq, Args)]
pub struct Limits {
    /// A request's headers must arrive within this long of the connection
    /// opening, or of the previous response on it: this also closes idle
    /// keep-alive connections.
    #[arg(long, default_value = "10s", value_parser = duration::parse)]
    pub header_timeout: Duration,
    /// A request's body must arrive within this long of its headers.
    #[arg(long, default_value = "10s", value_parser = duration::parse)]
    pub body_timeout: Duration,
    /// After the first signal, accepted jobs have this long to finish.
    #[arg(long, default_value = "25s", value_parser = duration::parse)]
    pub drain_timeout: Duration,
    /// Connections served at once; more wait in the kernel's backlog.
    #[arg(long, default_value_t = 512, value_parser = at_least_one)]
    pub max_connections: usize,
}
// ANCHOR_END: limits

/// A count that must be 1 or more.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("{e}")),
    }
}

impl Config {
    /// What the queue remembers of finished jobs.
    pub fn retention(&self) -> Retention {
        Retention {
            count: self.keep_finished,
            bytes: self.keep_finished_bytes,
            age: self.keep_finished_for,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use clap::error::ErrorKind;

    use super::*;

    fn parse(args: &[&str]) -> Result<Config, clap::Error> {
        Config::try_parse_from(std::iter::once("job-queue").chain(args.iter().copied()))
    }

    /// Port, workers, queue capacity; `None` for an error.
    type Want = Option<(u16, usize, usize)>;

    #[test]
    fn reads_flags() {
        let cases: [(&str, &[&str], Want); 6] = [
            ("defaults", &[], Some((8080, 4, 64))),
            (
                "space form",
                &["--workers", "2", "--addr", "127.0.0.1:0"],
                Some((0, 2, 64)),
            ),
            (
                "equals form",
                &["--queue-capacity=3", "--workers=1"],
                Some((8080, 1, 3)),
            ),
            ("unknown flag", &["--color", "red"], None),
            ("zero workers", &["--workers", "0"], None),
            ("stray argument", &["8080"], None),
        ];
        for (name, args, want) in cases {
            let got = parse(args)
                .ok()
                .map(|c| (c.addr.port(), c.workers, c.queue_capacity));
            assert_eq!(got, want, "{name}");
        }
    }

    /// The Go twin's variables; clap reads them when the flag is absent.
    #[test]
    fn the_first_three_flags_read_the_go_twins_variables() {
        let command = Config::command();
        let env: Vec<(&str, Option<&str>)> = command
            .get_arguments()
            .filter_map(|arg| Some((arg.get_long()?, arg.get_env()?.to_str())))
            .collect();
        assert_eq!(
            env,
            [
                ("addr", Some("JOBQ_ADDR")),
                ("workers", Some("JOBQ_WORKERS")),
                ("queue-capacity", Some("JOBQ_QUEUE_CAPACITY")),
            ]
        );
    }

    #[test]
    fn reads_limits_and_durations() {
        let config = parse(&[
            "--header-timeout=500ms",
            "--body-timeout",
            "2s",
            "--drain-timeout",
            "1m",
            "--max-connections",
            "8",
            "--keep-finished-bytes",
            "1000",
            "--keep-finished-for",
            "90s",
        ])
        .unwrap();
        let want = Limits {
            header_timeout: Duration::from_millis(500),
            body_timeout: Duration::from_secs(2),
            drain_timeout: Duration::from_secs(60),
            max_connections: 8,
        };
        assert_eq!(config.limits, want);
        let retention = config.retention();
        assert_eq!(
            (retention.bytes, retention.age),
            (1000, Duration::from_secs(90))
        );
        for bad in [
            &["--header-timeout", "soon"][..],
            &["--header-timeout", "10 s"],
            &["--max-connections", "0"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn defaults_match_the_queues() {
        assert_eq!(parse(&[]).unwrap().retention(), Retention::default());
    }

    /// What `main` does with each: `exit` prints the message once and
    /// exits 2 for an error, 0 for help.
    #[test]
    fn bad_flags_exit_2_and_help_exits_0() {
        let bad = parse(&["--workers", "many"]).unwrap_err();
        assert_eq!(
            (bad.kind(), bad.exit_code()),
            (ErrorKind::ValueValidation, 2)
        );
        for help in ["-h", "--help"] {
            let help = parse(&[help]).unwrap_err();
            assert_eq!((help.kind(), help.exit_code()), (ErrorKind::DisplayHelp, 0));
        }
        Config::command().debug_assert();
    }
}
