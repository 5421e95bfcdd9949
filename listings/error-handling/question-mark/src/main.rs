//! The `?` operator: the Rust spelling of Go's
//! `if err != nil { return err }`, written once as `?` and once by hand to
//! show what it stands for.

use std::num::ParseIntError;

// ANCHOR: total
/// Adds up numbers written one per string, surrounding spaces allowed, and
/// stops at the first one that is not a number.
pub fn total(lines: &[&str]) -> Result<i64, ParseIntError> {
    let mut sum = 0;
    for line in lines {
        sum += line.trim().parse::<i64>()?;
    }
    Ok(sum)
}
// ANCHOR_END: total

// ANCHOR: spelled_out
/// `total` with the `?` written out: on `Err` it returns early, passing the
/// error through `From::from`, which is how `?` converts one error type
/// into the function's own. Here both types are `ParseIntError`, so the
/// conversion does nothing, and clippy would say so.
#[expect(clippy::useless_conversion)]
pub fn total_spelled_out(lines: &[&str]) -> Result<i64, ParseIntError> {
    let mut sum = 0;
    for line in lines {
        let n = match line.trim().parse::<i64>() {
            Ok(n) => n,
            Err(err) => return Err(From::from(err)),
        };
        sum += n;
    }
    Ok(sum)
}
// ANCHOR_END: spelled_out

// ANCHOR: option
/// `?` works on `Option` too: `None` returns early, as a missing value.
pub fn port(addr: &str) -> Option<u16> {
    let (_host, port) = addr.rsplit_once(':')?;
    port.parse().ok()
}
// ANCHOR_END: option

// ANCHOR: main
/// `main` may return a `Result`; an `Err` is printed with `{:?}` and the
/// process exits with status 1.
fn main() -> Result<(), ParseIntError> {
    let sum = total(&["40", " 2 "])?;
    println!("total: {sum}");
    assert_eq!(total_spelled_out(&["40", " 2 "]), Ok(sum));
    assert_eq!(port("127.0.0.1:8080"), Some(8080));
    Ok(())
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::{port, total, total_spelled_out};

    #[test]
    fn totals() {
        let cases: [(&str, &[&str], Result<i64, &str>); 3] = [
            ("adds numbers", &["40", " 2 "], Ok(42)),
            ("nothing adds up to zero", &[], Ok(0)),
            (
                "stops at the first bad line",
                &["1", "two", "3"],
                Err("invalid digit found in string"),
            ),
        ];
        for (case, lines, want) in cases {
            let got = total(lines).map_err(|e| e.to_string());
            assert_eq!(got, want.map_err(str::to_owned), "{case}");
            assert_eq!(
                total_spelled_out(lines),
                total(lines),
                "{case}: both spellings agree"
            );
        }
    }

    #[test]
    fn ports() {
        let cases = [
            ("127.0.0.1:8080", Some(8080)),
            ("localhost", None),
            ("localhost:http", None),
        ];
        for (addr, want) in cases {
            assert_eq!(port(addr), want, "{addr}");
        }
    }
}
// ANCHOR_END: tests
