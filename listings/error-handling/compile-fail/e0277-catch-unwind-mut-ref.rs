//! `catch_unwind` takes only closures that are `UnwindSafe`. This one
//! captures `&mut log`: if the panic came halfway through an update, the
//! caller would go on using a half-updated vector, so the compiler asks
//! for `AssertUnwindSafe` to make that a visible decision.

use std::panic;

fn main() {
    let mut log = Vec::new();
    let outcome = panic::catch_unwind(|| {
        log.push("started");
        panic!("the work failed");
    });
    println!("{outcome:?} after {log:?}");
}
