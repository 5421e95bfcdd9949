//! Exhaustiveness reaches inside variants: this `describe` handles a `Left`
//! event with a reason and forgets the one without.

enum Event {
    Joined { user: String },
    Left { user: String, reason: Option<String> },
}

fn describe(event: &Event) -> String {
    match event {
        Event::Joined { user } => format!("{user} joined"),
        Event::Left {
            user,
            reason: Some(reason),
        } => format!("{user} left ({reason})"),
    }
}

fn main() {
    let event = Event::Left {
        user: "ana".into(),
        reason: None,
    };
    println!("{}", describe(&event));
}
