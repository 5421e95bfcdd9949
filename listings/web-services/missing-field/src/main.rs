//! What serde does with a field the JSON leaves out: it refuses the input,
//! unless the struct says what to use instead. Go's encoding/json leaves
//! the zero value in place, which is what `#[serde(default)]` asks for.

// ANCHOR: program
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Strict {
    title: String,
}

#[derive(Debug, Deserialize)]
struct Lenient {
    #[serde(default)]
    title: String,
}

fn main() {
    // No title; and a field neither struct has, which serde ignores.
    let json = r#"{"body": "no title here"}"#;

    let strict = serde_json::from_str::<Strict>(json);
    println!("strict:  {strict:?}");
    assert!(strict.is_err());
    let titled: Strict = serde_json::from_str(r#"{"title": "groceries"}"#).unwrap();
    assert_eq!(titled.title, "groceries");

    let lenient: Lenient = serde_json::from_str(json).unwrap();
    println!("lenient: {lenient:?}");
    assert_eq!(lenient.title, "");
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::{Lenient, Strict};

    #[test]
    fn only_a_missing_field_tells_them_apart() {
        let cases = [
            (r#"{"title": "a"}"#, true, true),
            (r#"{"title": ""}"#, true, true),
            (r#"{}"#, false, true),
            (r#"{"title": null}"#, false, false),
        ];
        for (json, strict_ok, lenient_ok) in cases {
            assert_eq!(
                serde_json::from_str::<Strict>(json).is_ok(),
                strict_ok,
                "{json}"
            );
            assert_eq!(
                serde_json::from_str::<Lenient>(json).is_ok(),
                lenient_ok,
                "{json}"
            );
        }
    }
}
