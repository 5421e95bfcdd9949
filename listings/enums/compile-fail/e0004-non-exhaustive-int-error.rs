//! `std::num::IntErrorKind` is `#[non_exhaustive]`: the standard library
//! keeps the right to add kinds, so code outside it needs a `_` arm even
//! when it lists every kind that exists today, as this match does.

use std::num::IntErrorKind;

fn advice(kind: &IntErrorKind) -> &'static str {
    match kind {
        IntErrorKind::Empty => "type a number",
        IntErrorKind::InvalidDigit => "use digits only",
        IntErrorKind::PosOverflow => "too big",
        IntErrorKind::NegOverflow => "too small",
        IntErrorKind::Zero => "zero is not allowed here",
    }
}

fn main() {
    let err = "".parse::<u8>().unwrap_err();
    println!("{}", advice(err.kind()));
}
