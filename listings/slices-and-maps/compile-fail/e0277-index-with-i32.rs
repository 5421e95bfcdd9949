//! Indexes a vector with an `i32`, as Go code indexes a slice with any
//! integer type. Rust indexes slices with `usize` only. rustc refuses: E0277.

fn nth_score(scores: &[u32], n: i32) -> u32 {
    scores[n]
}

fn main() {
    println!("{}", nth_score(&[90, 85, 70], 1));
}
