//! An order's state machine as one `match` on a `(state, action)` pair.
//! The arms name every combination instead of ending in `_`, so a new
//! state or action makes the compiler list the pairs nobody has decided
//! about yet.

/// Where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Pending,
    Paid,
    Shipped,
    Cancelled,
}

/// What someone asks to do with an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Pay,
    Ship,
    Cancel,
}

// ANCHOR: next
/// The state an action leads to, or `None` when the action is not
/// allowed in that state.
pub fn next(state: State, action: Action) -> Option<State> {
    use Action::*;
    use State::*;
    match (state, action) {
        (Pending, Pay) => Some(Paid),
        (Paid, Ship) => Some(Shipped),
        (Pending | Paid, Cancel) => Some(Cancelled),
        // Refusals are listed too, so that they are decisions, not leftovers.
        (Pending, Ship) | (Paid, Pay) => None,
        (Shipped | Cancelled, Pay | Ship | Cancel) => None,
    }
}
// ANCHOR_END: next

// ANCHOR: is_final
impl State {
    /// Whether no action can change the state any more. `matches!` is a
    /// yes-or-no test with an implicit "otherwise false", so, unlike
    /// `match`, it does not make anyone revisit it when a state is added.
    pub fn is_final(self) -> bool {
        matches!(self, State::Shipped | State::Cancelled)
    }
}
// ANCHOR_END: is_final

// ANCHOR: main
fn main() {
    let mut state = State::Pending;
    for action in [Action::Pay, Action::Ship, Action::Cancel] {
        match next(state, action) {
            Some(to) => {
                println!("{state:?} --{action:?}--> {to:?}");
                state = to;
            }
            None => println!("{state:?}: {action:?} refused"),
        }
    }
    assert_eq!(state, State::Shipped);
    assert!(state.is_final());
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::{Action, State, next};

    #[test]
    fn allowed_and_refused_transitions() {
        let cases = [
            (
                "pay a pending order",
                State::Pending,
                Action::Pay,
                Some(State::Paid),
            ),
            (
                "ship a paid order",
                State::Paid,
                Action::Ship,
                Some(State::Shipped),
            ),
            (
                "cancel before shipping",
                State::Paid,
                Action::Cancel,
                Some(State::Cancelled),
            ),
            ("ship before paying", State::Pending, Action::Ship, None),
            (
                "cancel after shipping",
                State::Shipped,
                Action::Cancel,
                None,
            ),
            (
                "anything once cancelled",
                State::Cancelled,
                Action::Pay,
                None,
            ),
        ];
        for (case, from, action, want) in cases {
            assert_eq!(next(from, action), want, "{case}");
        }
    }

    #[test]
    fn final_states() {
        let cases = [
            (State::Pending, false),
            (State::Paid, false),
            (State::Shipped, true),
            (State::Cancelled, true),
        ];
        for (state, want) in cases {
            assert_eq!(state.is_final(), want, "{state:?}");
        }
    }
}
// ANCHOR_END: tests
