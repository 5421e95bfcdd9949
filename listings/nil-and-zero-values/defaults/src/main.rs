//! Go's zero values, translated: `#[derive(Default)]` when all-zero is the
//! right starting point, a hand-written `Default` when it is not, and
//! `..Default::default()` to fill in the fields a literal leaves out.

use std::time::Duration;

// ANCHOR: derive
/// Request statistics. Zero everything is the right start, so derive it:
/// each field takes its type's default (0, "", empty).
#[derive(Debug, Default, PartialEq)]
pub struct Stats {
    pub requests: u64,
    pub errors: u64,
    pub last_path: String,
}
// ANCHOR_END: derive

// ANCHOR: manual
/// Server settings. Zero is wrong for most of them (no address, no workers,
/// no timeout), so `Default` is written by hand: the one place that says
/// what "not configured" means.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerConfig {
    pub addr: String,
    pub workers: usize,
    pub read_timeout: Duration,
    pub verbose: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            addr: "127.0.0.1:8080".into(),
            workers: 4,
            read_timeout: Duration::from_secs(30),
            verbose: false,
        }
    }
}
// ANCHOR_END: manual

// ANCHOR: main
fn main() {
    let mut stats = Stats::default();
    stats.requests += 1;

    // Name the fields you care about; `..` fills the rest from a default.
    let config = ServerConfig {
        verbose: true,
        ..Default::default()
    };
    assert_eq!(config.addr, "127.0.0.1:8080");
    assert_eq!(config.workers, 4);
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_its_own_default() {
        assert_eq!(i32::default(), 0);
        assert!(!bool::default());
        assert_eq!(String::default(), "");
        assert_eq!(Vec::<u8>::default(), []);
        assert_eq!(Option::<u8>::default(), None);
        assert_eq!(Duration::default(), Duration::ZERO);
    }

    #[test]
    fn struct_update_fills_in_the_rest() {
        let cases = [
            (
                "nothing named",
                ServerConfig::default(),
                "127.0.0.1:8080",
                4,
                false,
            ),
            (
                "verbose only",
                ServerConfig {
                    verbose: true,
                    ..Default::default()
                },
                "127.0.0.1:8080",
                4,
                true,
            ),
            (
                "address only",
                ServerConfig {
                    addr: "0.0.0.0:80".into(),
                    ..Default::default()
                },
                "0.0.0.0:80",
                4,
                false,
            ),
        ];
        for (case, config, addr, workers, verbose) in cases {
            assert_eq!(config.addr, addr, "{case}");
            assert_eq!(config.workers, workers, "{case}");
            assert_eq!(config.verbose, verbose, "{case}");
            assert_eq!(config.read_timeout, Duration::from_secs(30), "{case}");
        }
    }

    #[test]
    fn derived_default_is_all_zero() {
        let want = Stats {
            requests: 0,
            errors: 0,
            last_path: String::new(),
        };
        assert_eq!(Stats::default(), want);
    }
}
// ANCHOR_END: tests
