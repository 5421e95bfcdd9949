//! The state machine of the transitions listing after someone added a
//! `Returned` state: every (state, action) pair that mentions it is
//! undecided, and the compiler lists them.

#[derive(Debug, Clone, Copy)]
enum State {
    Pending,
    Paid,
    Shipped,
    Cancelled,
    Returned,
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Pay,
    Ship,
    Cancel,
}

fn next(state: State, action: Action) -> Option<State> {
    use Action::*;
    use State::*;
    match (state, action) {
        (Pending, Pay) => Some(Paid),
        (Paid, Ship) => Some(Shipped),
        (Pending | Paid, Cancel) => Some(Cancelled),
        (Pending, Ship) | (Paid, Pay) => None,
        (Shipped | Cancelled, Pay | Ship | Cancel) => None,
    }
}

fn main() {
    println!("{:?}", next(State::Returned, Action::Pay));
}
