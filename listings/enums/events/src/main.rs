//! A chat room's events as one enum whose variants carry their own data.
//! Where the Go twin needs an interface, three structs and a type switch
//! with a `default`, Rust needs one type and a `match` with no fallback.

// ANCHOR: types
/// Something that happened in a chat room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Joined {
        user: String,
    },
    Said {
        user: String,
        text: String,
    },
    Left {
        user: String,
        reason: Option<String>,
    },
}
// ANCHOR_END: types

// ANCHOR: describe
/// Renders an event as a line of the room's transcript.
pub fn describe(event: &Event) -> String {
    match event {
        Event::Joined { user } => format!("{user} joined"),
        Event::Said { user, text } => format!("{user}: {text}"),
        // Patterns nest: the two shapes of `Left` get an arm each.
        Event::Left { user, reason: None } => format!("{user} left"),
        Event::Left {
            user,
            reason: Some(reason),
        } => format!("{user} left ({reason})"),
    }
}
// ANCHOR_END: describe

// ANCHOR: main
fn main() {
    let transcript = [
        Event::Joined { user: "ana".into() },
        Event::Said {
            user: "ana".into(),
            text: "hi".into(),
        },
        Event::Left {
            user: "ana".into(),
            reason: Some("timeout".into()),
        },
    ];
    for event in &transcript {
        println!("{}", describe(event));
    }
    assert_eq!(describe(&transcript[2]), "ana left (timeout)");
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::{Event, describe};

    #[test]
    fn describes_each_kind_of_event() {
        let user = || "ana".to_string();
        let cases = [
            ("joined", Event::Joined { user: user() }, "ana joined"),
            (
                "said",
                Event::Said {
                    user: user(),
                    text: "hi".into(),
                },
                "ana: hi",
            ),
            (
                "left without a reason",
                Event::Left {
                    user: user(),
                    reason: None,
                },
                "ana left",
            ),
            (
                "left with a reason",
                Event::Left {
                    user: user(),
                    reason: Some("timeout".into()),
                },
                "ana left (timeout)",
            ),
        ];
        for (case, event, want) in cases {
            assert_eq!(describe(&event), want, "{case}");
        }
    }
}
// ANCHOR_END: tests
