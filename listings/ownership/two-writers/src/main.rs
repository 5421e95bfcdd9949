//! Two mutable places in one slice at once. rustc refuses two `&mut` into
//! the same slice (compile-fail/e0499-two-mutable-borrows.rs); these are the
//! versions that compile, beside the Go twin's two pointers.

use std::slice::GetDisjointMutError;

// ANCHOR: disjoint
/// Moves `amount` from one balance to another. `get_disjoint_mut` hands out
/// two mutable references after checking that the indices are in bounds
/// and different, and says which check failed otherwise.
pub fn transfer(
    balances: &mut [i64],
    from: usize,
    to: usize,
    amount: i64,
) -> Result<(), GetDisjointMutError> {
    let [src, dst] = balances.get_disjoint_mut([from, to])?;
    *src -= amount;
    *dst += amount;
    Ok(())
}
// ANCHOR_END: disjoint

// ANCHOR: by-index
/// The same with one write per statement: each borrow ends at its
/// semicolon, so the two never overlap. Out-of-bounds indices panic, as
/// they do in Go.
pub fn transfer_by_index(balances: &mut [i64], from: usize, to: usize, amount: i64) {
    balances[from] -= amount;
    balances[to] += amount;
}
// ANCHOR_END: by-index

fn main() {
    let mut balances = vec![100, 0];
    transfer(&mut balances, 0, 1, 30).expect("two different accounts");
    transfer_by_index(&mut balances, 1, 0, 10);
    assert_eq!(balances, [80, 20]);
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfers() {
        let cases = [
            ("forward", 0, 1, Ok(()), [70, 30]),
            ("backward", 1, 0, Ok(()), [130, -30]),
            (
                "to itself",
                0,
                0,
                Err(GetDisjointMutError::OverlappingIndices),
                [100, 0],
            ),
            (
                "no such account",
                0,
                2,
                Err(GetDisjointMutError::IndexOutOfBounds),
                [100, 0],
            ),
        ];
        for (case, from, to, result, want) in cases {
            let mut balances = [100, 0];
            assert_eq!(transfer(&mut balances, from, to, 30), result, "{case}");
            assert_eq!(balances, want, "{case}");
        }
    }

    #[test]
    fn transfer_by_index_to_itself_changes_nothing() {
        let mut balances = [100, 0];
        transfer_by_index(&mut balances, 0, 0, 30);
        assert_eq!(balances, [100, 0]);
    }

    #[test]
    #[should_panic(expected = "index out of bounds")]
    fn transfer_by_index_to_a_missing_account_panics() {
        transfer_by_index(&mut [100, 0], 0, 2, 30);
    }
}
// ANCHOR_END: tests
