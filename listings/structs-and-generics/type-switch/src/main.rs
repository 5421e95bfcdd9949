//! Go's type switch, two ways: an enum when the set of types is known (the
//! usual answer), and `dyn Any` with `downcast_ref` when it is not.

use std::any::Any;
use std::io;

// ANCHOR: value
/// The values the program handles, all known when it is written.
#[derive(Debug)]
pub enum Value {
    Nothing,
    Number(i64),
    Text(String),
    Failure(io::Error),
}

/// The type switch becomes a `match`, which the compiler checks covers
/// every variant.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Nothing => "nothing".to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::Text(s) => format!("the text {s:?}"),
        Value::Failure(e) => format!("a failure: {e}"),
    }
}
// ANCHOR_END: value

// ANCHOR: any
/// For a value whose type is not known here, `Any` asks "is it exactly
/// this type?", one type at a time. It cannot ask "does it implement
/// `Display`?", as a Go case can name an interface.
pub fn describe_any(v: &dyn Any) -> String {
    if let Some(n) = v.downcast_ref::<i64>() {
        format!("the number {n}")
    } else if let Some(s) = v.downcast_ref::<String>() {
        format!("the text {s:?}")
    } else {
        "something else".to_string()
    }
}

/// `v.(int)` with comma-ok: `downcast_ref` returns an `Option`.
pub fn port(v: &dyn Any) -> Option<i64> {
    v.downcast_ref::<i64>().copied()
}
// ANCHOR_END: any

// ANCHOR: main
fn main() {
    println!("{}", describe(&Value::Text("ok".to_string())));
    println!("{}", describe_any(&8080_i64));
    println!("{:?}", port(&"8080"));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_each_variant() {
        let failure = io::Error::new(io::ErrorKind::NotFound, "not found");
        let cases = [
            (Value::Nothing, "nothing"),
            (Value::Number(8080), "the number 8080"),
            (Value::Text("ok".to_string()), r#"the text "ok""#),
            (Value::Failure(failure), "a failure: not found"),
        ];
        for (v, want) in cases {
            assert_eq!(describe(&v), want, "{v:?}");
        }
    }

    #[test]
    fn downcast_matches_the_exact_type_only() {
        let cases: [(&dyn Any, &str); 4] = [
            (&8080_i64, "the number 8080"),
            (&"ok".to_string(), r#"the text "ok""#),
            (&8080_i32, "something else"), // an i32 is not an i64
            (&"ok", "something else"),     // a &str is not a String
        ];
        for (i, (v, want)) in cases.into_iter().enumerate() {
            assert_eq!(describe_any(v), want, "case {i}");
        }
    }

    #[test]
    fn port() {
        assert_eq!(super::port(&8080_i64), Some(8080));
        assert_eq!(super::port(&"8080"), None);
    }

    #[test]
    fn a_box_of_any_gives_back_the_value() {
        let boxed: Box<dyn Any> = Box::new("ok".to_string());
        let text: Box<String> = boxed.downcast().expect("a String");
        assert_eq!(*text, "ok");
    }
}
// ANCHOR_END: tests
