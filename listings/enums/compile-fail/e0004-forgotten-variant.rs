//! The mistake the Go twin's test shows, made in Rust: `Refunded` joined the
//! enum, `label` was not updated, and the build stops at the `match`.

#[derive(Debug, Clone, Copy)]
enum Status {
    Pending,
    Paid,
    Shipped,
    Refunded,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Status::Pending => "waiting for payment",
            Status::Paid => "paid, being packed",
            Status::Shipped => "on its way",
        }
    }
}

fn main() {
    println!("{}", Status::Refunded.label());
}
