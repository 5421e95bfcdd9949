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
/// semicolon, so the two never overlap. An index out of bounds panics, as
/// in Go, and before anything is written, as the Go twin's two pointers
/// are both taken before either write; without the check, a missing `to`
/// would panic only after `from` had been debited.
pub fn transfer_by_index(balances: &mut [i64], from: usize, to: usize, amount: i64) {
    let accounts = balances.len();
    assert!(
        from < accounts && to < accounts,
        "index out of bounds: a transfer from {from} to {to} among {accounts} accounts"
    );
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
    fn transfer_by_index_to_a_missing_account_panics_and_writes_nothing() {
        for (from, to) in [(0, 2), (2, 0)] {
            let mut balances = [100, 0];
            let transfer = std::panic::AssertUnwindSafe(|| {
                transfer_by_index(&mut balances, from, to, 30);
            });
            let panic = std::panic::catch_unwind(transfer).unwrap_err();
            let message = panic.downcast_ref::<String>().unwrap();
            assert!(message.contains("index out of bounds"), "{message}");
            assert_eq!(balances, [100, 0], "{from} -> {to}");
        }
    }
}
// ANCHOR_END: tests
