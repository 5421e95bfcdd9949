//! What `#[derive]` writes, shown by writing it out by hand, and a
//! `macro_rules!` macro that writes an enum and its names: the code Go
//! programs get from `go generate`, produced at every build instead.

// ANCHOR: derived
mod derived {
    /// The derive writes `PartialEq` and `Debug` for every field.
    #[derive(Debug, PartialEq)]
    pub struct Label {
        pub name: String,
        pub weight: u8,
    }
}
// ANCHOR_END: derived

// ANCHOR: by-hand
mod by_hand {
    use std::fmt;

    /// The same struct, with the two impls the derive would write.
    pub struct Label {
        pub name: String,
        pub weight: u8,
    }

    impl PartialEq for Label {
        fn eq(&self, other: &Self) -> bool {
            self.name == other.name && self.weight == other.weight
        }
    }

    impl fmt::Debug for Label {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("Label")
                .field("name", &self.name)
                .field("weight", &self.weight)
                .finish()
        }
    }
}
// ANCHOR_END: by-hand

// ANCHOR: macro
/// Declares a fieldless enum, the list of its variants and a `name`
/// method that returns each variant's name as written.
macro_rules! named_enum {
    ($name:ident { $($variant:ident),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq)]
        enum $name {
            $($variant),+
        }

        impl $name {
            const ALL: &[$name] = &[$($name::$variant),+];

            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant)),+
                }
            }
        }
    };
}

named_enum!(Level {
    Debug,
    Info,
    Warn,
    Error
});
// ANCHOR_END: macro

// ANCHOR: main
fn main() {
    let a = derived::Label {
        name: "bug".to_string(),
        weight: 3,
    };
    let b = by_hand::Label {
        name: "bug".to_string(),
        weight: 3,
    };
    println!("{a:?}\n{b:?}");
    for level in Level::ALL {
        println!("{}", level.name());
    }
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_hand_matches_the_derive() {
        let cases = [("bug", 3, "bug", 3), ("bug", 3, "bug", 4), ("a", 1, "b", 1)];
        for (n1, w1, n2, w2) in cases {
            let d = |name: &str, weight| derived::Label {
                name: name.to_string(),
                weight,
            };
            let h = |name: &str, weight| by_hand::Label {
                name: name.to_string(),
                weight,
            };
            assert_eq!(d(n1, w1) == d(n2, w2), h(n1, w1) == h(n2, w2));
            assert_eq!(format!("{:?}", d(n1, w1)), format!("{:?}", h(n1, w1)));
            assert_eq!(format!("{:#?}", d(n1, w1)), format!("{:#?}", h(n1, w1)));
        }
    }

    #[test]
    fn the_macro_writes_names_and_the_list() {
        let names: Vec<_> = Level::ALL.iter().map(|l| l.name()).collect();
        assert_eq!(names, ["Debug", "Info", "Warn", "Error"]);
        assert_eq!(Level::Warn.name(), format!("{:?}", Level::Warn));
    }
}
// ANCHOR_END: tests
