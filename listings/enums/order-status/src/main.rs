//! An order's status as a Rust enum: every `match` on it must handle every
//! variant, so adding `Refunded` made the compiler point at `label` until
//! it learned the new case. The Go twin shows the same change without that
//! help.

// ANCHOR: definition
// ANCHOR: status
/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Paid,
    Shipped,
    Refunded,
}
// ANCHOR_END: status

// ANCHOR: label
impl Status {
    /// The text a customer sees for the status.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pending => "waiting for payment",
            Status::Paid => "paid, being packed",
            Status::Shipped => "on its way",
            Status::Refunded => "refunded",
        }
    }
}
// ANCHOR_END: label
// ANCHOR_END: definition

// ANCHOR: try_from
/// A status stored as a number (in a database column, say) comes back
/// through a checked conversion: there is no `Status` for 42.
impl TryFrom<u8> for Status {
    type Error = u8;

    fn try_from(code: u8) -> Result<Self, Self::Error> {
        match code {
            0 => Ok(Status::Pending),
            1 => Ok(Status::Paid),
            2 => Ok(Status::Shipped),
            3 => Ok(Status::Refunded),
            unknown => Err(unknown),
        }
    }
}
// ANCHOR_END: try_from

// ANCHOR: main
fn main() {
    for code in [0, 3, 42] {
        match Status::try_from(code) {
            Ok(status) => println!("{code}: {status:?} is shown as {:?}", status.label()),
            Err(unknown) => println!("{unknown}: no such status"),
        }
    }
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn every_status_has_a_label() {
        let cases = [
            (Status::Pending, "waiting for payment"),
            (Status::Paid, "paid, being packed"),
            (Status::Shipped, "on its way"),
            (Status::Refunded, "refunded"),
        ];
        for (status, want) in cases {
            assert_eq!(status.label(), want, "{status:?}");
        }
    }

    #[test]
    fn numbers_convert_only_when_they_name_a_status() {
        let cases = [
            (0, Ok(Status::Pending)),
            (3, Ok(Status::Refunded)),
            (42, Err(42)),
        ];
        for (code, want) in cases {
            assert_eq!(Status::try_from(code), want, "{code}");
        }
    }
}
// ANCHOR_END: tests
