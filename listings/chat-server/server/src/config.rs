//! Command-line flags, the same ones the Go twin takes:
//!
//! | flag | default | meaning |
//! | --- | --- | --- |
//! | `--addr` | `127.0.0.1:8080` | where to listen (`127.0.0.1:0`: any free port) |
//! | `--join-timeout-ms` | `2000` | how long a client may take to send `join` |
//! | `--max-message-bytes` | `4096` | the largest frame a client may send |
//! | `--rate-per-sec` | `5` | messages a client may send per second (and burst) |
//! | `--buffer` | `64` | broadcasts kept for clients that read slowly |
//! | `--write-timeout-ms` | `10000` | how long one frame may take to reach a client before it is dropped |
//! | `--header-timeout-ms` | `10000` | how long a connection may take to send its request headers |
//! | `--shutdown-grace-ms` | `5000` | how long shutdown waits for connections before it cuts them |
//!
//! Both `--flag value` and `--flag=value` work, as with Go's `flag` package.

use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub addr: SocketAddr,
    pub join_timeout: Duration,
    pub max_message_bytes: usize,
    pub rate_per_sec: u32,
    pub buffer: usize,
    pub write_timeout: Duration,
    pub header_timeout: Duration,
    pub shutdown_grace: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            join_timeout: Duration::from_millis(2000),
            max_message_bytes: 4096,
            rate_per_sec: 5,
            buffer: 64,
            write_timeout: Duration::from_millis(10_000),
            header_timeout: Duration::from_millis(10_000),
            shutdown_grace: Duration::from_millis(5000),
        }
    }
}

impl Config {
    /// Parses the arguments after the program name.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> anyhow::Result<Config> {
        let mut config = Config::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
                None => (arg, None),
            };
            let flag = flag.trim_start_matches('-');
            let value = match inline {
                Some(value) => value,
                None => args
                    .next()
                    .ok_or_else(|| anyhow!("--{flag} needs a value"))?,
            };
            match flag {
                "addr" => config.addr = parse(flag, &value)?,
                "join-timeout-ms" => {
                    config.join_timeout = Duration::from_millis(parse(flag, &value)?)
                }
                "max-message-bytes" => config.max_message_bytes = parse(flag, &value)?,
                "rate-per-sec" => config.rate_per_sec = parse(flag, &value)?,
                "buffer" => config.buffer = parse(flag, &value)?,
                "write-timeout-ms" => {
                    config.write_timeout = Duration::from_millis(parse(flag, &value)?)
                }
                "header-timeout-ms" => {
                    config.header_timeout = Duration::from_millis(parse(flag, &value)?)
                }
                "shutdown-grace-ms" => {
                    config.shutdown_grace = Duration::from_millis(parse(flag, &value)?)
                }
                _ => bail!("unknown flag --{flag}"),
            }
        }
        if config.rate_per_sec == 0
            || config.buffer == 0
            || config.max_message_bytes == 0
            || config.write_timeout.is_zero()
            || config.header_timeout.is_zero()
        {
            bail!(
                "--rate-per-sec, --buffer, --max-message-bytes, --write-timeout-ms and \
                 --header-timeout-ms must be at least 1"
            );
        }
        Ok(config)
    }
}

fn parse<T: FromStr>(flag: &str, value: &str) -> anyhow::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    value.parse().with_context(|| format!("--{flag} {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn flags() {
        let cases = [
            ("", Some(Config::default())),
            (
                "--addr 127.0.0.1:0 --join-timeout-ms=250 --max-message-bytes 1024 --rate-per-sec 9 -buffer 2 --write-timeout-ms 300 \
                 --header-timeout-ms 400 --shutdown-grace-ms=0",
                Some(Config {
                    addr: "127.0.0.1:0".parse().unwrap(),
                    join_timeout: Duration::from_millis(250),
                    max_message_bytes: 1024,
                    rate_per_sec: 9,
                    buffer: 2,
                    write_timeout: Duration::from_millis(300),
                    header_timeout: Duration::from_millis(400),
                    shutdown_grace: Duration::ZERO,
                }),
            ),
            ("--buffer", None),
            ("--buffer 0", None),
            ("--write-timeout-ms 0", None),
            ("--header-timeout-ms 0", None),
            ("--rate-per-sec fast", None),
            ("--colour blue", None),
        ];
        for (line, want) in cases {
            assert_eq!(Config::from_args(args(line)).ok(), want, "{line:?}");
        }
    }
}
