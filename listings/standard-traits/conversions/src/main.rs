//! `From`, `Into`, `TryFrom` and `AsRef` beside Go's conversions and
//! constructors: a conversion in Rust is a trait impl you write, and the
//! one that can fail returns a `Result`.

use std::num::ParseIntError;
use std::path::Path;

// ANCHOR: from
/// Temperatures in two scales. `From` says how to turn one into the other;
/// `Into` comes with it for free.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Celsius(f64);

#[derive(Debug, Clone, Copy, PartialEq)]
struct Fahrenheit(f64);

impl From<Celsius> for Fahrenheit {
    fn from(c: Celsius) -> Self {
        Fahrenheit(c.0 * 9.0 / 5.0 + 32.0)
    }
}
// ANCHOR_END: from

// ANCHOR: try-from
/// A TCP port other than 0.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Port(u16);

#[derive(Debug, PartialEq)]
enum PortError {
    Zero,
    OutOfRange(u32),
    NotANumber(ParseIntError),
}

impl TryFrom<u32> for Port {
    type Error = PortError;

    fn try_from(n: u32) -> Result<Self, Self::Error> {
        match u16::try_from(n) {
            Ok(0) => Err(PortError::Zero),
            Ok(port) => Ok(Port(port)),
            Err(_) => Err(PortError::OutOfRange(n)),
        }
    }
}

/// Lets `?` turn a `ParseIntError` into a `PortError`.
impl From<ParseIntError> for PortError {
    fn from(e: ParseIntError) -> Self {
        PortError::NotANumber(e)
    }
}

fn parse_port(s: &str) -> Result<Port, PortError> {
    let n: u32 = s.trim().parse()?; // From<ParseIntError> runs here
    Port::try_from(n)
}
// ANCHOR_END: try-from

// ANCHOR: as-ref
/// Takes anything that can be borrowed as a `&Path`: `&str`, `String`,
/// `&Path`, `PathBuf`, `OsString`.
fn is_rust_source(path: impl AsRef<Path>) -> bool {
    path.as_ref().extension().is_some_and(|ext| ext == "rs")
}
// ANCHOR_END: as-ref

// ANCHOR: main
fn main() {
    let boiling: Fahrenheit = Celsius(100.0).into();
    println!("{boiling:?}");
    println!("{:?} {:?}", parse_port("8080"), parse_port("0"));
    println!("{}", is_rust_source(String::from("main.rs")));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn from_and_into_are_one_conversion() {
        assert_eq!(Fahrenheit::from(Celsius(100.0)), Fahrenheit(212.0));
        let f: Fahrenheit = Celsius(-40.0).into();
        assert_eq!(f, Fahrenheit(-40.0));
    }

    #[test]
    fn try_from_checks_the_range() {
        let cases = [
            (8080, Ok(Port(8080))),
            (0, Err(PortError::Zero)),
            (70_000, Err(PortError::OutOfRange(70_000))),
        ];
        for (n, want) in cases {
            assert_eq!(Port::try_from(n), want, "Port::try_from({n})");
        }
        assert!(u8::try_from(300_i32).is_err(), "std's integers do it too");
        assert_eq!(70_000_u32 as u16, 4464, "`as` wraps instead");
    }

    #[test]
    fn question_mark_converts_the_error() {
        assert_eq!(parse_port(" 443\n"), Ok(Port(443)));
        assert!(matches!(parse_port("http"), Err(PortError::NotANumber(_))));
        assert_eq!(parse_port("0"), Err(PortError::Zero));
    }

    #[test]
    fn as_ref_takes_every_path_type() {
        assert!(is_rust_source("main.rs"));
        assert!(is_rust_source(String::from("lib.rs")));
        assert!(is_rust_source(Path::new("src/main.rs")));
        assert!(is_rust_source(PathBuf::from("build.rs")));
        assert!(!is_rust_source("main.go"));
    }
}
// ANCHOR_END: tests
