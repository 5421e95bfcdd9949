//! The reference solution of the config-errors exercise: `go/config.go`
//! in Rust.

use thiserror::Error;

/// What a file sets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub name: String,
    pub port: u16,
    pub debug: bool,
}

// ANCHOR: error
/// What is wrong with a file, and where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("line {line}: expected key = value")]
    NoEquals { line: usize },
    #[error("line {line}: unknown key {key:?}")]
    UnknownKey { line: usize, key: String },
    #[error("line {line}: bad value {value:?} for {key}")]
    BadValue {
        line: usize,
        key: String,
        value: String,
    },
    #[error("missing key {key:?}")]
    Missing { key: String },
}
// ANCHOR_END: error

// ANCHOR: parse
/// Reads `key = value` lines into a [`Config`], or says which line is wrong.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    let mut name = None;
    let mut port = None;
    let mut debug = false;
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or(ConfigError::NoEquals { line: line_number })?;
        let (key, value) = (key.trim(), value.trim());
        let bad = || ConfigError::BadValue {
            line: line_number,
            key: key.to_owned(),
            value: value.to_owned(),
        };
        match key {
            "name" if value.is_empty() => return Err(bad()),
            "name" => name = Some(value.to_owned()),
            "port" => {
                port = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|&p: &u16| p != 0)
                        .ok_or_else(bad)?,
                )
            }
            "debug" => debug = value.parse().map_err(|_| bad())?,
            _ => {
                return Err(ConfigError::UnknownKey {
                    line: line_number,
                    key: key.to_owned(),
                });
            }
        }
    }
    let missing = |key: &str| ConfigError::Missing {
        key: key.to_owned(),
    };
    Ok(Config {
        name: name.ok_or_else(|| missing("name"))?,
        port: port.ok_or_else(|| missing("port"))?,
        debug,
    })
}
// ANCHOR_END: parse
