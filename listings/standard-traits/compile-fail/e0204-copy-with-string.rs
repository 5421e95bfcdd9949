//! Derives `Copy` for a struct that owns a `String`. A `Copy` type is
//! copied bit for bit, which a buffer on the heap cannot be: E0204.

#[derive(Clone, Copy)]
struct Order {
    id: u32,
    customer: String,
}

fn main() {
    let a = Order {
        id: 1,
        customer: "Ada".to_string(),
    };
    let b = a;
    println!("{} {}", a.id, b.customer);
}
