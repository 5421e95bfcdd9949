//! The differential suite: generated sessions played against both twins at
//! once, and every client's observations compared.
//!
//! A *case* is a short script: up to ten [`Step`]s, each an [`Action`] of
//! one of three clients (slots 0 to 2). A client connects (with odd
//! `Origin`, subprotocol, version, key, `Upgrade` or `Connection` headers,
//! or none), sends whole messages (join with names valid and not, messages
//! of every size around the limit, JSON that one decoder might take and
//! the other refuse, binary frames, text that is not UTF-8), in one frame
//! or fragmented with pings between the fragments, sends pings and pongs,
//! breaks the framing rules ([`Violation`]), sends close frames with any
//! code, or drops its TCP connection. A step on a slot with no connection
//! connects it first with a plain handshake. proptest generates the cases
//! from a fixed seed and shrinks a failing one.
//!
//! Each twin runs once for the whole run with every timer far beyond the
//! run's length (join, write, header timeouts; the rate limit is a
//! million a second), so no case depends on time. Beside the case's
//! clients sits an *observer*, a client joined as `observer` for the
//! whole run, and each case leaves the room as it found it: only the
//! observer in it.
//!
//! No sleeps: after each step the suite waits until every client has
//! received what the step causes, and no longer.
//! 1. The acting client reads until its *answer*: the server answers every
//!    whole message of a client that has not joined with exactly one frame
//!    (an error or the welcome), and every message of a member with either
//!    an error or the member's own message coming back through the room,
//!    unless the message ends the connection (close frame, or the
//!    connection just ends). A ping is answered by a pong, a close frame by
//!    the server's close frame or the connection's end; a pong and a
//!    framing violation are followed by a ping of the suite's own, whose
//!    pong (or the connection's end) is the answer.
//! 2. What the room hears: if the step made someone join, talk or leave
//!    (known from the acting client's own answer, so from the twin itself,
//!    not from a model), the observer reads until that broadcast. A member
//!    that leaves is announced only after its connection has closed, later
//!    than its close frame, which is why the observer waits for it.
//! 3. The observer then says `sync N`, and every member, the observer
//!    included, reads until that message: the room delivers in one order,
//!    so whatever the step broadcast has reached every member by then.
//!
//! Every read is bounded ([`WAIT`]); a client that hears nothing in time
//! records [`Seen::Silent`], the case is a difference if the other twin
//! answered, and both twins are restarted before the next case. After the
//! last step every open connection is dropped and the observer reads until
//! each member's `left`, so the next case starts in an empty room.
//!
//! What is compared: per step, the frames each client received, in order
//! (the JSON value, so key order and spacing do not matter), pongs and
//! their payloads, close codes, whether the connection ended, and the
//! handshake's HTTP status. [`INHERENT`] lists what is normalised away,
//! each entry with its reason; nothing else may differ.
//!
//! `DIFFERENTIAL_SEED` (a number, or `random`) and `DIFFERENTIAL_CASES`
//! override the seed and the case count; `DIFFERENTIAL_VERBOSE` prints each
//! case's time on each twin. A failure is shrunk, written to
//! `target/differential/chat-<seed>.txt`, and reported with both twins'
//! observations side by side and the case as a Rust expression that
//! [`compare`] takes.

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::io::Write as _;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use serde_json::{Value, json};
use testkit::{Server, Twin};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Control, Data, OpCode};
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{WebSocketStream, client_async};

/// `--max-message-bytes` for both twins; sizes are generated around it.
pub const LIMIT: usize = 512;

/// The flags both twins run with: every timer beyond the run's length.
pub const FLAGS: [&str; 14] = [
    "--join-timeout-ms",
    "600000",
    "--write-timeout-ms",
    "600000",
    "--header-timeout-ms",
    "600000",
    "--rate-per-sec",
    "1000000",
    "--buffer",
    "1024",
    "--max-message-bytes",
    "512",
    "--shutdown-grace-ms",
    "1000",
];

/// The longest one read may wait. Generous: no answer on loopback takes
/// long, and a twin that does not answer at all costs this much once.
pub const WAIT: Duration = Duration::from_secs(5);

const OBSERVER: &str = "observer";
const SLOTS: usize = 3;
const DEFAULT_SEED: u64 = 20_261_130;
const DEFAULT_CASES: u32 = 2000;

/// What the comparison normalises away. Nothing else may differ.
pub struct Inherent {
    pub what: &'static str,
    pub reason: &'static str,
}

pub const INHERENT: &[Inherent] = &[
    Inherent {
        what: "error.message",
        reason: "the human-readable text of an error frame; for malformed and bad_message \
                 frames it is the error of each language's JSON decoder (serde_json, \
                 encoding/json), worded differently; the contract fixes the type and the \
                 code, and that the message is a string",
    },
    Inherent {
        what: "close reason",
        reason: "the text after a close frame's code is for people; the contract fixes \
                 only the code (a client's own reason is echoed by tungstenite and dropped \
                 by gorilla, as RFC 6455 allows either)",
    },
    Inherent {
        what: "one-byte close payload",
        reason: "a close frame whose payload is one byte (not a whole code): tungstenite fails \
                 it with 1002 as RFC 6455 (section 5.5.1) asks, gorilla reads it as a close \
                 frame without a code and answers with an empty one, and gives the Go twin no \
                 way to tell the two apart; such frames are not generated",
    },
    Inherent {
        what: "close reason not UTF-8",
        reason: "a close frame whose reason is not UTF-8 fails the connection in both, but \
                 tungstenite reports it with the same Utf8 error as a text message that is not \
                 UTF-8, so the Rust twin closes with 1007, while gorilla closes with 1002 \
                 itself; RFC 6455 names no code for it; such frames are not generated",
    },
    Inherent {
        what: "pong before a 1007",
        reason: "tungstenite checks a fragmented text message's UTF-8 as each fragment \
                 arrives and fails the connection at the first bad fragment, before a ping \
                 sent after it; gorilla hands over whole messages, so the Go twin checks at \
                 the end and answers that ping first; both close with 1007; such pings are \
                 not generated",
    },
    Inherent {
        what: "pong order",
        reason: "a pong is written by the connection's reader as soon as it reads the ping \
                 while answers go through the writer, so where a pong falls among a \
                 member's frames depends on scheduling in both twins; the pongs are \
                 compared in their own order",
    },
];

fn inherent(what: &str) -> bool {
    INHERENT.iter().any(|i| i.what == what)
}

// ---------------------------------------------------------------------------
// Cases

/// One step of a case: what client `client` (0 to 2) does.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub client: usize,
    pub action: Action,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Opens the slot's connection (nothing happens if it is open).
    Connect(Handshake),
    /// One whole message.
    Send(Outgoing),
    Ping(Vec<u8>),
    Pong(Vec<u8>),
    /// A close frame: no payload, or a code and a reason.
    Close(Option<(u16, String)>),
    /// Closes the TCP connection without a close frame.
    Drop,
    Violate(Violation),
}

/// The handshake's headers. `None` leaves tungstenite's own value.
#[derive(Clone, Debug, PartialEq)]
pub struct Handshake {
    pub origin: Origin,
    pub protocol: Option<&'static str>,
    pub version: Option<&'static str>,
    pub key: Option<&'static str>,
    pub upgrade: Option<&'static str>,
    pub connection: Option<&'static str>,
}

impl Handshake {
    pub const PLAIN: Handshake = Handshake {
        origin: Origin::None,
        protocol: None,
        version: None,
        key: None,
        upgrade: None,
        connection: None,
    };
}

/// The `Origin` header, relative to the server's own address `A`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Origin {
    None,
    /// `http://A`
    Same,
    /// `HTTP://A`
    SameUpperScheme,
    /// `https://A`
    SameHttps,
    /// `http://A/`
    SameSlash,
    /// `http://A/chat`
    SamePath,
    /// `http://user@A`
    SameUserinfo,
    /// `http://localhost:PORT`
    Localhost,
    /// `http://evil.example`
    OtherHost,
    /// `http://127.0.0.1:1`
    OtherPort,
    /// `null`, as an opaque origin is sent
    Null,
    /// an empty value
    Empty,
    /// `::not a url`
    Garbage,
}

impl Origin {
    fn value(self, addr: SocketAddr) -> Option<String> {
        let port = addr.port();
        Some(match self {
            Origin::None => return None,
            Origin::Same => format!("http://{addr}"),
            Origin::SameUpperScheme => format!("HTTP://{addr}"),
            Origin::SameHttps => format!("https://{addr}"),
            Origin::SameSlash => format!("http://{addr}/"),
            Origin::SamePath => format!("http://{addr}/chat"),
            Origin::SameUserinfo => format!("http://user@{addr}"),
            Origin::Localhost => format!("http://localhost:{port}"),
            Origin::OtherHost => "http://evil.example".into(),
            Origin::OtherPort => "http://127.0.0.1:1".into(),
            Origin::Null => "null".into(),
            Origin::Empty => String::new(),
            Origin::Garbage => "::not a url".into(),
        })
    }
}

/// One message, whole or cut into `fragments` frames, with a ping between
/// each two fragments if `ping_between`.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub binary: bool,
    pub payload: Vec<u8>,
    pub fragments: usize,
    pub ping_between: bool,
}

impl Outgoing {
    /// A text message in one frame.
    pub fn text(text: &str) -> Outgoing {
        Outgoing {
            binary: false,
            payload: text.as_bytes().to_vec(),
            fragments: 1,
            ping_between: false,
        }
    }

    fn frames(&self) -> Vec<Frame> {
        let count = self.fragments.max(1);
        let size = self.payload.len().div_ceil(count).max(1);
        let mut pieces: Vec<&[u8]> = self.payload.chunks(size).collect();
        pieces.resize(count, &[]);
        let mut frames = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            let opcode = match (i, self.binary) {
                (0, false) => OpCode::Data(Data::Text),
                (0, true) => OpCode::Data(Data::Binary),
                _ => OpCode::Data(Data::Continue),
            };
            let last = i + 1 == count;
            frames.push(Frame::message(piece.to_vec(), opcode, last));
            if self.ping_between && !last {
                frames.push(Frame::ping(format!("mid {i}").into_bytes()));
            }
        }
        frames
    }

    fn pings(&self) -> usize {
        if self.ping_between {
            self.fragments.max(1) - 1
        } else {
            0
        }
    }
}

/// Frames no conforming client sends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Violation {
    /// A continuation frame with no message to continue.
    ContinuationFirst,
    /// A new text frame while a fragmented message is unfinished.
    NewMessageMidFragment,
    /// Data opcode 3, which RFC 6455 reserves.
    ReservedDataOpcode,
    /// Control opcode 11, reserved.
    ReservedControlOpcode,
    /// A text frame with RSV1 set, with no extension agreed.
    Rsv1,
    /// A ping of 126 bytes (control frames carry at most 125).
    LongPing,
    /// A ping without FIN.
    FragmentedPing,
    /// A close frame whose payload is one byte.
    CloseOneByte,
    /// A close frame whose reason is not UTF-8.
    CloseReasonNotUtf8,
}

impl Violation {
    fn frames(self) -> Vec<Frame> {
        let text = |data: &[u8], fin| Frame::message(data.to_vec(), OpCode::Data(Data::Text), fin);
        let raw = |opcode, data: &[u8]| {
            let mut frame = Frame::message(data.to_vec(), OpCode::Data(Data::Text), true);
            frame.header_mut().opcode = opcode;
            frame
        };
        match self {
            Violation::ContinuationFirst => vec![raw(OpCode::Data(Data::Continue), b"{}")],
            Violation::NewMessageMidFragment => {
                vec![text(b"{\"type\":", false), text(b"{}", true)]
            }
            Violation::ReservedDataOpcode => vec![raw(OpCode::Data(Data::Reserved(3)), b"{}")],
            Violation::ReservedControlOpcode => {
                vec![raw(OpCode::Control(Control::Reserved(11)), b"")]
            }
            Violation::Rsv1 => {
                let mut frame = text(br#"{"type":"leave"}"#, true);
                frame.header_mut().rsv1 = true;
                vec![frame]
            }
            Violation::LongPing => vec![Frame::ping(vec![b'p'; 126])],
            Violation::FragmentedPing => {
                let mut frame = Frame::ping(b"half".to_vec());
                frame.header_mut().is_final = false;
                vec![frame]
            }
            Violation::CloseOneByte => vec![raw(OpCode::Control(Control::Close), &[3])],
            Violation::CloseReasonNotUtf8 => {
                vec![raw(OpCode::Control(Control::Close), &[3, 232, 0xff, 0xfe])]
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Generators

fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// Names: valid ones from a small pool (so that duplicates happen), the
/// observer's, random valid ones, and every kind of invalid one.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec!["ada", "bob", "cy", OBSERVER]).prop_map(String::from),
        2 => "[A-Za-z0-9_-]{1,20}",
        1 => "[a-z]{21,24}",
        1 => prop::sample::select(vec![
            "", " ", " ada", "ada ", "zoë", "名前", "a\u{0}b", "a\tb", "a\nb", "ada\u{7f}",
            "<b>", "a/b", "a.b", "ａｄａ",
        ])
        .prop_map(String::from),
        1 => Just("n".repeat(300)),
    ]
}

/// Message texts, as Rust strings.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["hi", "", " ", "héllo 👋", "</p><script>alert(1)</script>",
            "\u{0}\u{1f}\t\n", "\u{feff}bom", "\u{fffd}"])
        .prop_map(String::from),
        2 => "\\PC{0,24}",
        1 => "[a-z]{100,300}",
    ]
}

/// A JSON value to stand where a string field goes: usually a string, but
/// also every other kind of value and escapes that are not Unicode.
fn field_value(string: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        12 => string.prop_map(|s| json_string(&s)),
        1 => prop::sample::select(vec![
            "5", "5.5", "-0", "1e400", "true", "null", "[]", "{}", "[\"ada\"]", "{\"name\":\"ada\"}",
            r#""\ud800""#, r#""\udc00x""#, r#""\ud83d\ude00""#, r#""a\u0000b""#, r#""\u0041da""#,
        ])
        .prop_map(String::from),
    ]
}

/// The shapes a message can take around its fields: extra, missing,
/// repeated or differently cased keys, trailing data, deep nesting.
#[derive(Clone, Copy, Debug)]
enum Shape {
    Plain,
    Extra,
    TagLast,
    Duplicate,
    DuplicateType,
    UpperKeys,
    UpperType,
    Missing,
    NullField,
    TypeNotString,
    NoType,
    Trailing(&'static str),
    Leading(&'static str),
    Nested(usize),
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        20 => Just(Shape::Plain),
        1 => Just(Shape::Extra),
        1 => Just(Shape::TagLast),
        1 => Just(Shape::Duplicate),
        1 => Just(Shape::DuplicateType),
        1 => Just(Shape::UpperKeys),
        1 => Just(Shape::UpperType),
        1 => Just(Shape::Missing),
        1 => Just(Shape::NullField),
        1 => Just(Shape::TypeNotString),
        1 => Just(Shape::NoType),
        1 => prop::sample::select(vec![" ", "\n", "x", "{}", "[]", "\u{0}"]).prop_map(Shape::Trailing),
        1 => prop::sample::select(vec![" \t\r\n", "\u{feff}"]).prop_map(Shape::Leading),
        1 => prop::sample::select(vec![10usize, 126, 127, 128, 129, 200]).prop_map(Shape::Nested),
    ]
}

fn shaped(kind: &str, field: &str, value: &str, shape: Shape) -> String {
    let t = json_string(kind);
    match shape {
        Shape::Plain => format!(r#"{{"type":{t},"{field}":{value}}}"#),
        Shape::Extra => format!(r#"{{"type":{t},"{field}":{value},"extra":[1,{{"a":null}}]}}"#),
        Shape::TagLast => format!(r#"{{"{field}":{value},"type":{t}}}"#),
        Shape::Duplicate => format!(r#"{{"type":{t},"{field}":{value},"{field}":"ada"}}"#),
        Shape::DuplicateType => format!(r#"{{"type":{t},"type":"leave","{field}":{value}}}"#),
        Shape::UpperKeys => {
            let upper = field.to_uppercase();
            format!(r#"{{"TYPE":{t},"{upper}":{value}}}"#)
        }
        Shape::UpperType => {
            let upper = json_string(&kind.to_uppercase());
            format!(r#"{{"type":{upper},"{field}":{value}}}"#)
        }
        Shape::Missing => format!(r#"{{"type":{t}}}"#),
        Shape::NullField => format!(r#"{{"type":{t},"{field}":null}}"#),
        Shape::TypeNotString => format!(r#"{{"type":5,"{field}":{value}}}"#),
        Shape::NoType => format!(r#"{{"{field}":{value}}}"#),
        Shape::Trailing(tail) => format!(r#"{{"type":{t},"{field}":{value}}}{tail}"#),
        Shape::Leading(head) => format!(r#"{head}{{"type":{t},"{field}":{value}}}"#),
        Shape::Nested(depth) => {
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            format!(r#"{{"type":{t},"{field}":{value},"x":{deep}}}"#)
        }
    }
}

fn text_frame(text: String) -> (bool, Vec<u8>) {
    (false, text.into_bytes())
}

/// A `message` frame of exactly `size` bytes, its text made of `unit`.
fn sized_message(size: usize, unit: &str) -> Vec<u8> {
    let empty = shaped("message", "text", "\"\"", Shape::Plain);
    let room = size.saturating_sub(empty.len());
    let mut text = unit.repeat(room / unit.len());
    text.push_str(&"x".repeat(room - text.len()));
    shaped("message", "text", &json_string(&text), Shape::Plain).into_bytes()
}

fn payload() -> impl Strategy<Value = (bool, Vec<u8>)> {
    let join = (field_value(name().boxed()), shape())
        .prop_map(|(name, shape)| text_frame(shaped("join", "name", &name, shape)));
    let message = (field_value(text().boxed()), shape())
        .prop_map(|(text, shape)| text_frame(shaped("message", "text", &text, shape)));
    let leave = prop::sample::select(vec![
        r#"{"type":"leave"}"#,
        r#"{"type":"leave","name":"ada"}"#,
        r#"{"type":"leave","text":5}"#,
        r#"{"type":"Leave"}"#,
        r#"{"type":"leave"}{"type":"leave"}"#,
    ])
    .prop_map(|s| text_frame(s.into()));
    let other = prop::sample::select(vec![
        r#"{"type":"shout","text":"HI"}"#,
        r#"{"type":"joined","name":"ada"}"#,
        r#"{"type":"error","code":"x"}"#,
        r#"{"type":""}"#,
        r#"{}"#,
        "[]",
        r#"["join","ada"]"#,
        "42",
        "null",
        "true",
        r#""join""#,
        "",
        " ",
        "{not json",
        "[1,",
        "nul",
        r#"{"type":"message","text":"unterminated}"#,
        r#"{"type":"message","text":"a" "b"}"#,
        r#"{'type':'leave'}"#,
        r#"{"type":"leave",}"#,
        "NaN",
    ])
    .prop_map(|s| text_frame(s.into()));
    let invalid_utf8 = prop::sample::select(vec![
        b"\xff".to_vec(),
        b"{\"type\":\"message\",\"text\":\"\xc3\"}".to_vec(),
        b"{\"type\":\"join\",\"name\":\"\xc0\xaf\"}".to_vec(),
        b"{\"type\":\"message\",\"text\":\"\xed\xa0\x80\"}".to_vec(),
        b"{\"type\":\"message\",\"text\":\"\xf0\x9f\x98\"}".to_vec(),
    ])
    .prop_map(|bytes| (false, bytes));
    let binary = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..16),
        Just(br#"{"type":"join","name":"ada"}"#.to_vec()),
        Just(br#"{"type":"message","text":"hi"}"#.to_vec()),
    ]
    .prop_map(|bytes| (true, bytes));
    let sizes = vec![LIMIT - 1, LIMIT, LIMIT + 1, 2 * LIMIT, 8 * LIMIT];
    let sized = (
        prop::sample::select(sizes),
        prop::sample::select(vec!["x", "é", "👋"]),
    )
        .prop_map(|(size, unit)| (false, sized_message(size, unit)));
    let sized_binary =
        prop::sample::select(vec![LIMIT, LIMIT + 1]).prop_map(|n| (true, vec![0; n]));
    prop_oneof![
        8 => join,
        6 => message,
        2 => leave,
        3 => other,
        1 => invalid_utf8,
        1 => binary,
        2 => sized,
        1 => sized_binary,
    ]
}

fn outgoing() -> impl Strategy<Value = Outgoing> {
    (
        payload(),
        prop_oneof![6 => Just(1usize), 1 => 2..=4usize],
        any::<bool>(),
    )
        .prop_map(|((binary, payload), fragments, ping)| {
            let invalid_text = !binary && std::str::from_utf8(&payload).is_err();
            let early = invalid_text && inherent("pong before a 1007");
            Outgoing {
                binary,
                payload,
                fragments,
                ping_between: ping && fragments > 1 && !early,
            }
        })
}

fn handshake() -> impl Strategy<Value = Handshake> {
    let origin = prop_oneof![
        4 => Just(Origin::None),
        2 => Just(Origin::Same),
        1 => prop::sample::select(vec![
            Origin::SameUpperScheme, Origin::SameHttps, Origin::SameSlash, Origin::SamePath,
            Origin::SameUserinfo, Origin::Localhost, Origin::OtherHost, Origin::OtherPort,
            Origin::Null, Origin::Empty, Origin::Garbage,
        ]),
    ];
    let sometimes = |values: Vec<&'static str>| prop_oneof![6 => Just(None), 1 => prop::sample::select(values).prop_map(Some)];
    (
        origin,
        sometimes(vec!["chat", "chat, superchat", ""]),
        sometimes(vec!["12", "14", "13, 8", ""]),
        sometimes(vec!["not base64!", "c2hvcnQ=", ""]),
        sometimes(vec!["WebSocket", "h2c", ""]),
        sometimes(vec!["keep-alive, Upgrade", "keep-alive", "close"]),
    )
        .prop_map(
            |(origin, protocol, version, key, upgrade, connection)| Handshake {
                origin,
                protocol,
                version,
                key,
                upgrade,
                connection,
            },
        )
}

fn action() -> impl Strategy<Value = Action> {
    let close_code = prop::sample::select(vec![
        1000u16, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
        1014, 1015, 1016, 999, 0, 2999, 3000, 4000, 4999, 5000,
    ]);
    let reason = prop::sample::select(
        vec!["", "bye", "é", &"r".repeat(123)[..]]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>(),
    );
    let close = prop_oneof![
        1 => Just(None),
        4 => (close_code, reason).prop_map(Some),
    ];
    let violation = prop::sample::select(
        [
            Violation::ContinuationFirst,
            Violation::NewMessageMidFragment,
            Violation::ReservedDataOpcode,
            Violation::ReservedControlOpcode,
            Violation::Rsv1,
            Violation::LongPing,
            Violation::FragmentedPing,
        ]
        .into_iter()
        .chain((!inherent("one-byte close payload")).then_some(Violation::CloseOneByte))
        .chain((!inherent("close reason not UTF-8")).then_some(Violation::CloseReasonNotUtf8))
        .collect::<Vec<_>>(),
    );
    prop_oneof![
        2 => handshake().prop_map(Action::Connect),
        16 => outgoing().prop_map(Action::Send),
        1 => prop::collection::vec(any::<u8>(), 0..=125).prop_map(Action::Ping),
        1 => prop::collection::vec(any::<u8>(), 0..=8).prop_map(Action::Pong),
        1 => close.prop_map(Action::Close),
        1 => Just(Action::Drop),
        1 => violation.prop_map(Action::Violate),
    ]
}

/// The generator of cases.
pub fn case() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (0..SLOTS, action()).prop_map(|(client, action)| Step { client, action }),
        1..=10,
    )
}

// ---------------------------------------------------------------------------
// Cases as Rust source

fn bytes_literal(bytes: &[u8]) -> String {
    let escaped: String = bytes
        .iter()
        .flat_map(|b| std::ascii::escape_default(*b))
        .map(char::from)
        .collect();
    format!("b\"{escaped}\".to_vec()")
}

impl Step {
    /// The step as a Rust expression.
    pub fn rust(&self) -> String {
        let action = match &self.action {
            Action::Connect(h) => format!(
                "Action::Connect(Handshake {{ origin: Origin::{:?}, protocol: {:?}, version: {:?}, key: {:?}, upgrade: {:?}, connection: {:?} }})",
                h.origin, h.protocol, h.version, h.key, h.upgrade, h.connection
            ),
            Action::Send(o) => format!(
                "Action::Send(Outgoing {{ binary: {}, payload: {}, fragments: {}, ping_between: {} }})",
                o.binary,
                bytes_literal(&o.payload),
                o.fragments,
                o.ping_between
            ),
            Action::Ping(p) => format!("Action::Ping({})", bytes_literal(p)),
            Action::Pong(p) => format!("Action::Pong({})", bytes_literal(p)),
            Action::Close(None) => "Action::Close(None)".into(),
            Action::Close(Some((code, reason))) => {
                format!("Action::Close(Some(({code}, {reason:?}.into())))")
            }
            Action::Drop => "Action::Drop".into(),
            Action::Violate(v) => format!("Action::Violate(Violation::{v:?})"),
        };
        format!("Step {{ client: {}, action: {action} }}", self.client)
    }

    /// A short description for reports.
    fn describe(&self) -> String {
        let what = match &self.action {
            Action::Send(o) => {
                let kind = if o.binary { "binary" } else { "text" };
                let shown = String::from_utf8_lossy(&o.payload);
                let shown: String = shown.chars().take(120).collect();
                let more = if o.payload.len() > 120 { "…" } else { "" };
                let cut = if o.fragments > 1 {
                    format!(" in {} fragments", o.fragments)
                } else {
                    String::new()
                };
                let pings = if o.ping_between {
                    ", pings between"
                } else {
                    ""
                };
                format!(
                    "sends {kind} ({} bytes{cut}{pings}) {shown:?}{more}",
                    o.payload.len()
                )
            }
            other => format!("{other:?}"),
        };
        format!("client {} {what}", self.client)
    }
}

/// A case as a Rust expression.
pub fn source(steps: &[Step]) -> String {
    let mut out = String::from("vec![\n");
    for step in steps {
        let _ = writeln!(out, "    {},", step.rust());
    }
    out.push(']');
    out
}

// ---------------------------------------------------------------------------
// Observations

/// What one client observed.
#[derive(Clone, Debug, PartialEq)]
pub enum Seen {
    /// The handshake's outcome: `101`, another HTTP status, or why the
    /// client gave up.
    Handshake(String),
    Frame(Value),
    Binary(Vec<u8>),
    Pong(Vec<u8>),
    /// A close frame: its code (none if the payload was empty) and reason.
    Close(Option<u16>, String),
    /// The connection ended (without a close frame, or after one).
    Ended,
    /// Nothing arrived within [`WAIT`].
    Silent,
}

/// What each client observed in one step, in a fixed order of clients.
type Heard = Vec<(String, Vec<Seen>)>;

fn normalise(seen: &[Seen]) -> Vec<Seen> {
    let mut out: Vec<Seen> = seen
        .iter()
        .map(|s| match s {
            Seen::Frame(v) if v["type"] == "error" && inherent("error.message") => {
                let mut v = v.clone();
                if v["message"].is_string() {
                    v["message"] = json!("…");
                }
                Seen::Frame(v)
            }
            Seen::Close(code, _) if inherent("close reason") => Seen::Close(*code, String::new()),
            other => other.clone(),
        })
        .collect();
    if inherent("pong order") {
        out.sort_by_key(|s| matches!(s, Seen::Pong(_)));
    }
    out
}

/// One twin's observations of a case: per step, per client.
#[derive(Debug, Default)]
pub struct Transcript {
    pub steps: Vec<Heard>,
    /// A read timed out or the observer was lost: restart before the next
    /// case, since the room may not be empty.
    pub dirty: bool,
    /// How long the case took this twin.
    pub took: Duration,
}

// ---------------------------------------------------------------------------
// Playing a case

type Ws = WebSocketStream<TcpStream>;

#[derive(Default)]
struct Slot {
    ws: Option<Ws>,
    /// The name the client joined under, as its welcome said.
    name: Option<String>,
}

/// One twin, started once, with its observer joined.
struct Live {
    server: Server,
    observer: Ws,
    sync: u64,
}

impl Live {
    async fn start(twin: &Twin) -> Live {
        let twin = twin.clone();
        let server = tokio::task::spawn_blocking(move || twin.start_with(FLAGS))
            .await
            .expect("starting does not panic");
        let (Seen::Handshake(status), Some(mut observer)) =
            connect(server.addr(), &Handshake::PLAIN).await
        else {
            panic!("the {} twin's observer cannot connect", server.language);
        };
        assert_eq!(status, "101");
        send(
            &mut observer,
            Frame::message(join_frame(OBSERVER), OpCode::Data(Data::Text), true),
        )
        .await;
        let welcome = next(&mut observer).await;
        assert!(
            matches!(&welcome, Seen::Frame(v) if v["type"] == "joined"),
            "the {} twin's observer did not join: {welcome:?}",
            server.language
        );
        Live {
            server,
            observer,
            sync: 0,
        }
    }

    /// Plays `steps`, then empties the room.
    async fn play(&mut self, steps: &[Step]) -> Transcript {
        let started = Instant::now();
        let mut slots: Vec<Slot> = (0..SLOTS).map(|_| Slot::default()).collect();
        let mut transcript = Transcript::default();
        for step in steps {
            let heard = self.step(&mut slots, step).await;
            transcript.steps.push(heard);
        }
        transcript.steps.push(self.cleanup(&mut slots).await);
        transcript.dirty = transcript
            .steps
            .iter()
            .flatten()
            .any(|(_, seen)| seen.contains(&Seen::Silent));
        transcript.took = started.elapsed();
        transcript
    }

    async fn step(&mut self, slots: &mut [Slot], step: &Step) -> Heard {
        let addr = self.server.addr();
        let slot = &mut slots[step.client];
        let mut mine = Vec::new();
        if slot.ws.is_none() {
            let handshake = match &step.action {
                Action::Connect(h) => h.clone(),
                _ => Handshake::PLAIN,
            };
            let (outcome, ws) = connect(addr, &handshake).await;
            mine.push(outcome);
            slot.ws = ws;
            slot.name = None;
        }
        let joined = slot.name.clone();
        let mut event = None;
        if let Some(ws) = slot.ws.as_mut() {
            match &step.action {
                Action::Connect(_) => {}
                Action::Send(out) => {
                    for frame in out.frames() {
                        send(ws, frame).await;
                    }
                    answer(ws, &mut mine, joined.as_deref(), true, out.pings()).await;
                }
                Action::Ping(data) => {
                    send(ws, Frame::ping(data.clone())).await;
                    answer(ws, &mut mine, None, false, 1).await;
                }
                Action::Pong(data) => {
                    send(ws, Frame::pong(data.clone())).await;
                    barrier(ws, &mut mine).await;
                }
                Action::Close(close) => {
                    let frame = Frame::close(close.as_ref().map(|(code, reason)| CloseFrame {
                        code: CloseCode::from(*code),
                        reason: reason.clone().into(),
                    }));
                    send(ws, frame).await;
                    // The server answers a close frame with its own, or
                    // just ends the connection.
                    read_until(ws, &mut mine, |_| false).await;
                }
                Action::Drop => {
                    slot.ws = None;
                    mine.push(Seen::Ended);
                }
                Action::Violate(violation) => {
                    for frame in violation.frames() {
                        send(ws, frame).await;
                    }
                    barrier(ws, &mut mine).await;
                }
            }
            if mine
                .iter()
                .any(|s| matches!(s, Seen::Close(..) | Seen::Ended))
            {
                slot.ws = None;
                slot.name = None;
                event = joined.map(|name| json!({"type": "left", "name": name}));
            } else if let Some(name) = &joined {
                event = mine.iter().find_map(|s| match s {
                    Seen::Frame(v) if v["type"] == "message" && v["from"] == name.as_str() => {
                        Some(v.clone())
                    }
                    _ => None,
                });
            } else if let Some(name) = mine.iter().find_map(welcome_name) {
                slot.name = Some(name.clone());
                event = Some(json!({"type": "joined", "name": name}));
            }
        }
        let mut heard = vec![(format!("client {}", step.client), mine)];
        let mut seen = Vec::new();
        if let Some(event) = event {
            read_until(&mut self.observer, &mut seen, |s| {
                s == &Seen::Frame(event.clone())
            })
            .await;
        }
        self.sync(slots, &mut heard, seen).await;
        heard
    }

    /// The observer says `sync N`; every member reads until it.
    async fn sync(&mut self, slots: &mut [Slot], heard: &mut Heard, mut seen: Vec<Seen>) {
        self.sync += 1;
        let text = format!("sync {}", self.sync);
        let frame = json!({"type": "message", "text": text}).to_string();
        send(
            &mut self.observer,
            Frame::message(frame.into_bytes(), OpCode::Data(Data::Text), true),
        )
        .await;
        let marker = Seen::Frame(json!({"type": "message", "from": OBSERVER, "text": text}));
        read_until(&mut self.observer, &mut seen, |s| s == &marker).await;
        heard.push((OBSERVER.into(), seen));
        for (i, slot) in slots.iter_mut().enumerate() {
            if slot.name.is_none() {
                continue;
            }
            let Some(ws) = slot.ws.as_mut() else { continue };
            let mut seen = Vec::new();
            if !read_until(ws, &mut seen, |s| s == &marker).await {
                slot.ws = None;
                slot.name = None;
            }
            heard.push((format!("client {i} (member)"), seen));
        }
    }

    /// Drops every connection, one by one, and waits for each member's
    /// `left`.
    async fn cleanup(&mut self, slots: &mut [Slot]) -> Heard {
        let mut seen = Vec::new();
        for slot in slots.iter_mut() {
            let name = slot.name.take();
            drop(slot.ws.take());
            if let Some(name) = name {
                let left = Seen::Frame(json!({"type": "left", "name": name}));
                read_until(&mut self.observer, &mut seen, |s| s == &left).await;
            }
        }
        let mut heard = Vec::new();
        self.sync(slots, &mut heard, seen).await;
        heard
    }
}

fn join_frame(name: &str) -> Vec<u8> {
    json!({"type": "join", "name": name})
        .to_string()
        .into_bytes()
}

fn welcome_name(seen: &Seen) -> Option<String> {
    match seen {
        Seen::Frame(v) if v["type"] == "joined" && v.get("members").is_some() => {
            v["name"].as_str().map(String::from)
        }
        _ => None,
    }
}

/// Connects with `handshake`; the outcome and the connection if upgraded.
async fn connect(addr: SocketAddr, handshake: &Handshake) -> (Seen, Option<Ws>) {
    let Ok(stream) = TcpStream::connect(addr).await else {
        return (Seen::Handshake("cannot connect".into()), None);
    };
    // A step's frames go out in several small writes; with Nagle's
    // algorithm each would wait for the server's delayed ACK.
    stream.set_nodelay(true).expect("TCP_NODELAY can be set");
    let mut request = format!("ws://{addr}/ws")
        .into_client_request()
        .expect("a valid URL");
    let headers = request.headers_mut();
    let values = [
        ("Origin", handshake.origin.value(addr)),
        (
            "Sec-WebSocket-Protocol",
            handshake.protocol.map(String::from),
        ),
        ("Sec-WebSocket-Version", handshake.version.map(String::from)),
        ("Sec-WebSocket-Key", handshake.key.map(String::from)),
        ("Upgrade", handshake.upgrade.map(String::from)),
        ("Connection", handshake.connection.map(String::from)),
    ];
    for (name, value) in values {
        if let Some(value) = value {
            headers.insert(name, value.parse().expect("a valid header value"));
        }
    }
    match timeout(WAIT, client_async(request, stream)).await {
        Err(_) => (Seen::Silent, None),
        Ok(Ok((ws, _))) => (Seen::Handshake("101".into()), Some(ws)),
        Ok(Err(tungstenite::Error::Http(response))) => (
            Seen::Handshake(response.status().as_u16().to_string()),
            None,
        ),
        Ok(Err(tungstenite::Error::Protocol(e))) => {
            (Seen::Handshake(format!("refused by the client: {e}")), None)
        }
        Ok(Err(_)) => (Seen::Handshake("broken".into()), None),
    }
}

/// Sends one frame as it is. A send that fails (the server has closed)
/// is not an observation: the reads that follow see the close.
async fn send(ws: &mut Ws, frame: Frame) {
    let _ = timeout(WAIT, ws.send(Message::Frame(frame))).await;
}

/// The next thing the client observes.
async fn next(ws: &mut Ws) -> Seen {
    loop {
        let Ok(next) = timeout(WAIT, ws.next()).await else {
            return Seen::Silent;
        };
        return match next {
            None | Some(Err(_)) => Seen::Ended,
            Some(Ok(message)) => match message {
                Message::Text(text) => Seen::Frame(
                    serde_json::from_str(&text)
                        .unwrap_or_else(|_| json!({"not JSON": text.as_str()})),
                ),
                Message::Binary(data) => Seen::Binary(data.to_vec()),
                Message::Pong(data) => Seen::Pong(data.to_vec()),
                Message::Close(frame) => match frame {
                    Some(f) => Seen::Close(Some(u16::from(f.code)), f.reason.to_string()),
                    None => Seen::Close(None, String::new()),
                },
                Message::Ping(_) | Message::Frame(_) => continue,
            },
        };
    }
}

/// Reads into `seen` until `done` holds for an observation (true), or the
/// connection ends or goes silent (false). After a close frame it reads
/// once more, to see whether the connection then ends.
async fn read_until(ws: &mut Ws, seen: &mut Vec<Seen>, done: impl Fn(&Seen) -> bool) -> bool {
    loop {
        let s = next(ws).await;
        let finished = done(&s);
        let closing = matches!(s, Seen::Close(..));
        let over = matches!(s, Seen::Ended | Seen::Silent);
        seen.push(s);
        if finished {
            return true;
        }
        if closing {
            seen.push(next(ws).await);
            return false;
        }
        if over {
            return false;
        }
    }
}

/// Reads the answer to one whole message (see the module's doc) if
/// `message`, and `pongs` pongs, or until the connection ends.
async fn answer(
    ws: &mut Ws,
    seen: &mut Vec<Seen>,
    joined: Option<&str>,
    message: bool,
    pongs: usize,
) {
    let (mut answered, mut got_pongs) = (!message, 0);
    while !answered || got_pongs < pongs {
        let s = next(ws).await;
        match &s {
            Seen::Pong(_) => got_pongs += 1,
            Seen::Frame(v) => {
                answered |= v["type"] == "error"
                    || match joined {
                        None => welcome_name(&s).is_some(),
                        Some(name) => v["type"] == "message" && v["from"] == name,
                    };
            }
            Seen::Close(..) => {
                seen.push(s);
                seen.push(next(ws).await);
                return;
            }
            Seen::Ended | Seen::Silent => {
                seen.push(s);
                return;
            }
            _ => {}
        }
        seen.push(s);
    }
}

/// Sends a ping of the suite's own and reads until its pong, or until the
/// connection ends.
async fn barrier(ws: &mut Ws, seen: &mut Vec<Seen>) {
    send(ws, Frame::ping(b"barrier".to_vec())).await;
    read_until(ws, seen, |s| s == &Seen::Pong(b"barrier".to_vec())).await;
}

// ---------------------------------------------------------------------------
// Running and comparing

fn show(seen: &[Seen]) -> String {
    let items: Vec<String> = seen
        .iter()
        .map(|s| match s {
            Seen::Handshake(status) => format!("handshake {status}"),
            Seen::Frame(v) => v.to_string(),
            Seen::Binary(data) => format!("binary frame of {} bytes", data.len()),
            Seen::Pong(data) => format!("pong {}", bytes_literal(data)),
            Seen::Close(None, _) => "close frame without a code".into(),
            Seen::Close(Some(code), reason) if reason.is_empty() => format!("close {code}"),
            Seen::Close(Some(code), reason) => format!("close {code} {reason:?}"),
            Seen::Ended => "connection ends".into(),
            Seen::Silent => format!("nothing within {WAIT:?}"),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// Compares two twins' transcripts of one case: `Ok` with the number of
/// observations that differed only in what [`INHERENT`] lists, or the
/// report of the first step that differs.
fn judge(steps: &[Step], seed: u64, rust: &Transcript, go: &Transcript) -> Result<u64, String> {
    let mut ignored = 0;
    let mut first = None;
    'steps: for (i, (r, g)) in rust.steps.iter().zip(&go.steps).enumerate() {
        let whos_r: Vec<&String> = r.iter().map(|(who, _)| who).collect();
        let whos_g: Vec<&String> = g.iter().map(|(who, _)| who).collect();
        if whos_r != whos_g {
            first = Some((
                i,
                format!("different clients heard something: {whos_r:?} against {whos_g:?}"),
            ));
            break;
        }
        for ((who, rs), (_, gs)) in r.iter().zip(g) {
            if rs == gs {
                continue;
            }
            let (rn, gn) = (normalise(rs), normalise(gs));
            if rn == gn {
                ignored += 1;
                continue;
            }
            let at = rn
                .iter()
                .zip(&gn)
                .position(|(a, b)| a != b)
                .unwrap_or(rn.len().min(gn.len()));
            let what = |n: &[Seen]| {
                n.get(at).map_or("nothing more".to_string(), |s| {
                    show(std::slice::from_ref(s))
                })
            };
            first = Some((
                i,
                format!(
                    "{who} heard {} from the Rust twin, {} from the Go twin",
                    what(&rn),
                    what(&gn)
                ),
            ));
            break 'steps;
        }
    }
    if first.is_none() && rust.steps.len() != go.steps.len() {
        first = Some((
            rust.steps.len().min(go.steps.len()),
            "one transcript is shorter".into(),
        ));
    }
    let Some((at, hint)) = first else {
        return Ok(ignored);
    };
    let mut report = String::new();
    let step_name = |i: usize| {
        steps.get(i).map_or(
            "cleanup: every connection dropped".to_string(),
            Step::describe,
        )
    };
    let _ = writeln!(
        report,
        "the twins differ at step {} of {} ({})",
        at + 1,
        steps.len() + 1,
        step_name(at)
    );
    let _ = writeln!(report, "hint: {hint}");
    let _ = writeln!(report, "seed: {seed} (DIFFERENTIAL_SEED={seed})");
    let _ = writeln!(
        report,
        "case (for differential::compare):\n{}",
        source(steps)
    );
    let _ = writeln!(report, "what each client observed, normalised (Rust | Go):");
    for i in 0..=at {
        let _ = writeln!(report, "step {}: {}", i + 1, step_name(i));
        let empty = Vec::new();
        let r = rust.steps.get(i).unwrap_or(&empty);
        let g = go.steps.get(i).unwrap_or(&empty);
        for k in 0..r.len().max(g.len()) {
            let who = r.get(k).or(g.get(k)).map_or("?", |(who, _)| who);
            let rs = r.get(k).map_or("-".into(), |(_, s)| show(&normalise(s)));
            let gs = g.get(k).map_or("-".into(), |(_, s)| show(&normalise(s)));
            let mark = if rs == gs { " " } else { "≠" };
            let _ = writeln!(report, "  {mark} {who:18} rust: {rs}");
            let _ = writeln!(report, "    {:18} go:   {gs}", "");
        }
    }
    Err(report)
}

/// Plays one case against both twins, each started afresh, and panics
/// with the report if they differ: for a case pasted from a report.
pub fn compare(rust: &Twin, go: &Twin, steps: &[Step]) {
    let runtime = runtime();
    let (r, g) = runtime.block_on(async {
        let (mut r, mut g) = tokio::join!(Live::start(rust), Live::start(go));
        tokio::join!(r.play(steps), g.play(steps))
    });
    if let Err(report) = judge(steps, 0, &r, &g) {
        panic!("{report}");
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime starts")
}

/// Runs the generated cases against both twins side by side; see the
/// module's doc. Prints one line of counts on success, straight to
/// stderr so that it shows even when the test harness captures output.
pub fn run(rust: &Twin, go: &Twin) {
    let (seed, cases) = testkit::differential::settings(DEFAULT_SEED, DEFAULT_CASES);
    let runtime = runtime();
    let started = Instant::now();
    let live: RefCell<Option<(Live, Live)>> = RefCell::new(None);
    let ignored = Cell::new(0u64);
    let restarts = Cell::new(0u64);
    // Set here, whatever PROPTEST_* variables say: the count and the seed
    // come from DIFFERENTIAL_*, and nothing is persisted.
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 1024,
        max_shrink_time: 120_000,
        max_global_rejects: 0,
        ..Config::default()
    };
    let mut key = [0u8; 32];
    for chunk in key.chunks_mut(8) {
        chunk.copy_from_slice(&seed.to_le_bytes());
    }
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &key));
    let result = runner.run(&case(), |steps| {
        let mut live = live.borrow_mut();
        let (r, g) = runtime.block_on(async {
            if live.is_none() {
                *live = Some(tokio::join!(Live::start(rust), Live::start(go)));
            }
            let (r, g) = live.as_mut().expect("started above");
            tokio::join!(r.play(&steps), g.play(&steps))
        });
        let verdict = judge(&steps, seed, &r, &g);
        if std::env::var_os("DIFFERENTIAL_VERBOSE").is_some() {
            let line = format!(
                "{:.1?}: {} steps, rust {:.1?}, go {:.1?}{}\n",
                started.elapsed(),
                steps.len(),
                r.took,
                g.took,
                if r.dirty || g.dirty {
                    ", restarted"
                } else {
                    ""
                }
            );
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
        if r.dirty || g.dirty || verdict.is_err() {
            // The room may not be empty: start both afresh.
            *live = None;
            restarts.set(restarts.get() + 1);
        }
        let n = verdict.map_err(TestCaseError::fail)?;
        ignored.set(ignored.get() + n);
        Ok(())
    });
    drop(live);
    match result {
        Ok(()) => {
            let line = format!(
                "differential chat: {cases} cases, seed {seed}, {} inherent differences ignored\n\
                 differential chat: took {:.1} s, restarted both twins {} times\n",
                ignored.get(),
                started.elapsed().as_secs_f64(),
                restarts.get()
            );
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
        Err(TestError::Abort(why)) => panic!("differential chat: aborted: {why}"),
        Err(TestError::Fail(why, steps)) => {
            let report = format!("{why}\nshrunk case:\n{}\n", source(&steps));
            let saved = testkit::differential::write_report("chat", seed, &report);
            panic!("differential chat, seed {seed}: {why}\n(this report is {saved})");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inherent_difference_has_a_reason() {
        testkit::differential::assert_reasons(INHERENT.iter().map(|i| (&i.what, i.reason)));
    }

    #[test]
    fn normalising_keeps_what_the_contract_fixes() {
        let rust = [
            Seen::Pong(b"a".to_vec()),
            Seen::Frame(json!({"type": "error", "code": "malformed", "message": "EOF"})),
            Seen::Close(Some(1000), "bye".into()),
        ];
        let go = [
            Seen::Frame(json!({"type": "error", "code": "malformed", "message": "unexpected end"})),
            Seen::Pong(b"a".to_vec()),
            Seen::Close(Some(1000), String::new()),
        ];
        assert_eq!(normalise(&rust), normalise(&go));
        let other_code = [Seen::Frame(
            json!({"type": "error", "code": "bad_message", "message": ""}),
        )];
        assert_ne!(normalise(&rust[1..2]), normalise(&other_code));
        let no_message = [Seen::Frame(json!({"type": "error", "code": "malformed"}))];
        assert_ne!(normalise(&rust[1..2]), normalise(&no_message));
    }

    #[test]
    fn fragments_carry_the_whole_payload() {
        let out = Outgoing {
            binary: false,
            payload: b"abcdefg".to_vec(),
            fragments: 3,
            ping_between: true,
        };
        let frames = out.frames();
        assert_eq!(frames.len(), 5);
        let data: Vec<u8> = frames
            .iter()
            .filter(|f| matches!(f.header().opcode, OpCode::Data(_)))
            .flat_map(|f| f.payload().to_vec())
            .collect();
        assert_eq!(data, b"abcdefg");
        assert!(frames.last().unwrap().header().is_final);
        assert_eq!(out.pings(), 2);
    }

    #[test]
    fn sized_messages_have_their_size() {
        for unit in ["x", "é", "👋"] {
            for size in [LIMIT - 1, LIMIT, LIMIT + 1] {
                assert_eq!(sized_message(size, unit).len(), size, "{unit}");
            }
        }
    }
}
