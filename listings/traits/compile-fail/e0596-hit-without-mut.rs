//! Calls a `&mut self` method through a binding that is not `mut`.
//! rustc refuses: E0596.

#[derive(Default)]
struct Counter {
    hits: u32,
}

impl Counter {
    fn hit(&mut self) {
        self.hits += 1;
    }
}

fn main() {
    let counter = Counter::default();
    counter.hit();
    println!("{}", counter.hits);
}
