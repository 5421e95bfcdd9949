//! The Go racy counter, translated: several threads increment one local
//! variable with no lock. The borrow checker refuses a second `&mut`.

use std::thread;

fn main() {
    let mut count = 0;
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..1000 {
                    count += 1;
                }
            });
        }
    });
    println!("{count}");
}
