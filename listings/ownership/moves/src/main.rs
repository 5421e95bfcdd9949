//! Moves and clones: handing a `Vec` to a function moves it, `clone` makes a
//! second one, and the tests show which of the two copies the heap buffer.
//! The ownership chapter sets it beside Go, where assigning a slice shares
//! its backing array.

// ANCHOR: moves
/// Appends "!" to every name. It takes the vector by value: the caller's
/// vector moves in, is changed, and moves back out as the result.
fn shout(mut names: Vec<String>) -> Vec<String> {
    for name in &mut names {
        name.push('!');
    }
    names
}

fn main() {
    let names = vec!["ana".to_string(), "bo".to_string()];
    let before = names.clone(); // a second Vec holding copies of both Strings
    let loud = shout(names); // `names` moves into `shout`; it is gone from here on
    assert_eq!(loud, ["ana!", "bo!"]);
    assert_eq!(before, ["ana", "bo"]); // the clone is untouched
}
// ANCHOR_END: moves

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::shout;

    #[test]
    fn a_move_keeps_the_heap_buffer() {
        let names = vec!["ana".to_string()];
        let buffer = names.as_ptr();
        let moved = names; // copies three words (pointer, length, capacity), not the elements
        assert_eq!(moved.as_ptr(), buffer);
        let loud = shout(moved);
        assert_eq!(loud.as_ptr(), buffer, "shout hands the same buffer back");
    }

    #[test]
    fn a_clone_allocates_a_new_buffer() {
        let names = vec!["ana".to_string()];
        let copy = names.clone();
        assert_ne!(copy.as_ptr(), names.as_ptr());
        // Every String inside was copied too, each into its own allocation.
        assert_ne!(copy[0].as_ptr(), names[0].as_ptr());
    }

    #[test]
    fn shouting_a_clone_leaves_the_original_alone() {
        let cases = [
            ("no names", vec![], vec![]),
            ("one name", vec!["ana"], vec!["ana!"]),
            ("two names", vec!["ana", "bo"], vec!["ana!", "bo!"]),
        ];
        for (case, input, want) in cases {
            let original: Vec<String> = input.iter().map(|s| s.to_string()).collect();
            let loud = shout(original.clone());
            assert_eq!(loud, want, "{case}");
            assert_eq!(original, input, "{case}: the original changed");
        }
    }
}
// ANCHOR_END: tests
