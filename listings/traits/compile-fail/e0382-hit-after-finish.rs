//! Uses a counter after a method that takes `self` consumed it.
//! rustc refuses: E0382.

#[derive(Default)]
struct Counter {
    hits: u32,
}

struct Report {
    hits: u32,
}

impl Counter {
    fn hit(&mut self) {
        self.hits += 1;
    }

    fn finish(self) -> Report {
        Report { hits: self.hits }
    }
}

fn main() {
    let mut counter = Counter::default();
    let report = counter.finish();
    counter.hit();
    println!("{}", report.hits);
}
