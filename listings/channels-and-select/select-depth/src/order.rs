//! The order in which `select!` tries its branches. By default it starts at
//! a random branch and goes on in the written order, wrapping round; with
//! `biased;` it always starts at the first.

use std::future::{pending, ready};

// ANCHOR: tally
/// Runs `rounds` selects over three branches, of which the first two are
/// always ready and the third never is, and counts the wins of each.
pub async fn tally(rounds: u32) -> [u32; 3] {
    let mut wins = [0; 3];
    for _ in 0..rounds {
        let winner = tokio::select! {
            () = ready(()) => 0,
            () = ready(()) => 1,
            () = pending::<()>() => 2,
        };
        wins[winner] += 1;
    }
    wins
}

/// The same with `biased;`: the branches are tried in the written order.
pub async fn tally_biased(rounds: u32) -> [u32; 3] {
    let mut wins = [0; 3];
    for _ in 0..rounds {
        let winner = tokio::select! {
            biased;
            () = ready(()) => 0,
            () = ready(()) => 1,
            () = pending::<()>() => 2,
        };
        wins[winner] += 1;
    }
    wins
}
// ANCHOR_END: tally

#[cfg(test)]
mod tests {
    use super::*;

    const ROUNDS: u32 = 30_000;

    // ANCHOR: test
    /// A start at branch 0 or at branch 2 (never ready, so on to 0) makes
    /// branch 0 win: 2 chances in 3. Expected wins 20,000 and 10,000, with a
    /// standard deviation of about 82; the bounds are 24 deviations away,
    /// which chance does not reach.
    #[tokio::test]
    async fn the_branch_after_a_pending_one_wins_twice_as_often() {
        let [first, second, never] = tally(ROUNDS).await;
        assert!(
            (18_000..=22_000).contains(&first),
            "branch 0 won {first} times"
        );
        assert!(
            (8_000..=12_000).contains(&second),
            "branch 1 won {second} times"
        );
        assert_eq!(never, 0);
    }

    #[tokio::test]
    async fn biased_always_takes_the_first_ready_branch() {
        assert_eq!(tally_biased(ROUNDS).await, [ROUNDS, 0, 0]);
    }
    // ANCHOR_END: test
}
