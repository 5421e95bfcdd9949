//! The binary beside the library: a crate of its own, which uses the
//! library by its crate name, as any other user would.

// ANCHOR: main
use crates_and_modules_visibility::Store;

fn main() {
    let mut store = Store::default();
    for name in std::env::args().skip(1) {
        store.add(&name);
    }
    println!("{store:?}");
}
// ANCHOR_END: main
