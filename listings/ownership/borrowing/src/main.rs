//! Borrowing instead of moving: `&` lends a value to any number of readers,
//! `&mut` lends it to exactly one writer, and the owner keeps it afterwards.
//! The last pair of functions shows the bug that rule rules out, which the
//! Go twin's test demonstrates.

// ANCHOR: borrow
/// Reads the names through a shared borrow: the caller keeps ownership.
fn total_len(names: &[String]) -> usize {
    names.iter().map(String::len).sum()
}

/// Changes the names through a mutable borrow: nobody else may look at
/// them while this runs.
fn shout(names: &mut [String]) {
    for name in names {
        name.push('!');
    }
}

fn main() {
    let mut names = vec!["ana".to_string(), "bo".to_string()];
    let readers = (&names, &names); // as many shared borrows as you like
    assert_eq!(total_len(readers.0), total_len(readers.1));
    shout(&mut names); // the shared borrows are no longer used, so one writer may start
    assert_eq!(names, ["ana!", "bo!"]); // and `names` is still ours
}
// ANCHOR_END: borrow

// ANCHOR: offsets
/// Writes each element's distance from the first element of `src` into
/// `dst`. Because `dst` is `&mut` and `src` is `&`, they cannot be the same
/// slice, so `src[0]` cannot change halfway through.
pub fn offsets(dst: &mut [i32], src: &[i32]) {
    let Some(&first) = src.first() else { return };
    for (d, s) in dst.iter_mut().zip(src) {
        *d = s - first;
    }
}

/// The in-place version for when there is one slice: it copies the first
/// element out before writing, which is exactly what the aliased Go call
/// forgets to do.
pub fn offsets_in_place(xs: &mut [i32]) {
    let Some(&first) = xs.first() else { return };
    for x in xs {
        *x -= first;
    }
}
// ANCHOR_END: offsets

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_from_the_first_element() {
        let cases: [(&str, &[i32], &[i32]); 3] = [
            ("empty", &[], &[]),
            ("one", &[5], &[0]),
            ("three", &[5, 7, 9], &[0, 2, 4]),
        ];
        for (case, input, want) in cases {
            let mut dst = vec![0; input.len()];
            offsets(&mut dst, input);
            assert_eq!(dst, want, "{case}: offsets");

            let mut xs = input.to_vec();
            offsets_in_place(&mut xs);
            assert_eq!(xs, want, "{case}: offsets_in_place");
        }
    }

    #[test]
    fn borrowing_leaves_the_owner_in_charge() {
        let mut names = vec!["go".to_string()];
        assert_eq!(total_len(&names), 2);
        shout(&mut names);
        assert_eq!(total_len(&names), 3);
    }
}
// ANCHOR_END: tests
