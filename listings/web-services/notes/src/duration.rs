//! Durations written as Go writes them, for the flags that take one.
//!
//! The Go twin reads these flags with `flag.Duration`, that is with
//! `time.ParseDuration`, so this accepts exactly what that accepts (`500ms`,
//! `10s`, `1m30s`, `1.5h`, `.5s`, `0`), except negative durations, which a
//! `std::time::Duration` cannot hold. humantime, the usual crate, accepts
//! more (`1 day`, `10 s`, `2hours`) and refuses `1μs` and `.5s`, so the two
//! twins would disagree about a command line.

use std::time::Duration;

/// Parses one duration; clap calls it for each duration flag.
pub fn parse(text: &str) -> Result<Duration, String> {
    let invalid = || format!("invalid duration {text:?}");
    let (negative, mut rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if rest == "0" {
        return Ok(Duration::ZERO);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut nanos: u128 = 0;
    while !rest.is_empty() {
        let (whole, after) = split_digits(rest);
        let (fraction, after) = match after.strip_prefix('.') {
            Some(after) => split_digits(after),
            None => ("", after),
        };
        if whole.is_empty() && fraction.is_empty() {
            return Err(invalid());
        }
        let end = after
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(end);
        let unit: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60 * 1_000_000_000,
            "h" => 60 * 60 * 1_000_000_000,
            "" => return Err(format!("missing unit in duration {text:?}")),
            _ => return Err(format!("unknown unit {unit:?} in duration {text:?}")),
        };
        let whole: u128 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| invalid())?
        };
        // Go keeps the digits of a fraction that can matter and truncates
        // the result to whole nanoseconds; twenty digits are plenty.
        let fraction = &fraction[..fraction.len().min(20)];
        let scale = 10u128.pow(fraction.len() as u32);
        let fraction: u128 = fraction.parse().unwrap_or(0);
        nanos = whole
            .checked_mul(unit)
            .and_then(|n| n.checked_add(fraction * unit / scale))
            .and_then(|n| n.checked_add(nanos))
            .ok_or_else(invalid)?;
        rest = after;
    }
    // Go's durations are nanoseconds in an i64.
    if nanos > i64::MAX as u128 {
        return Err(invalid());
    }
    if negative && nanos > 0 {
        return Err(format!("negative duration {text:?}"));
    }
    Ok(Duration::from_nanos(nanos as u64))
}

/// Splits off the leading ASCII digits.
fn split_digits(text: &str) -> (&str, &str) {
    text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Go 1.27's `time.ParseDuration` returns for each, in
    /// nanoseconds (`None`: an error), checked with the pinned Go.
    #[test]
    fn parses_what_go_parses() {
        let cases: [(&str, Option<u64>); 31] = [
            ("0", Some(0)),
            ("+0", Some(0)),
            ("-0", Some(0)),
            ("-0s", Some(0)),
            ("10s", Some(10_000_000_000)),
            ("500ms", Some(500_000_000)),
            ("1m30s", Some(90_000_000_000)),
            ("1.5h", Some(5_400_000_000_000)),
            (".5s", Some(500_000_000)),
            ("1.s", Some(1_000_000_000)),
            ("1us", Some(1_000)),
            ("1µs", Some(1_000)),
            ("1μs", Some(1_000)),
            ("2h45m0.5s", Some(9_900_500_000_000)),
            ("1.0000000001s", Some(1_000_000_000)),
            ("0.1ns", Some(0)),
            ("9223372036854775807ns", Some(9_223_372_036_854_775_807)),
            ("9223372036854775808ns", None),
            ("2562047h", Some(9_223_369_200_000_000_000)),
            ("2562048h", None),
            ("+5s", Some(5_000_000_000)),
            ("", None),
            (".", None),
            ("s", None),
            ("1", None),
            ("10 s", None),
            ("1 day", None),
            ("1d", None),
            ("5S", None),
            ("1..5s", None),
            ("1s ", None),
        ];
        for (text, want) in cases {
            let got = parse(text).ok().map(|d| d.as_nanos() as u64);
            assert_eq!(got, want, "{text:?}");
        }
    }

    /// Go takes these; a `Duration` cannot hold them.
    #[test]
    fn refuses_negative_durations() {
        assert_eq!(
            parse("-1s").unwrap_err(),
            "negative duration \"-1s\"".to_owned()
        );
    }
}
