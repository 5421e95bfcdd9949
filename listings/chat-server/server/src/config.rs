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
//! | `--send-buffer-bytes` | `0` | the kernel's send buffer for each connection (0: the kernel sizes it) |
//!
//! clap reads them: both `--flag value` and `--flag=value` work, as with
//! Go's `flag` package; a bad flag prints one usage message and exits 2, and
//! `--help` exits 0.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;

/// The book's chat server: one room, WebSocket clients, a page to chat from.
#[derive(Debug, Clone, PartialEq, Parser)]
#[command(name = "chat-server")]
pub struct Config {
    /// Where to listen (127.0.0.1:0: any free port)
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// How long a client may take to send join, in milliseconds
    #[arg(long = "join-timeout-ms", default_value = "2000", value_parser = millis)]
    pub join_timeout: Duration,
    /// The largest frame a client may send
    #[arg(long, default_value_t = 4096, value_parser = at_least_one::<usize>)]
    pub max_message_bytes: usize,
    /// Messages a client may send per second (and burst)
    #[arg(long, default_value_t = 5, value_parser = at_least_one::<u32>)]
    pub rate_per_sec: u32,
    /// Broadcasts kept for clients that read slowly
    #[arg(long, default_value_t = 64, value_parser = at_least_one::<usize>)]
    pub buffer: usize,
    /// How long one frame may take to reach a client before it is dropped,
    /// in milliseconds
    #[arg(long = "write-timeout-ms", default_value = "10000", value_parser = positive_millis)]
    pub write_timeout: Duration,
    /// How long a connection may take to send its request headers, in
    /// milliseconds
    #[arg(long = "header-timeout-ms", default_value = "10000", value_parser = positive_millis)]
    pub header_timeout: Duration,
    /// How long shutdown waits for connections before it cuts them, in
    /// milliseconds
    #[arg(long = "shutdown-grace-ms", default_value = "5000", value_parser = millis)]
    pub shutdown_grace: Duration,
    /// The kernel's send buffer for each connection, in bytes (0: the
    /// kernel sizes it); at most 2147483647, as `setsockopt` takes a C int
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(..=i64::from(i32::MAX)))]
    pub send_buffer_bytes: u32,
}

/// A whole number of milliseconds, as the Go twin's `flag.Int` reads it.
fn millis(text: &str) -> Result<Duration, String> {
    text.parse()
        .map(Duration::from_millis)
        .map_err(|e| format!("{e}"))
}

/// Milliseconds, at least 1.
fn positive_millis(text: &str) -> Result<Duration, String> {
    at_least_one::<u64>(text).map(Duration::from_millis)
}

/// A count that must be 1 or more.
fn at_least_one<T>(text: &str) -> Result<T, String>
where
    T: std::str::FromStr<Err = std::num::ParseIntError> + PartialEq + From<u8>,
{
    match text.parse::<T>() {
        Ok(n) if n == T::from(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("{e}")),
    }
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
            (
                "",
                Some(Config {
                    addr: "127.0.0.1:8080".parse().unwrap(),
                    join_timeout: Duration::from_millis(2000),
                    max_message_bytes: 4096,
                    rate_per_sec: 5,
                    buffer: 64,
                    write_timeout: Duration::from_millis(10_000),
                    header_timeout: Duration::from_millis(10_000),
                    shutdown_grace: Duration::from_millis(5000),
                    send_buffer_bytes: 0,
                }),
            ),
            (
                "--addr 127.0.0.1:0 --join-timeout-ms=250 --max-message-bytes 1024 --rate-per-sec 9 --buffer 2 --write-timeout-ms 300 \
                 --header-timeout-ms 400 --shutdown-grace-ms=0 --send-buffer-bytes 4096",
                Some(Config {
                    addr: "127.0.0.1:0".parse().unwrap(),
                    join_timeout: Duration::from_millis(250),
                    max_message_bytes: 1024,
                    rate_per_sec: 9,
                    buffer: 2,
                    write_timeout: Duration::from_millis(300),
                    header_timeout: Duration::from_millis(400),
                    shutdown_grace: Duration::ZERO,
                    send_buffer_bytes: 4096,
                }),
            ),
            ("--buffer", None),
            ("--buffer 0", None),
            ("--write-timeout-ms 0", None),
            ("--header-timeout-ms 0", None),
            ("--send-buffer-bytes=-1", None),
            ("--send-buffer-bytes 2147483648", None),
            ("--rate-per-sec fast", None),
            ("--colour blue", None),
            ("8080", None),
        ];
        for (line, want) in cases {
            let argv = std::iter::once("chat-server".to_owned()).chain(args(line));
            assert_eq!(Config::try_parse_from(argv).ok(), want, "{line:?}");
        }
    }

    /// What `main` does with each: `Config::parse` prints the message once
    /// and exits 2 for an error, 0 for help.
    #[test]
    fn bad_flags_exit_2_and_help_exits_0() {
        use clap::CommandFactory;
        use clap::error::ErrorKind;
        let bad = Config::try_parse_from(["chat-server", "--buffer", "0"]).unwrap_err();
        assert_eq!(
            (bad.kind(), bad.exit_code()),
            (ErrorKind::ValueValidation, 2)
        );
        for help in ["-h", "--help"] {
            let help = Config::try_parse_from(["chat-server", help]).unwrap_err();
            assert_eq!((help.kind(), help.exit_code()), (ErrorKind::DisplayHelp, 0));
        }
        Config::command().debug_assert();
    }
}
