//! Interface embedding, translated: Go builds `Resource` from `Named` and
//! `Closer` by embedding them; Rust declares them as supertraits, and a
//! blanket impl makes every type with both a `Resource`, as Go would.
//! A default method shows what a trait can carry that an interface cannot.

// ANCHOR: traits
pub trait Named {
    /// Borrowed from the value: a caller that wants its own copy can call
    /// `to_owned`, and one that only reads it pays for no allocation.
    fn name(&self) -> &str;

    /// A default method: every `Named` type gets it, written once here,
    /// and may override it.
    fn label(&self) -> String {
        format!("<{}>", self.name())
    }
}

pub trait Closer {
    fn close(&mut self) -> Result<(), String>;
}

/// A `Resource` is anything that is both `Named` and a `Closer`.
pub trait Resource: Named + Closer {}

/// Every type that has both is a `Resource`, with no further declaration.
impl<T: Named + Closer> Resource for T {}

/// Closes any resource and says what happened.
pub fn shut_down(resource: &mut dyn Resource) -> String {
    match resource.close() {
        Ok(()) => format!("closed {}", resource.label()),
        Err(e) => format!("{}: {e}", resource.label()),
    }
}
// ANCHOR_END: traits

// ANCHOR: database
/// A database connection, as far as this example cares.
pub struct Database {
    pub name: String,
    pub open: bool,
}

impl Named for Database {
    fn name(&self) -> &str {
        &self.name
    }
}

impl Closer for Database {
    fn close(&mut self) -> Result<(), String> {
        if !self.open {
            return Err("already closed".into());
        }
        self.open = false;
        Ok(())
    }
}
// ANCHOR_END: database

// ANCHOR: main
fn main() {
    let mut db = Database {
        name: "orders".into(),
        open: true,
    };
    assert_eq!(shut_down(&mut db), "closed <orders>");
    assert_eq!(shut_down(&mut db), "<orders>: already closed");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shutting_down() {
        let cases = [
            ("an open database closes", true, "closed <orders>", false),
            (
                "a closed one says so",
                false,
                "<orders>: already closed",
                false,
            ),
        ];
        for (case, open, want, still_open) in cases {
            let mut db = Database {
                name: "orders".into(),
                open,
            };
            assert_eq!(shut_down(&mut db), want, "{case}");
            assert_eq!(db.open, still_open, "{case}");
        }
    }
}
