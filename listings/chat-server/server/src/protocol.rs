//! The chat protocol: JSON text frames, one object per frame, whose `type`
//! field says which message it is.
//!
//! Client to server:
//!
//! | frame | meaning |
//! | --- | --- |
//! | `{"type":"join","name":"ada"}` | take a name; must come first, within the join timeout |
//! | `{"type":"message","text":"hi"}` | say something to everyone (yourself included) |
//! | `{"type":"leave"}` | leave; the server answers with a close frame (1000) |
//!
//! Server to client:
//!
//! | frame | meaning |
//! | --- | --- |
//! | `{"type":"joined","name":"ada","members":["ada","bob"]}` | you joined; everyone present, sorted |
//! | `{"type":"joined","name":"bob"}` | someone else joined |
//! | `{"type":"message","from":"ada","text":"hi"}` | someone (maybe you) said something |
//! | `{"type":"left","name":"bob"}` | someone left or went away |
//! | `{"type":"error","code":"rate_limited","message":"…"}` | your last frame was refused; the connection stays open unless the code is `join_timeout` |
//!
//! Close codes: 1000 after `leave`, 1001 when the server shuts down, 1002
//! when a frame breaks RFC 6455's framing rules, 1007 when a text frame is
//! not UTF-8, 1008 after `join_timeout` or when a client cannot keep up,
//! 1009 when a frame is larger than `--max-message-bytes`; a client's own
//! close frame is answered with its code.
//!
//! The Go twin (`protocol.go`) speaks exactly this; the conformance suite
//! checks both.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

// ANCHOR: client
/// What a client may send. The `type` field picks the variant, so
/// `{"type":"message","text":"hi"}` is `ClientMessage::Message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    Join { name: String },
    Message { text: String },
    Leave,
}
// ANCHOR_END: client

// ANCHOR: server
/// What the server sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    Joined {
        name: String,
        /// Only in the answer to your own `join`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        members: Option<Vec<String>>,
    },
    Message {
        from: String,
        text: String,
    },
    Left {
        name: String,
    },
    Error {
        code: ErrorCode,
        message: String,
    },
}

/// Why a frame was refused; serialized as `"rate_limited"` and so on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Not JSON at all.
    Malformed,
    /// JSON, but not a message we know: an unknown `type`, a missing field,
    /// a binary frame.
    BadMessage,
    NotJoined,
    AlreadyJoined,
    InvalidName,
    NameTaken,
    JoinTimeout,
    RateLimited,
    /// You read too slowly and missed broadcasts; the message says how many.
    Lagged,
}
// ANCHOR_END: server

impl ServerMessage {
    pub fn error(code: ErrorCode, message: impl Into<String>) -> ServerMessage {
        ServerMessage::Error {
            code,
            message: message.into(),
        }
    }

    /// The frame's text. Serializing these types cannot fail: they hold
    /// only strings and unit variants.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a ServerMessage always serializes")
    }
}

// ANCHOR: parse
/// Reads one text frame. The error is the frame to send back: the
/// connection stays open, so one bad frame costs the client nothing else.
pub fn parse(text: &str) -> Result<ClientMessage, ServerMessage> {
    // serde also reads a tagged enum from a list (`["join","ada"]`); a
    // frame is an object.
    let object = text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{');
    let parsed = if object {
        serde_json::from_str(text)
    } else {
        Err(serde::de::Error::custom("a frame is a JSON object"))
    };
    parsed.map_err(|e: serde_json::Error| {
        // serde stops at the first problem, which in `[1,` is "a list is not
        // a message". Only a frame that is not JSON at all is `malformed`.
        let is_json = serde_json::from_str::<IgnoredAny>(text).is_ok();
        let code = if is_json {
            ErrorCode::BadMessage
        } else {
            ErrorCode::Malformed
        };
        ServerMessage::error(code, e.to_string())
    })
}
// ANCHOR_END: parse

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
    use rstest::rstest;

    use super::*;

    // ANCHOR: tests
    #[rstest]
    #[case::join(
        r#"{"type":"join","name":"ada"}"#,
        Ok(ClientMessage::Join { name: "ada".into() })
    )]
    #[case::message(
        r#"{"type":"message","text":"hi"}"#,
        Ok(ClientMessage::Message { text: "hi".into() })
    )]
    #[case::leave(r#"{"type":"leave"}"#, Ok(ClientMessage::Leave))]
    #[case::extra_fields_are_ignored(r#"{"type":"leave","why":"bored"}"#, Ok(ClientMessage::Leave))]
    #[case::not_json("{nope", Err(ErrorCode::Malformed))]
    #[case::empty_frame("", Err(ErrorCode::Malformed))]
    #[case::cut_short("[1,", Err(ErrorCode::Malformed))]
    #[case::unknown_type(r#"{"type":"shout","text":"HI"}"#, Err(ErrorCode::BadMessage))]
    #[case::no_type(r#"{"text":"hi"}"#, Err(ErrorCode::BadMessage))]
    #[case::missing_field(r#"{"type":"join"}"#, Err(ErrorCode::BadMessage))]
    #[case::wrong_field_type(r#"{"type":"message","text":5}"#, Err(ErrorCode::BadMessage))]
    #[case::not_an_object("[1,2]", Err(ErrorCode::BadMessage))]
    #[case::a_list_in_the_shape_of_a_join(r#"["join","ada"]"#, Err(ErrorCode::BadMessage))]
    #[case::keys_as_spelled(r#"{"TYPE":"join","NAME":"ada"}"#, Err(ErrorCode::BadMessage))]
    #[case::a_field_given_twice(
        r#"{"type":"join","name":"ada","name":"bob"}"#,
        Err(ErrorCode::BadMessage)
    )]
    #[case::fields_of_other_messages_are_ignored(
        r#"{"type":"leave","text":5}"#,
        Ok(ClientMessage::Leave)
    )]
    fn parses_client_frames(#[case] frame: &str, #[case] want: Result<ClientMessage, ErrorCode>) {
        let got = parse(frame).map_err(|e| match e {
            ServerMessage::Error { code, .. } => code,
            other => panic!("parse returned {other:?} as an error"),
        });
        assert_eq!(got, want);
    }
    // ANCHOR_END: tests

    /// Frames that are mostly messages: a `type`, then fields picked from
    /// the protocol's names and a few others, with values of every kind
    /// (strings with escapes, a lone surrogate, a number too large for
    /// f64), and now and then something after the object.
    fn frames() -> impl Strategy<Value = String> {
        let types = prop::sample::select(
            &[r#""join""#, r#""message""#, r#""leave""#, r#""shout""#, "1"][..],
        );
        let keys = prop::sample::select(&["name", "text", "type", "NAME", "x"][..]);
        let values = prop::sample::select(
            &[
                r#""ada""#,
                r#""\ud800""#,
                r#""\ud83d\ude00 \\u0041""#,
                "5",
                "1e400",
                "null",
                "[]",
                "{}",
            ][..],
        );
        let fields = prop::collection::vec((keys, values), 0..4);
        (types, fields, "\\PC{0,3}").prop_map(|(kind, fields, tail)| {
            let mut frame = format!(r#"{{"type":{kind}"#);
            for (key, value) in fields {
                frame += &format!(r#","{key}":{value}"#);
            }
            frame + "}" + &tail
        })
    }

    proptest! {
        #![proptest_config(Config {
            cases: 2_000,
            rng_seed: RngSeed::Fixed(0x5EED),
            rng_algorithm: RngAlgorithm::ChaCha,
            ..Config::default()
        })]

        /// What the Go twin's FuzzParse (fuzz_test.go) checks: whatever the
        /// text, parse answers without panicking, and a message it accepts,
        /// written again as a client writes it, parses to the same message.
        #[test]
        fn an_accepted_frame_sent_again_parses_the_same(frame in frames()) {
            if let Ok(message) = parse(&frame) {
                let again = serde_json::to_string(&message).expect("a ClientMessage serializes");
                prop_assert_eq!(parse(&again), Ok(message), "{} written again as {}", frame, again);
            }
        }

        /// Any text at all: parse answers and never panics.
        #[test]
        fn parse_never_panics(text in "\\PC{0,40}") {
            let _ = parse(&text);
        }
    }

    #[test]
    fn server_frames_look_like_the_table_above() {
        let cases = [
            (
                ServerMessage::Joined {
                    name: "ada".into(),
                    members: Some(vec!["ada".into()]),
                },
                r#"{"type":"joined","name":"ada","members":["ada"]}"#,
            ),
            (
                ServerMessage::Joined {
                    name: "bob".into(),
                    members: None,
                },
                r#"{"type":"joined","name":"bob"}"#,
            ),
            (
                ServerMessage::Message {
                    from: "ada".into(),
                    text: "hi".into(),
                },
                r#"{"type":"message","from":"ada","text":"hi"}"#,
            ),
            (
                ServerMessage::Left { name: "bob".into() },
                r#"{"type":"left","name":"bob"}"#,
            ),
            (
                ServerMessage::error(ErrorCode::RateLimited, "slow down"),
                r#"{"type":"error","code":"rate_limited","message":"slow down"}"#,
            ),
        ];
        for (message, want) in cases {
            assert_eq!(message.to_json(), want);
        }
    }
}
