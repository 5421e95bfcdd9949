//! The chat protocol of step 2 after someone adds a message type: `Typing`,
//! which a client sends while its user types. `answer` has not learnt about
//! it yet, so the program does not compile: the match must handle every
//! variant, and rustc names the one that is missing.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    Join { name: String },
    Message { text: String },
    Leave,
    Typing,
}

fn answer(message: ClientMessage) -> String {
    match message {
        ClientMessage::Join { name } => format!("{name} joined"),
        ClientMessage::Message { text } => text,
        ClientMessage::Leave => "bye".to_owned(),
    }
}

fn main() {
    let message = serde_json::from_str(r#"{"type":"typing"}"#).expect("a known type");
    println!("{}", answer(message));
}
