//! The jobs of Go's `[]T`, each with its own Rust type: `&[T]` to read,
//! `&mut [T]` to change elements in place, `Vec<T>` to own and grow; and
//! `[T; N]`, a fixed-size array that is a value, as Go's `[N]T` is.

// ANCHOR: functions
/// Reads the elements of `xs`.
fn sum(xs: &[i64]) -> i64 {
    xs.iter().sum()
}

/// Multiplies every element of `xs` by `k`, in the caller's storage.
fn scale(xs: &mut [i64], k: i64) {
    for x in xs {
        *x *= k;
    }
}

/// The even elements of `xs`, in a new vector.
fn evens(xs: &[i64]) -> Vec<i64> {
    let mut out = Vec::new();
    for &x in xs {
        if x % 2 == 0 {
            out.push(x);
        }
    }
    out
}
// ANCHOR_END: functions

// ANCHOR: main
fn main() {
    let mut v: Vec<i64> = vec![1, 2, 3, 4]; // owned, growable, on the heap
    let a: [i64; 4] = [1, 2, 3, 4]; // fixed size, a value

    println!("{} {} {}", sum(&v), sum(&a), sum(&v[1..3])); // all coerce to &[i64]
    scale(&mut v[..2], 10);
    println!("{v:?} {:?}", evens(&v));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_functions() {
        let mut xs = vec![1, 2, 3, 4];
        assert_eq!(sum(&xs[1..3]), 5);
        scale(&mut xs[..2], 10); // changes the first two elements of xs itself
        assert_eq!(xs, [10, 20, 3, 4]);
        assert_eq!(evens(&xs), [10, 20, 4]);
        assert_eq!(xs.get(10), None, "get checks the index; xs[10] would panic");
    }

    #[test]
    fn an_array_is_a_value() {
        let a = [1, 2, 3, 4];
        let mut b = a; // copies the four elements: i64 is Copy, so [i64; 4] is
        b[0] = 99;
        assert_eq!((a[0], b[0]), (1, 99), "two arrays");
        assert_eq!(sum(&a), 10, "&[i64; 4] coerces to &[i64]");
    }
}
// ANCHOR_END: tests
