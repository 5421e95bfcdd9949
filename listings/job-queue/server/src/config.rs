//! Command-line settings.
//!
//! Both `--workers 4` and `--workers=4` work, as with Go's `flag` package.
//! `JOBQ_ADDR`, `JOBQ_WORKERS`, `JOBQ_QUEUE_CAPACITY` set the defaults of
//! the first three; the limits and timeouts are flags only. Durations are
//! written as Go writes them: `500ms`, `10s`, `2m`.

use std::net::SocketAddr;
use std::time::Duration;

use crate::queue::Retention;

/// The server's settings.
#[derive(Debug, PartialEq)]
pub struct Config {
    pub addr: SocketAddr,
    pub workers: usize,
    pub queue_capacity: usize,
    pub limits: Limits,
    pub retention: Retention,
}

// ANCHOR: limits
/// How long the server waits for slow clients and for its own drain, and
/// how many connections it serves at once.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// A request's headers must arrive within this long of the connection
    /// opening, or of the previous response on it: this also closes idle
    /// keep-alive connections.
    pub header_timeout: Duration,
    /// A request's body must arrive within this long of its headers.
    pub body_timeout: Duration,
    /// After the first signal, accepted jobs have this long to finish.
    pub drain_timeout: Duration,
    /// Connections served at once; more wait in the kernel's backlog.
    pub max_connections: usize,
}
// ANCHOR_END: limits

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            drain_timeout: Duration::from_secs(25),
            max_connections: 512,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            workers: 4,
            queue_capacity: 64,
            limits: Limits::default(),
            retention: Retention::default(),
        }
    }
}

impl Config {
    /// Reads the environment, then the arguments (without the program name).
    pub fn parse(
        env: impl Fn(&str) -> Option<String>,
        args: impl IntoIterator<Item = String>,
    ) -> Result<Config, String> {
        let mut config = Config::default();
        for (name, key) in [
            ("addr", "JOBQ_ADDR"),
            ("workers", "JOBQ_WORKERS"),
            ("queue-capacity", "JOBQ_QUEUE_CAPACITY"),
        ] {
            if let Some(value) = env(key) {
                config.set(name, &value)?;
            }
        }
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let flag = arg
                .strip_prefix("--")
                .or_else(|| arg.strip_prefix('-'))
                .ok_or_else(|| format!("unexpected argument {arg:?}"))?;
            let (name, value) = match flag.split_once('=') {
                Some((name, value)) => (name, value.to_owned()),
                None => (
                    flag,
                    args.next()
                        .ok_or_else(|| format!("--{flag} needs a value"))?,
                ),
            };
            config.set(name, &value)?;
        }
        if config.workers == 0 || config.queue_capacity == 0 || config.limits.max_connections == 0 {
            return Err(
                "--workers, --queue-capacity and --max-connections must be at least 1".into(),
            );
        }
        Ok(config)
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let bad = |e: &dyn std::fmt::Display| format!("invalid value {value:?} for --{name}: {e}");
        let duration = || humantime::parse_duration(value).map_err(|e| bad(&e));
        let number = || value.parse::<usize>().map_err(|e| bad(&e));
        let limits = &mut self.limits;
        let retention = &mut self.retention;
        match name {
            "addr" => self.addr = value.parse().map_err(|e| bad(&e))?,
            "workers" => self.workers = number()?,
            "queue-capacity" => self.queue_capacity = number()?,
            "header-timeout" => limits.header_timeout = duration()?,
            "body-timeout" => limits.body_timeout = duration()?,
            "drain-timeout" => limits.drain_timeout = duration()?,
            "max-connections" => limits.max_connections = number()?,
            "keep-finished" => retention.count = number()?,
            "keep-finished-bytes" => retention.bytes = number()?,
            "keep-finished-for" => retention.age = duration()?,
            _ => return Err(format!("unknown flag --{name}")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(env: &[(&str, &str)], args: &[&str]) -> Result<Config, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lookup = |key: &str| env.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        Config::parse(lookup, args.iter().map(|a| a.to_string()))
    }

    type Env = &'static [(&'static str, &'static str)];
    type Args = &'static [&'static str];
    /// Port, workers, queue capacity; `None` for an error.
    type Want = Option<(u16, usize, usize)>;

    #[test]
    fn reads_flags_and_environment() {
        let cases: [(&str, Env, Args, Want); 7] = [
            ("defaults", &[], &[], Some((8080, 4, 64))),
            (
                "space form",
                &[],
                &["--workers", "2", "--addr", "127.0.0.1:0"],
                Some((0, 2, 64)),
            ),
            (
                "equals form",
                &[],
                &["--queue-capacity=3", "-workers=1"],
                Some((8080, 1, 3)),
            ),
            (
                "environment",
                &[("JOBQ_WORKERS", "7")],
                &[],
                Some((8080, 7, 64)),
            ),
            (
                "flag beats environment",
                &[("JOBQ_WORKERS", "7")],
                &["--workers", "2"],
                Some((8080, 2, 64)),
            ),
            ("unknown flag", &[], &["--color", "red"], None),
            ("zero workers", &[], &["--workers", "0"], None),
        ];
        for (name, env, args, want) in cases {
            let got = parse(env, args)
                .ok()
                .map(|c| (c.addr.port(), c.workers, c.queue_capacity));
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn reads_limits_and_durations() {
        let config = parse(
            &[],
            &[
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
            ],
        )
        .unwrap();
        let want = Limits {
            header_timeout: Duration::from_millis(500),
            body_timeout: Duration::from_secs(2),
            drain_timeout: Duration::from_secs(60),
            max_connections: 8,
        };
        assert_eq!(config.limits, want);
        assert_eq!(
            (config.retention.bytes, config.retention.age),
            (1000, Duration::from_secs(90))
        );
        for bad in [
            &["--header-timeout", "soon"][..],
            &["--max-connections", "0"],
        ] {
            assert!(parse(&[], bad).is_err(), "{bad:?}");
        }
    }
}
