//! Changing a `Vec` while walking it: the loop that Go allows is refused by
//! rustc (see compile-fail/e0502-push-while-iterating.rs), and these are the
//! ways to say the same thing that compile. Each function matches a Go
//! function in the twin, and the tests check they agree.

// ANCHOR: collect
/// Appends `n * 10` for every even `n`: first collect what to add, while
/// only reading, then extend, while only writing.
pub fn append_tens(nums: &mut Vec<i32>) {
    let tens: Vec<i32> = nums
        .iter()
        .filter(|&&n| n % 2 == 0)
        .map(|n| n * 10)
        .collect();
    nums.extend(tens);
}
// ANCHOR_END: collect

// ANCHOR: index
/// The same with indices. `0..nums.len()` is computed once, before the
/// loop, as Go's `range` is; each `nums[i]` is a short read that ends before
/// `push` borrows the vector to write.
pub fn append_tens_indexed(nums: &mut Vec<i32>) {
    for i in 0..nums.len() {
        if nums[i] % 2 == 0 {
            nums.push(nums[i] * 10);
        }
    }
}
// ANCHOR_END: index

// ANCHOR: build-new
/// Leaves the input alone and builds a new vector.
pub fn with_tens(nums: &[i32]) -> Vec<i32> {
    let tens = nums.iter().filter(|&&n| n % 2 == 0).map(|n| n * 10);
    nums.iter().copied().chain(tens).collect()
}
// ANCHOR_END: build-new

// ANCHOR: retain
/// Removes the even numbers in place, keeping the order of the rest.
pub fn remove_evens(nums: &mut Vec<i32>) {
    nums.retain(|n| n % 2 != 0);
}
// ANCHOR_END: retain

// ANCHOR: drain
/// Moves the even numbers out into a new vector and keeps the odd ones, in
/// order. `extract_if` removes each element its closure picks and yields it
/// by value; the iterator borrows `nums` mutably until it is dropped, which
/// `collect` does before the function returns.
pub fn take_evens(nums: &mut Vec<i32>) -> Vec<i32> {
    nums.extract_if(.., |n| *n % 2 == 0).collect()
}
// ANCHOR_END: drain

// ANCHOR: main
fn main() {
    let mut nums = vec![1, 2, 3, 4];
    append_tens(&mut nums);
    assert_eq!(nums, [1, 2, 3, 4, 20, 40]);

    let mut nums = vec![1, 2, 3, 4];
    append_tens_indexed(&mut nums);
    assert_eq!(nums, [1, 2, 3, 4, 20, 40]);

    assert_eq!(with_tens(&[1, 2, 3, 4]), [1, 2, 3, 4, 20, 40]);

    let mut nums = vec![1, 2, 3, 4];
    remove_evens(&mut nums);
    assert_eq!(nums, [1, 3]);

    let mut nums = vec![1, 2, 3, 4];
    assert_eq!(take_evens(&mut nums), [2, 4]);
    assert_eq!(nums, [1, 3]);
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_appending_agrees() {
        let cases: [(&str, &[i32], &[i32]); 4] = [
            ("empty", &[], &[]),
            ("no evens", &[1, 3], &[1, 3]),
            (
                "evens are added once, not again",
                &[1, 2, 3, 4],
                &[1, 2, 3, 4, 20, 40],
            ),
            ("zero is even", &[0], &[0, 0]),
        ];
        for (case, input, want) in cases {
            let mut a = input.to_vec();
            append_tens(&mut a);
            assert_eq!(a, want, "{case}: append_tens");

            let mut b = input.to_vec();
            append_tens_indexed(&mut b);
            assert_eq!(b, want, "{case}: append_tens_indexed");

            assert_eq!(with_tens(input), want, "{case}: with_tens");
        }
    }

    #[test]
    fn removing_and_taking_evens() {
        let cases = [
            ("empty", vec![], vec![], vec![]),
            (
                "mixed keeps order",
                vec![4, 1, 2, 3],
                vec![1, 3],
                vec![4, 2],
            ),
            ("all even", vec![2, 4], vec![], vec![2, 4]),
        ];
        for (case, input, odds, evens) in cases {
            let mut kept = input.clone();
            remove_evens(&mut kept);
            assert_eq!(kept, odds, "{case}: remove_evens");

            let mut rest = input;
            assert_eq!(take_evens(&mut rest), evens, "{case}: take_evens");
            assert_eq!(rest, odds, "{case}: what take_evens leaves");
        }
    }
}
// ANCHOR_END: tests
