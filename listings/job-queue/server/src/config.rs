//! Command-line settings: `--addr`, `--workers`, `--queue-capacity`.
//!
//! Both `--workers 4` and `--workers=4` work, as with Go's `flag` package,
//! and `JOBQ_ADDR`, `JOBQ_WORKERS`, `JOBQ_QUEUE_CAPACITY` set the defaults.

use std::net::SocketAddr;

/// The server's settings.
#[derive(Debug, PartialEq)]
pub struct Config {
    pub addr: SocketAddr,
    pub workers: usize,
    pub queue_capacity: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            workers: 4,
            queue_capacity: 64,
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
        if config.workers == 0 || config.queue_capacity == 0 {
            return Err("--workers and --queue-capacity must be at least 1".into());
        }
        Ok(config)
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let bad = |e: &dyn std::fmt::Display| format!("invalid value {value:?} for --{name}: {e}");
        match name {
            "addr" => self.addr = value.parse().map_err(|e| bad(&e))?,
            "workers" => self.workers = value.parse().map_err(|e| bad(&e))?,
            "queue-capacity" => self.queue_capacity = value.parse().map_err(|e| bad(&e))?,
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
}
