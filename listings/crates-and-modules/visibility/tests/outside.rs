//! An integration test is compiled as a crate of its own, so it sees
//! exactly what a user of the library sees: `Store`, its `pub` methods,
//! and nothing from `slug`.

// ANCHOR: tests
use crates_and_modules_visibility::Store;

#[test]
fn counts_through_the_public_api() {
    let mut store = Store::default();
    let cases = [
        ("Blue Pen", "blue-pen"),
        ("blue  pen", "blue-pen"),
        ("Red_Ink", "red-ink"),
    ];
    for (name, key) in cases {
        assert_eq!(store.add(name), key, "add({name:?})");
    }
    assert_eq!(store.count("BLUE PEN"), 2);
    assert_eq!(store.count("green"), 0);
}
// ANCHOR_END: tests
