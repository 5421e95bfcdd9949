//! Satisfying an interface: Go's `fmt.Stringer` is satisfied implicitly by
//! any type with a `String` method; Rust's `Display` is implemented
//! explicitly with `impl`. Callers take it either as a generic parameter
//! (one compiled copy per type) or as `dyn Display` (one copy, a vtable).

use std::fmt;

// ANCHOR: display
/// A temperature. Implementing `Display` is what lets `format!("{}")`,
/// `println!` and `to_string()` print it.
pub struct Celsius(pub f64);

impl fmt::Display for Celsius {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}°C", self.0)
    }
}
// ANCHOR_END: display

// ANCHOR: callers
/// Joins values of one type. The compiler makes a copy of this function
/// for each `T` it is called with, and calls `T`'s `fmt` directly.
pub fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Joins values of any mix of types. Each `&dyn Display` is a pointer to
/// the value and a pointer to its type's table of methods, like a Go
/// interface value.
pub fn join_dyn(items: &[&dyn fmt::Display]) -> String {
    items
        .iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
// ANCHOR_END: callers

// ANCHOR: foreign
/// A trait of ours, implemented for a type we did not write. Go allows
/// methods only on types declared in the same package.
pub trait YesNo {
    fn yes_no(&self) -> &'static str;
}

impl YesNo for bool {
    fn yes_no(&self) -> &'static str {
        if *self { "yes" } else { "no" }
    }
}
// ANCHOR_END: foreign

// ANCHOR: main
fn main() {
    let readings = [Celsius(21.0), Celsius(-3.25)];
    assert_eq!(join(&readings), "21.0°C, -3.2°C");
    assert_eq!(join_dyn(&[&Celsius(20.0), &42, &"ok"]), "20.0°C, 42, ok");
    assert_eq!(true.yes_no(), "yes");
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn celsius_prints_one_decimal() {
        let cases = [
            (0.0, "0.0°C"),
            (21.5, "21.5°C"),
            (-40.0, "-40.0°C"),
            (36.66, "36.7°C"),
        ];
        for (degrees, want) in cases {
            assert_eq!(Celsius(degrees).to_string(), want, "{degrees}");
        }
    }

    #[test]
    fn joining() {
        assert_eq!(join::<Celsius>(&[]), "");
        assert_eq!(join(&[Celsius(1.0), Celsius(2.0)]), "1.0°C, 2.0°C");
        assert_eq!(join_dyn(&[&Celsius(1.0), &false.yes_no()]), "1.0°C, no");
    }
}
// ANCHOR_END: tests
