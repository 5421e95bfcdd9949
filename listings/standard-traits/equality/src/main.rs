//! `PartialEq`, `Eq`, `Hash` and `Ord`, derived, beside Go's `==` on
//! structs, struct map keys and `cmp.Compare`: in Rust a type can be
//! compared, hashed or sorted when it implements the trait that says how.

use std::collections::HashMap;

// ANCHOR: version
/// A release number. The derives compare, hash and order it field by field,
/// in the order the fields are declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Version {
    major: u32,
    minor: u32,
    patch: u32,
}

/// Counts the downloads of each version: `Version` is the key.
fn tally(downloads: &[Version]) -> HashMap<Version, usize> {
    let mut counts = HashMap::new();
    for v in downloads {
        *counts.entry(*v).or_insert(0) += 1;
    }
    counts
}
// ANCHOR_END: version

// ANCHOR: reading
/// A measurement. `f64` is only `PartialEq` (NaN is not equal to itself),
/// so the derive can give `Reading` no more than that: no `Eq`, no `Hash`.
#[derive(Debug, PartialEq, PartialOrd)]
struct Reading {
    celsius: f64,
}
// ANCHOR_END: reading

// ANCHOR: main
fn main() {
    let v = |major, minor, patch| Version {
        major,
        minor,
        patch,
    };
    let mut releases = vec![v(1, 10, 0), v(1, 2, 3), v(0, 9, 9)];
    releases.sort();
    println!("{releases:?}");
    println!("{:?}", tally(&[v(1, 2, 3), v(1, 2, 3), v(2, 0, 0)]));
    println!("{}", v(1, 2, 3) == v(1, 2, 3));
    let (a, b) = (Reading { celsius: f64::NAN }, Reading { celsius: f64::NAN });
    println!("{} {}", a == b, a.celsius);
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    fn v(major: u32, minor: u32, patch: u32) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    #[test]
    fn equal_when_every_field_is() {
        let cases = [
            (v(1, 2, 3), v(1, 2, 3), true),
            (v(1, 2, 3), v(1, 2, 4), false),
        ];
        for (a, b, want) in cases {
            assert_eq!(a == b, want, "{a:?} == {b:?}");
        }
    }

    #[test]
    fn ordered_by_fields_in_declaration_order() {
        let mut releases = vec![v(1, 10, 0), v(1, 2, 3), v(0, 9, 9)];
        releases.sort();
        assert_eq!(releases, [v(0, 9, 9), v(1, 2, 3), v(1, 10, 0)]);
        assert!(v(1, 2, 3) < v(1, 10, 0), "10 > 2 as numbers");
    }

    #[test]
    fn a_struct_is_a_map_key() {
        let counts = tally(&[v(1, 2, 3), v(1, 2, 3), v(2, 0, 0)]);
        assert_eq!(counts[&v(1, 2, 3)], 2);
        assert_eq!(counts[&v(2, 0, 0)], 1);
        assert_eq!(counts.get(&v(9, 9, 9)), None);
    }

    #[test]
    fn nan_is_not_equal_to_itself() {
        let nan = Reading { celsius: f64::NAN };
        assert_ne!(nan, Reading { celsius: f64::NAN });
        assert!(Reading { celsius: 1.5 } < Reading { celsius: 2.0 });
        let other = Reading { celsius: f64::NAN };
        assert_eq!(nan.partial_cmp(&other), None, "no order either");
    }

    #[test]
    fn vectors_compare_and_hash() {
        let mut owners: HashMap<Vec<&str>, &str> = HashMap::new();
        owners.insert(vec!["api", "web"], "team-a");
        assert_eq!(owners.get(&vec!["api", "web"]), Some(&"team-a"));
    }
}
// ANCHOR_END: tests
