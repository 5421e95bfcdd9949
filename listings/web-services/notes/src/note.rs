//! What a note is, what a client may send to create one, and the rules a new
//! note must satisfy. No HTTP and no SQL here: the rules are plain functions.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// The longest title, in characters (not bytes), that both twins accept.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest body, in characters.
pub const MAX_BODY_CHARS: usize = 10_000;

// ANCHOR: types
/// A stored note, as the API returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub title: String,
    pub body: String,
}

/// The JSON a client sends to create a note. A missing or `null` field
/// reads as the empty string, as it does in Go, so both twins reject it by
/// the same rule; any other key is refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub title: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub body: String,
}

/// Reads a string, or `null` as the empty string.
fn null_as_empty<'de, D: Deserializer<'de>>(input: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(input)?.unwrap_or_default())
}
// ANCHOR_END: types

/// A `T` read from a JSON object only. serde's derived `Deserialize` for a
/// struct also takes an array of its fields in order (`["title", "body"]`),
/// which no JSON client means and the Go twin refuses.
#[derive(Debug)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        struct ObjectOnly<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                // The derived code reads the object's fields from `map`.
                T::deserialize(MapAccessDeserializer::new(map)).map(Object)
            }
        }
        input.deserialize_map(ObjectOnly(PhantomData))
    }
}

// ANCHOR: validate
impl NewNote {
    /// Checks the rules a note must follow before it is stored, returning a
    /// message meant for the client.
    pub fn validate(&self) -> Result<(), String> {
        if self.title.trim().is_empty() {
            return Err("title must not be empty".into());
        }
        if self.title.chars().count() > MAX_TITLE_CHARS {
            return Err(format!(
                "title must be at most {MAX_TITLE_CHARS} characters"
            ));
        }
        if self.body.chars().count() > MAX_BODY_CHARS {
            return Err(format!("body must be at most {MAX_BODY_CHARS} characters"));
        }
        Ok(())
    }
}
// ANCHOR_END: validate

#[cfg(test)]
mod tests {
    use super::*;

    fn note(title: &str, body: &str) -> NewNote {
        NewNote {
            title: title.into(),
            body: body.into(),
        }
    }

    #[test]
    fn validation_rules() {
        let long_title = "é".repeat(MAX_TITLE_CHARS + 1);
        let cases = [
            ("a plain note is fine", note("groceries", "milk"), true),
            ("an empty body is fine", note("title only", ""), true),
            ("the title is required", note("", "text"), false),
            ("a blank title counts as empty", note(" \t", "text"), false),
            (
                "the limit counts characters",
                note(&"é".repeat(MAX_TITLE_CHARS), ""),
                true,
            ),
            ("one character too many", note(&long_title, ""), false),
            (
                "the body has a limit too",
                note("t", &"x".repeat(MAX_BODY_CHARS + 1)),
                false,
            ),
        ];
        for (case, input, ok) in cases {
            assert_eq!(input.validate().is_ok(), ok, "{case}");
        }
    }
}
