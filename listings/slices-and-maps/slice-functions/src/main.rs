//! What Go does with `copy` and the `slices` package, done with the methods
//! of Rust slices (`sort`, `reverse`, `binary_search`, `copy_from_slice`)
//! and of their iterators (`position`, `max`).

// ANCHOR: podium
/// The three highest scores, highest first; `scores` is only read.
fn podium(scores: &[u32]) -> Vec<u32> {
    let mut sorted = scores.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a)); // descending
    sorted.truncate(3);
    sorted
}
// ANCHOR_END: podium

// ANCHOR: place
/// The index of `name` in `names`, or `None` when it is missing.
fn place(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|n| *n == name)
}
// ANCHOR_END: place

// ANCHOR: main
fn main() {
    println!("{:?}", podium(&[70, 95, 80, 60, 90]));
    println!("{:?}", place(&["ada", "grace", "ken"], "ken"));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podiums() {
        let cases: [(&str, &[u32], &[u32]); 3] = [
            ("more than three", &[70, 95, 80, 60, 90], &[95, 90, 80]),
            ("fewer than three", &[50, 75], &[75, 50]),
            ("none", &[], &[]),
        ];
        for (case, scores, want) in cases {
            assert_eq!(podium(scores), want, "{case}");
        }
    }

    #[test]
    fn places() {
        let names = ["ada", "grace", "ken"];
        assert_eq!(place(&names, "ken"), Some(2));
        assert_eq!(place(&names, "rob"), None);
    }

    #[test]
    fn edges() {
        let mut dst = [0; 2];
        let src = [1, 2, 3];
        let n = dst.len().min(src.len());
        dst[..n].copy_from_slice(&src[..n]); // Go's copy, spelled out
        assert_eq!(dst, [1, 2]);
        assert_eq!([10, 20, 30].binary_search(&25), Err(2), "where 25 would go");
        assert_eq!([0u32; 0].iter().max(), None, "no panic on empty");
    }

    #[test]
    #[should_panic(
        expected = "source slice length (3) does not match destination slice length (2)"
    )]
    fn copy_from_slice_wants_equal_lengths() {
        let mut dst = [0; 2];
        dst.copy_from_slice(&[1, 2, 3]);
    }
}
// ANCHOR_END: tests
