//! The differential suite: generated requests sent to both twins side by
//! side, whose answers must be the same.
//!
//! The cases of [`crate::cases`] check what the chapter promises for chosen
//! requests; this module checks that the two twins are one program for any
//! request of the classes a hostile client tries. [`case`] is a proptest
//! strategy for a [`Case`]: one to three [`Step`]s, each a raw HTTP/1.1
//! request (method, target exactly as sent, headers, a body whole or chunked)
//! drawn from these classes: JSON that one decoder might take and the other
//! refuse (key case, duplicate and unknown keys, `null`, wrong types, numbers
//! out of range, invalid UTF-8 and lone surrogates, deep nesting, data after
//! the object, empty bodies), media types and their parameters, ids and paths
//! (malformed, huge, negative, leading zeros, percent-encoded, trailing
//! slash, dot segments), the query of `GET /notes` (missing, empty, negative,
//! zero, huge, repeated, unknown, malformed), every method on every route,
//! unknown routes, titles and bodies around their limits in non-ASCII text,
//! oversize bodies, and the `x-request-id` header.
//!
//! [`Differential`] holds one client connection to each twin (hyper's own
//! HTTP/1.1 client, so the request goes out byte for byte as generated,
//! reconnecting when a twin closes), sends each step to both at once and
//! reduces each answer to what the contract names ([`Answer`]): the status,
//! the `Content-Type`, `Location` and `Allow` headers, whether
//! `x-request-id` is the one sent, and the body: JSON compared as a value, an error as its
//! `{"error": …}` shape and message. The headers the contract does not name
//! (`Date`, `Content-Length`, `Connection`, …) are not compared.
//!
//! State: both twins start on fresh databases, and every case starts from an
//! empty notes table on both: after a case that stored something, the suite
//! empties the table and SQLite's AUTOINCREMENT counter in each database file
//! (a second SQLite client, as [`crate::cases`] uses to break the database).
//! The twins then hand out the same ids in the same order (1, 2, 3, …), so
//! ids need no mapping and notes are compared whole. Notes have no
//! timestamps. The only normalisations are the entries of [`INHERENT`], and
//! the suite counts the answers each one hid.
//!
//! The test target `tests/differential.rs` of the notes crate runs it:
//! `DIFFERENTIAL_SEED` (a number, or `random`) and `DIFFERENTIAL_CASES`
//! (default 2000) override the fixed default seed and the count. A failure
//! is shrunk by proptest and reported with the seed, the shrunk case as a
//! Rust expression, both answers and what differs; it is also written to
//! `target/differential/notes-<seed>.txt`.

use std::cell::{Cell, RefCell};
use std::convert::Infallible;
use std::fmt::{self, Write as _};
use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::{Bytes, Frame};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use serde_json::Value;
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use testkit::{Server, Twin};

use crate::TempDb;

/// The default seed: the same cases on every run, in CI too.
pub const DEFAULT_SEED: u64 = 0x6e6f_7465_7332;
/// The default number of generated cases.
pub const DEFAULT_CASES: u32 = 2000;
/// How long one answer may take before the case fails (a twin that hangs
/// fails the run instead of stalling it).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// A difference between the twins that is not a defect, and why.
#[derive(Debug)]
pub struct Inherent {
    /// A short name, for the summary line.
    pub name: &'static str,
    /// What part of the answer it concerns.
    pub what: &'static str,
    pub reason: &'static str,
}

/// The wording after `: ` in an error message.
pub const ERROR_DETAIL: Inherent = Inherent {
    name: "error message detail",
    what: "error message: the text after the first `: `",
    reason: "a refused body or query is described by the parser that refused it (serde's and \
             encoding/json's or strconv's messages); the contract promises a message, and the \
             words before the colon (`invalid JSON`, `invalid query`) name the rule broken and \
             are compared",
};

/// The value of an `x-request-id` the twin made up.
pub const MADE_UP_REQUEST_ID: Inherent = Inherent {
    name: "made-up request id",
    what: "x-request-id made up by the twin (the client sent none)",
    reason: "a fresh random id (a UUID in Rust, 32 hex digits in Go): both must send one, and \
             its value is random in each twin; an id the client sent must come back exactly",
};

/// The answer to a path with a malformed percent escape.
pub const UNPARSEABLE_PATH: Inherent = Inherent {
    name: "malformed escape in the path",
    what: "the answer to a path with a malformed percent escape (`/notes/%zz`): status only",
    reason: "net/http's server refuses a request target that url.ParseRequestURI cannot read \
             before any handler runs, with its own plain-text `400 Bad Request` and no \
             x-request-id, and offers no hook to change it; the Rust twin answers the same \
             status with the contract's JSON error",
};

/// Every normalisation the comparison applies; nothing else is ignored.
pub const INHERENT: &[&Inherent] = &[&ERROR_DETAIL, &MADE_UP_REQUEST_ID, &UNPARSEABLE_PATH];

/// Whether the path of `target` has a `%` not followed by two hex digits.
fn unparseable_path(target: &str) -> bool {
    let path = target.split('?').next().unwrap_or_default().as_bytes();
    path.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !path
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    })
}

// ---------------------------------------------------------------------------
// Cases

/// A request body, as the client sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    None,
    /// With `Content-Length`.
    Whole(Vec<u8>),
    /// With `Transfer-Encoding: chunked`, in these chunks.
    Chunked(Vec<Vec<u8>>),
}

/// One request.
#[derive(Clone, PartialEq, Eq)]
pub struct Step {
    pub method: String,
    /// The request target exactly as sent: path and query.
    pub target: String,
    /// Headers besides `Host` (and the body's framing header).
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Body,
}

/// A generated case: requests sent in order, from an empty notes table.
#[derive(Clone, PartialEq, Eq)]
pub struct Case {
    pub steps: Vec<Step>,
}

/// A byte string as a Rust expression, runs of one character written as
/// `.repeat(n)` so that a 70 kB body stays readable.
fn literal(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => {
            let mut parts: Vec<String> = Vec::new();
            let mut plain = String::new();
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                let mut run = 1;
                while chars.next_if_eq(&c).is_some() {
                    run += 1;
                }
                if run >= 16 {
                    if !plain.is_empty() {
                        parts.push(format!("{:?}", std::mem::take(&mut plain)));
                    }
                    parts.push(format!("&{:?}.repeat({run})", c.to_string()));
                } else {
                    plain.extend(std::iter::repeat_n(c, run));
                }
            }
            if parts.is_empty() {
                return format!("{plain:?}.as_bytes()");
            }
            if !plain.is_empty() {
                parts.push(format!("{plain:?}"));
            }
            format!("[{}].concat().as_bytes()", parts.join(", "))
        }
        _ => {
            let escaped: String = bytes
                .iter()
                .flat_map(|b| std::ascii::escape_default(*b))
                .map(char::from)
                .collect();
            format!("b\"{escaped}\"")
        }
    }
}

impl fmt::Debug for Step {
    /// A Rust expression that builds this step.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Step::new({:?}, {:?})", self.method, self.target)?;
        for (name, value) in &self.headers {
            write!(f, "\n        .header({name:?}, {})", literal(value))?;
        }
        match &self.body {
            Body::None => Ok(()),
            Body::Whole(bytes) => write!(f, "\n        .body({})", literal(bytes)),
            Body::Chunked(chunks) => {
                let chunks: Vec<String> = chunks.iter().map(|c| literal(c)).collect();
                write!(f, "\n        .chunked(&[{}])", chunks.join(", "))
            }
        }
    }
}

impl fmt::Debug for Case {
    /// A Rust expression that builds this case.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Case {{\n    steps: vec![")?;
        for step in &self.steps {
            writeln!(f, "        {step:?},")?;
        }
        write!(f, "    ],\n}}")
    }
}

impl Step {
    pub fn new(method: &str, target: &str) -> Step {
        Step {
            method: method.to_owned(),
            target: target.to_owned(),
            headers: Vec::new(),
            body: Body::None,
        }
    }

    pub fn header(mut self, name: &str, value: &[u8]) -> Step {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, bytes: &[u8]) -> Step {
        self.body = Body::Whole(bytes.to_owned());
        self
    }

    pub fn chunked(mut self, chunks: &[&[u8]]) -> Step {
        self.body = Body::Chunked(chunks.iter().map(|c| c.to_vec()).collect());
        self
    }
}

// ---------------------------------------------------------------------------
// The generator

/// Strings a title or body is made of: ASCII, non-ASCII, whitespace of
/// every kind Unicode has, controls, and text around the length limits.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("groceries".to_owned()),
        Just("ünïcödé 🦀".to_owned()),
        Just("日本語".to_owned()),
        Just(String::new()),
        Just(" ".to_owned()),
        Just(" \t\n\r".to_owned()),
        // Spaces that are Unicode White_Space, and two that are not.
        prop::sample::select(vec![
            "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}", "\u{2028}", "\u{2029}",
            "\u{202f}", "\u{205f}", "\u{3000}", "\u{0b}", "\u{0c}", "\u{200b}", "\u{feff}",
            "\u{180e}",
        ])
        .prop_map(str::to_owned),
        Just("\0".to_owned()),
        Just("<b>&amp;</b>".to_owned()),
        Just("e\u{301}".to_owned()),
        "[a-z ]{0,12}",
        "\\PC{0,8}",
    ];
    let sized = (
        prop::sample::select(vec!["x", "é", "🦀", " "]),
        prop::sample::select(vec![199usize, 200, 201, 9_999, 10_000, 10_001]),
    )
        .prop_map(|(unit, n)| unit.repeat(n));
    prop_oneof![
        4 => prop::collection::vec(piece, 0..3).prop_map(|pieces| pieces.concat()),
        1 => sized,
    ]
}

/// A JSON string literal for `s`, sometimes with characters escaped.
fn string_literal() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => text().prop_map(|s| serde_json::to_string(&s).unwrap().into_bytes()),
        // Escapes that only some decoders take.
        1 => prop::sample::select(vec![
            r#""\ud800""#, r#""\udc00x""#, r#""a\ud83d""#, r#""\ud83d\ude00""#, r#""\u00e9\u0000""#,
            r#""\/\b\f\n\r\t""#, r#""\x41""#, r#""\u12""#, r#""tab	in""#, r#""\ud800\u0041""#,
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        // Invalid UTF-8 inside the string.
        1 => prop::sample::select(vec![
            &b"\xff"[..], b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"a\x80b",
        ])
        .prop_map(|bad| [&b"\"t"[..], bad, b"\""].concat()),
    ]
}

/// A JSON value where a string is expected.
fn field_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => string_literal(),
        2 => prop::sample::select(vec![
            "null", "5", "-0", "1.5", "1e400", "-1e400", "18446744073709551616", "true", "[]",
            "{}", r#"["a"]"#, r#"{"a":"b"}"#, "\"\"",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        1 => nested(),
    ]
}

/// Arrays or objects nested around the depth limits of the decoders.
fn nested() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(vec![1usize, 2, 126, 127, 128, 129, 200, 1000]),
        any::<bool>(),
    )
        .prop_map(|(depth, arrays)| {
            let (open, close) = if arrays { ("[", "]") } else { ("{\"a\":", "}") };
            let mut s = open.repeat(depth);
            s.push('1');
            s.push_str(&close.repeat(depth));
            s.into_bytes()
        })
}

/// Keys of an object meant as a `NewNote`.
fn key() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => prop::sample::select(vec!["title", "body"]).prop_map(|k| k.as_bytes().to_vec()),
        2 => prop::sample::select(vec![
            "Title", "TITLE", "tItle", "Body", "BODY", "titles", "title ", "", "id", "notes",
            "\\u0074itle", "titl\\u0065", "ti\\u0000tle", "\u{212a}", "title\u{17f}",
        ])
        .prop_map(|k| k.as_bytes().to_vec()),
        1 => Just(b"t\xffitle".to_vec()),
    ]
}

/// A whole request body for `POST /notes`.
fn json_body() -> impl Strategy<Value = Vec<u8>> {
    // White space between the tokens: JSON's four kinds, and two that are
    // not JSON's (a form feed and a no-break space).
    let space = || prop::sample::select(vec!["", "", "", " ", "\t", "\r\n", "\u{c}", "\u{a0}"]);
    let member = (key(), field_value(), space()).prop_map(|(k, v, sp)| {
        [
            &b"\""[..],
            &k,
            b"\"",
            sp.as_bytes(),
            b":",
            sp.as_bytes(),
            &v,
        ]
        .concat()
    });
    let object = (prop::collection::vec(member, 0..4), space()).prop_map(|(members, sp)| {
        let mut out = b"{".to_vec();
        out.extend(sp.as_bytes());
        out.extend(members.join(&b","[..]));
        out.extend(sp.as_bytes());
        out.push(b'}');
        out
    });
    let valid = (text(), prop::option::of(text())).prop_map(|(title, body)| {
        let mut note = serde_json::Map::new();
        note.insert("title".into(), title.into());
        if let Some(body) = body {
            note.insert("body".into(), body.into());
        }
        Value::Object(note).to_string().into_bytes()
    });
    let whole = prop_oneof![4 => valid, 4 => object];
    let before = prop::sample::select(vec!["", "", "", " \n\t", "\u{feff}"]);
    let after = prop::sample::select(vec![
        "",
        "",
        "",
        "",
        " ",
        "\n",
        "\r\n\t ",
        "x",
        "}",
        "]",
        ",",
        "{}",
        "[]",
        "null",
        "0",
        r#" {"title":"b"}"#,
        "/* c */",
        "\0",
    ]);
    let framed = (before, whole, after)
        .prop_map(|(before, whole, after)| [before.as_bytes(), &whole, after.as_bytes()].concat());
    let other = prop::sample::select(vec![
        "",
        " ",
        "null",
        "[]",
        r#"[{"title":"a"}]"#,
        "5",
        "\"title\"",
        "true",
        "{",
        "}",
        r#"{"title":"a""#,
        r#"{"title":"a",}"#,
        r#"{'title':'a'}"#,
        r#"{title:"a"}"#,
        "title=a",
        r#"{"title":"a"  "body":"b"}"#,
        r#"{"title" "a"}"#,
    ])
    .prop_map(|s| s.as_bytes().to_vec());
    prop_oneof![8 => framed, 1 => other, 1 => nested()]
}

/// A body over the 64 KiB limit: valid JSON, or malformed from its first byte.
fn oversize_body() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(vec![64 * 1024 - 20, 64 * 1024 + 1, 70_000]),
        any::<bool>(),
    )
        .prop_map(|(n, valid)| {
            if valid {
                format!(r#"{{"title":"big","body":"{}"}}"#, "x".repeat(n)).into_bytes()
            } else {
                "x".repeat(n).into_bytes()
            }
        })
}

/// `Content-Type` values, and none.
fn content_type() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        6 => Just(Some(b"application/json".to_vec())),
        3 => prop::sample::select(vec![
            "application/json; charset=utf-8", "application/json;charset=UTF-8",
            "APPLICATION/JSON", "Application/Json; Charset=\"utf-8\"", "application/json; charset=latin1",
            "application/vnd.api+json", "application/merge-patch+json", "application/problem+json; x=y",
            "text/json", "text/plain", "application/x-www-form-urlencoded", "", "application/json;",
            "application/json; charset", "application/json ; charset=utf-8", "application/ json",
            "application/json, text/plain", "*/*", "application/*", "json", "application/jsonx",
            "application/json; charset=\"unterminated", "application/+json", "application/json+x",
        ])
        .prop_map(|s| Some(s.as_bytes().to_vec())),
        1 => Just(None),
    ]
}

/// An `x-request-id` header, or none.
fn request_id() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop_oneof![
        8 => Just(vec![]),
        1 => Just(vec![b"abc-123".to_vec()]),
        1 => prop::sample::select(vec![
            &b""[..], b" padded ", b"\xc3\xa9t\xc3\xa9", b"a,b",
        ])
        .prop_map(|v| vec![v.to_vec()]),
        1 => Just(vec![b"first".to_vec(), b"second".to_vec()]),
        1 => Just(vec!["x".repeat(300).into_bytes()]),
    ]
}

/// Path segments where a note id goes.
fn id_segment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1u32..5).prop_map(|n| n.to_string()),
        3 => prop::sample::select(vec![
            "0", "-1", "-0", "01", "0001", "+1", "%31", "%2B1", "1.0", "1.5", "1e2", "0x1", "abc",
            "%20", "%201", "1%20", "%00", "1%00", "%2F", "1%2F2", "%2E", "%2E%2E", "%zz", "%",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "99999999999999999999", "%C3%A9", "1;x", "1,2", "١",
        ])
        .prop_map(str::to_owned),
    ]
}

/// The query of `GET /notes`: zero or more pairs, some malformed.
fn query() -> impl Strategy<Value = String> {
    let value = prop::sample::select(vec![
        "",
        "1",
        "2",
        "3",
        "5",
        "20",
        "100",
        "101",
        "0",
        "-1",
        "-5",
        "+2",
        "%2B2",
        "02",
        "x",
        "1.5",
        "1e1",
        "%20",
        "2%20",
        "%32",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "99999999999999999999",
        "%zz",
        "%",
        "1;2",
        "%C3%A9",
    ]);
    let name = prop::sample::select(vec![
        "limit", "limit", "after", "after", "LIMIT", "Limit", "%6Cimit", "lim%69t", "foo", "",
        "limit[]", "after%zz",
    ]);
    let pair = prop_oneof![
        8 => (name, value).prop_map(|(n, v)| format!("{n}={v}")),
        1 => prop::sample::select(vec!["limit", "after", "", "=", "&", "limit==2", "a=1;limit=2"])
            .prop_map(str::to_owned),
    ];
    prop::collection::vec(pair, 0..4).prop_map(|pairs| {
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    })
}

/// Every method axum and net/http know, an unknown one, and one in the
/// wrong case. (CONNECT is left out: hyper's client sends it only with an
/// authority as target, which no route of the service has.)
fn method() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO", "get",
    ])
    .prop_map(str::to_owned)
}

/// Paths: the routes, near misses of them, and unknown ones.
fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("/notes".to_owned()),
        4 => id_segment().prop_map(|id| format!("/notes/{id}")),
        1 => Just("/healthz".to_owned()),
        2 => prop::sample::select(vec![
            "/", "/nope", "/notes/", "/notes/1/", "/notes/1/x", "/NOTES", "/Notes/1", "/healthz/",
            "/notes//1", "/notes/./1", "/notes/../notes", "/./notes", "/notes/1/..", "/notes%2F1",
            "/%6Eotes", "/notes/1?", "/healthz?x=1", "/notes#frag", "/*",
        ])
        .prop_map(str::to_owned),
    ]
}

fn with_headers(
    mut step: Step,
    content_type: Option<Vec<u8>>,
    ids: Vec<Vec<u8>>,
    accept: Option<&str>,
) -> Step {
    if let Some(value) = content_type {
        step.headers.push(("content-type".into(), value));
    }
    for id in ids {
        step.headers.push(("x-request-id".into(), id));
    }
    if let Some(accept) = accept {
        step.headers
            .push(("accept".into(), accept.as_bytes().to_vec()));
    }
    step
}

/// Splits `body` into chunks, or sends it whole.
fn framing(body: Vec<u8>) -> impl Strategy<Value = Body> {
    let len = body.len();
    prop_oneof![
        3 => Just(Body::Whole(body.clone())),
        1 => (0..=len, 0..=len).prop_map(move |(a, b)| {
            let (a, b) = (a.min(b), a.max(b));
            Body::Chunked(vec![body[..a].to_vec(), body[a..b].to_vec(), body[b..].to_vec()])
        }),
    ]
}

/// `POST /notes` with a generated body and media type (sometimes a second
/// `Content-Type` header after the first).
fn create() -> impl Strategy<Value = Step> {
    let body = prop_oneof![20 => json_body(), 1 => oversize_body()];
    let second = prop_oneof![
        9 => Just(None),
        1 => prop::sample::select(vec!["application/json", "text/plain"]).prop_map(Some),
    ];
    (body, content_type(), request_id(), second)
        .prop_flat_map(|(body, ct, ids, second)| (framing(body), Just(ct), Just(ids), Just(second)))
        .prop_map(|(body, ct, ids, second)| {
            let mut step = with_headers(Step::new("POST", "/notes"), ct, ids, None);
            if let Some(second) = second {
                step.headers
                    .push(("content-type".into(), second.as_bytes().to_vec()));
            }
            step.body = body;
            step
        })
}

/// A valid create, so that later steps find notes.
fn valid_create() -> impl Strategy<Value = Step> {
    text()
        .prop_filter("a title the rules accept", |t| {
            !t.trim().is_empty() && t.chars().count() <= 200
        })
        .prop_map(|title| {
            let body = serde_json::json!({ "title": title, "body": "b" }).to_string();
            Step::new("POST", "/notes")
                .header("content-type", b"application/json")
                .body(body.as_bytes())
        })
}

/// Any method on any path, with or without a body.
fn any_request() -> impl Strategy<Value = Step> {
    (
        method(),
        path(),
        query(),
        request_id(),
        prop::option::of(json_body()),
        content_type(),
    )
        .prop_map(|(method, path, query, ids, body, ct)| {
            let target = if path.contains('?') || path.contains('#') {
                path
            } else {
                format!("{path}{query}")
            };
            let mut step = Step::new(&method, &target);
            // No body where net/http refuses the request line: it answers
            // and closes without reading the body, and the reset that
            // unread data causes can destroy its answer in flight.
            if let Some(body) = body.filter(|_| !unparseable_path(&target)) {
                step = with_headers(step, ct, vec![], None);
                step.body = Body::Whole(body);
            }
            with_headers(step, None, ids, None)
        })
}

/// `GET /notes` with a generated query.
fn list() -> impl Strategy<Value = Step> {
    (
        query(),
        request_id(),
        prop::sample::select(vec!["GET", "GET", "HEAD"]),
    )
        .prop_map(|(query, ids, method)| {
            with_headers(
                Step::new(method, &format!("/notes{query}")),
                None,
                ids,
                None,
            )
        })
}

/// `GET /notes/{id}` with a generated id.
fn get() -> impl Strategy<Value = Step> {
    (
        id_segment(),
        prop::sample::select(vec!["GET", "GET", "HEAD"]),
    )
        .prop_map(|(id, method)| Step::new(method, &format!("/notes/{id}")))
}

/// One step of any class.
pub fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => create(),
        2 => valid_create(),
        3 => list(),
        3 => get(),
        3 => any_request(),
    ]
}

/// A case: one to three steps.
pub fn case() -> impl Strategy<Value = Case> {
    prop::collection::vec(step(), 1..=3).prop_map(|steps| Case { steps })
}

// ---------------------------------------------------------------------------
// Answers

/// Whether the answer carried the `x-request-id` the client sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestId {
    /// The client sent one and got it back.
    Echoed,
    /// The client sent none and got a non-empty one ([`MADE_UP_REQUEST_ID`]).
    MadeUp,
    /// Anything else: none, or another value.
    Other(Option<String>),
}

/// The body of an answer, reduced to what the contract promises.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Empty,
    /// `{"error": "…"}`, with the message up to its first `: `
    /// ([`ERROR_DETAIL`]).
    Error(String),
    /// Any other JSON.
    Json(Value),
    /// Not JSON.
    Text(String),
}

/// What a twin answered, as far as the contract says.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub allow: Option<String>,
    pub request_id: RequestId,
    pub body: Shape,
}

/// An answer before normalisation: the full error message and request id,
/// to tell whether a normalisation hid anything.
struct Raw {
    answer: Answer,
    message: Option<String>,
    request_id: Option<Vec<u8>>,
}

fn header_text(headers: &hyper::HeaderMap, name: &str) -> Option<String> {
    let values: Vec<_> = headers.get_all(name).iter().collect();
    (!values.is_empty()).then(|| {
        values
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn reduce(step: &Step, status: u16, headers: &hyper::HeaderMap, body: &[u8]) -> Raw {
    let sent: Vec<&Vec<u8>> = step
        .headers
        .iter()
        .filter(|(n, _)| n == "x-request-id")
        .map(|(_, v)| v)
        .collect();
    let got: Vec<&[u8]> = headers
        .get_all("x-request-id")
        .iter()
        .map(|v| v.as_bytes())
        .collect();
    let request_id = match (sent.first(), got.as_slice()) {
        (Some(sent), [got]) if sent.as_slice() == *got => RequestId::Echoed,
        (None, [got]) if !got.is_empty() => RequestId::MadeUp,
        _ => RequestId::Other(header_text(headers, "x-request-id")),
    };
    let allow = header_text(headers, "allow");
    let mut message = None;
    let shape = if body.is_empty() {
        Shape::Empty
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map))
                if map.len() == 1 && map.get("error").is_some_and(Value::is_string) =>
            {
                let full = map["error"].as_str().unwrap_or_default().to_owned();
                let kind = full.split(": ").next().unwrap_or_default().to_owned();
                message = Some(full);
                Shape::Error(kind)
            }
            Ok(value) => Shape::Json(value),
            Err(_) => Shape::Text(String::from_utf8_lossy(body).into_owned()),
        }
    };
    Raw {
        answer: Answer {
            status,
            content_type: header_text(headers, "content-type"),
            location: header_text(headers, "location"),
            allow,
            request_id,
            body: shape,
        },
        message,
        request_id: got.first().map(|v| v.to_vec()),
    }
}

/// How two answers differ, in one line.
fn what_differs(rust: &Answer, go: &Answer) -> String {
    let mut parts = Vec::new();
    if rust.status != go.status {
        parts.push(format!("status {} vs {}", rust.status, go.status));
    }
    if rust.content_type != go.content_type {
        parts.push("Content-Type".to_owned());
    }
    if rust.location != go.location {
        parts.push("Location".to_owned());
    }
    if rust.allow != go.allow {
        parts.push("Allow".to_owned());
    }
    if rust.request_id != go.request_id {
        parts.push("x-request-id".to_owned());
    }
    if rust.body != go.body {
        parts.push("body".to_owned());
    }
    parts.join(", ")
}

// ---------------------------------------------------------------------------
// Sending

/// One twin with its database and a kept-alive connection to it.
struct Side {
    server: Server,
    db: TempDb,
    sender: Option<SendRequest<BoxBody<Bytes, Infallible>>>,
    /// The suite's own connection to the twin's database, for resets.
    sqlite: Option<SqliteConnection>,
}

impl Side {
    async fn connect(addr: SocketAddr) -> SendRequest<BoxBody<Bytes, Infallible>> {
        let stream = tokio::net::TcpStream::connect(addr)
            .await
            .expect("the twin accepts a connection");
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .expect("an HTTP/1.1 handshake");
        tokio::spawn(connection);
        sender
    }

    fn request(&self, step: &Step) -> hyper::Request<BoxBody<Bytes, Infallible>> {
        let mut request = hyper::Request::builder()
            .method(step.method.as_bytes())
            .uri(step.target.as_str())
            .header("host", "notes");
        for (name, value) in &step.headers {
            request = request.header(name.as_str(), value.as_slice());
        }
        let body = match &step.body {
            Body::None => Full::new(Bytes::new()).boxed(),
            Body::Whole(bytes) => Full::new(Bytes::from(bytes.clone())).boxed(),
            Body::Chunked(chunks) => {
                let frames: Vec<Result<Frame<Bytes>, Infallible>> = chunks
                    .iter()
                    .filter(|c| !c.is_empty())
                    .map(|c| Ok(Frame::data(Bytes::from(c.clone()))))
                    .collect();
                StreamBody::new(futures_util::stream::iter(frames)).boxed()
            }
        };
        request
            .body(body)
            .expect("a generated request is valid HTTP")
    }

    /// Sends `step` and reads the whole answer; reconnects when the twin
    /// closed the connection before.
    async fn send(&mut self, step: &Step) -> Result<Raw, String> {
        for _ in 0..2 {
            let (mut sender, reused) = match self.sender.take() {
                Some(sender) if !sender.is_closed() => (sender, true),
                _ => (Side::connect(self.server.addr()).await, false),
            };
            if sender.ready().await.is_err() {
                continue;
            }
            let response = match sender.send_request(self.request(step)).await {
                Ok(response) => response,
                // The twin had closed the kept-alive connection (as a
                // server may after an answer that left the request body
                // unread): once more on a new one.
                Err(_) if reused => continue,
                Err(e) => return Err(format!("no answer: {e}")),
            };
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|e| format!("the body did not arrive: {e}"))?
                .to_bytes();
            let closing = headers
                .get("connection")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
            if !closing {
                self.sender = Some(sender);
            }
            return Ok(reduce(step, status, &headers, &body));
        }
        Err("the twin closed two connections in a row".to_owned())
    }

    /// Empties the notes table and restarts its ids at 1.
    async fn reset(&mut self) {
        if self.sqlite.is_none() {
            // Without waiting for the disk: a crash of the test machine
            // loses nothing the suite needs.
            let options = SqliteConnectOptions::new()
                .filename(self.db.path())
                .busy_timeout(Duration::from_secs(5))
                .synchronous(sqlx::sqlite::SqliteSynchronous::Off);
            let conn = SqliteConnection::connect_with(&options)
                .await
                .expect("the suite opens the database");
            self.sqlite = Some(conn);
        }
        let conn = self.sqlite.as_mut().expect("connected above");
        sqlx::query("DELETE FROM notes; DELETE FROM sqlite_sequence WHERE name = 'notes'")
            .execute(conn)
            .await
            .expect("the notes table empties");
    }
}

/// A difference found in one step of a case.
#[derive(Debug)]
pub struct Difference {
    pub step: usize,
    pub rust: Answer,
    pub go: Answer,
    pub hint: String,
}

/// Both twins, up side by side on fresh databases.
pub struct Differential {
    runtime: tokio::runtime::Runtime,
    rust: RefCell<Side>,
    go: RefCell<Side>,
    /// Whether a note may have been stored since the last reset.
    dirty: Cell<bool>,
    /// How many answers each [`INHERENT`] entry hid, by index.
    hidden: RefCell<Vec<usize>>,
    /// How many answers had each status, to show what the cases reached.
    statuses: RefCell<std::collections::BTreeMap<u16, usize>>,
}

impl Differential {
    pub fn start(rust: &Twin, go: &Twin) -> Differential {
        let start = |twin: &Twin| {
            let db = TempDb::new();
            let server = db.start(twin);
            Side {
                server,
                db,
                sender: None,
                sqlite: None,
            }
        };
        Differential {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime starts"),
            rust: RefCell::new(start(rust)),
            go: RefCell::new(start(go)),
            dirty: Cell::new(false),
            hidden: RefCell::new(vec![0; INHERENT.len()]),
            statuses: RefCell::default(),
        }
    }

    /// Runs `case` against both twins; the first step whose answers differ.
    pub fn check(&self, case: &Case) -> Result<(), Box<Difference>> {
        let mut rust = self.rust.borrow_mut();
        let mut go = self.go.borrow_mut();
        self.runtime.block_on(async {
            if self.dirty.replace(false) {
                tokio::join!(rust.reset(), go.reset());
            }
            for (i, step) in case.steps.iter().enumerate() {
                let (r, g) = tokio::join!(
                    tokio::time::timeout(ANSWER_TIMEOUT, rust.send(step)),
                    tokio::time::timeout(ANSWER_TIMEOUT, go.send(step)),
                );
                let flatten = |outcome: Result<Result<Raw, String>, _>| {
                    outcome.unwrap_or_else(|_| Err(format!("no answer within {ANSWER_TIMEOUT:?}")))
                };
                let (r, g) = match (flatten(r), flatten(g)) {
                    (Ok(r), Ok(g)) => (r, g),
                    (r, g) => {
                        let failed = |side: &Result<Raw, String>| match side {
                            Ok(raw) => raw.answer.clone(),
                            Err(e) => Answer {
                                status: 0,
                                content_type: None,
                                location: None,
                                allow: None,
                                request_id: RequestId::Other(None),
                                body: Shape::Text(e.clone()),
                            },
                        };
                        return Err(Box::new(Difference {
                            step: i,
                            hint: "a twin gave no answer".into(),
                            rust: failed(&r),
                            go: failed(&g),
                        }));
                    }
                };
                if r.answer.status == 201 || g.answer.status == 201 {
                    self.dirty.set(true);
                }
                *self
                    .statuses
                    .borrow_mut()
                    .entry(r.answer.status)
                    .or_default() += 1;
                if unparseable_path(&step.target) {
                    // UNPARSEABLE_PATH: the status alone.
                    if r.answer.status == g.answer.status {
                        self.hidden.borrow_mut()[2] += usize::from(r.answer != g.answer);
                        continue;
                    }
                }
                if r.answer != g.answer {
                    return Err(Box::new(Difference {
                        step: i,
                        hint: what_differs(&r.answer, &g.answer),
                        rust: r.answer,
                        go: g.answer,
                    }));
                }
                let mut hidden = self.hidden.borrow_mut();
                if r.message != g.message {
                    hidden[0] += 1;
                }
                if r.answer.request_id == RequestId::MadeUp && r.request_id != g.request_id {
                    hidden[1] += 1;
                }
            }
            Ok(())
        })
    }

    /// How many answers the normalisations of [`INHERENT`] hid so far, in
    /// all and by entry.
    pub fn hidden(&self) -> (usize, String) {
        let hidden = self.hidden.borrow();
        let each: Vec<String> = INHERENT
            .iter()
            .zip(hidden.iter())
            .map(|(entry, n)| format!("{}: {n}", entry.name))
            .collect();
        (hidden.iter().sum(), each.join("; "))
    }

    /// The statuses answered so far, as `200×N 201×N …`.
    pub fn statuses(&self) -> String {
        let statuses = self.statuses.borrow();
        let each: Vec<String> = statuses.iter().map(|(s, n)| format!("{s}×{n}")).collect();
        each.join(" ")
    }

    /// Both twins' logs, for a failure message.
    pub fn logs(&self) -> String {
        let tail = |log: String| {
            let lines: Vec<&str> = log.lines().collect();
            strip_colours(&lines[lines.len().saturating_sub(4)..].join("\n"))
        };
        format!(
            "--- rust twin, last lines ---\n{}\n--- go twin, last lines ---\n{}",
            tail(self.rust.borrow().server.log()),
            tail(self.go.borrow().server.log())
        )
    }
}

/// `text` without the terminal colour codes (`ESC [ … m`) of a log.
fn strip_colours(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('\u{1b}') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        rest = rest.find('m').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// Running

/// The seed and case count for this run, from `DIFFERENTIAL_SEED` and
/// `DIFFERENTIAL_CASES` (see [`testkit::differential::settings`]).
pub fn settings() -> (u64, u32) {
    testkit::differential::settings(DEFAULT_SEED, DEFAULT_CASES)
}

/// Runs `cases` generated cases from `seed` against both twins; panics with
/// the shrunk case on a difference, after writing it to
/// `target/differential/notes-<seed>.txt`. Returns the summary line.
pub fn run(rust: &Twin, go: &Twin, seed: u64, cases: u32) -> String {
    let twins = Differential::start(rust, go);
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    };
    let seed_bytes: Vec<u8> = seed.to_le_bytes().repeat(4);
    let mut runner = TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let last = RefCell::new(None::<Box<Difference>>);
    let outcome = runner.run(&case(), |case| match twins.check(&case) {
        Ok(()) => Ok(()),
        Err(difference) => {
            let hint = difference.hint.clone();
            *last.borrow_mut() = Some(difference);
            Err(TestCaseError::fail(hint))
        }
    });
    match outcome {
        Ok(()) => {
            let (hidden, each) = twins.hidden();
            format!(
                "differential notes: {cases} cases, seed {seed}, {hidden} inherent differences \
                 ignored ({each}); answers by status: {}",
                twins.statuses()
            )
        }
        Err(TestError::Fail(_, case)) => {
            // Run the shrunk case once more, so the answers shown are its own.
            let difference = twins.check(&case).err().or_else(|| last.take());
            let report = report(seed, &case, difference.as_deref());
            let saved = testkit::differential::write_report("notes", seed, &report);
            panic!("{report}\n(this report is {saved})\n{}", twins.logs());
        }
        Err(TestError::Abort(why)) => panic!("differential notes, seed {seed}: aborted: {why}"),
    }
}

fn report(seed: u64, case: &Case, difference: Option<&Difference>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "differential notes: the twins answer differently (seed {seed}; rerun with \
         DIFFERENTIAL_SEED={seed})"
    );
    let _ = writeln!(out, "shrunk case:\n{case:?}");
    match difference {
        Some(d) => {
            let _ = writeln!(
                out,
                "step {} of {} differs: {}",
                d.step + 1,
                case.steps.len(),
                d.hint
            );
            let _ = writeln!(out, "rust: {:?}", d.rust);
            let _ = writeln!(out, "go:   {:?}", d.go);
        }
        None => {
            let _ = writeln!(out, "(the shrunk case passed when run again: state leaked)");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;

    #[test]
    fn every_inherent_difference_has_a_reason() {
        for entry in INHERENT {
            assert!(
                !entry.name.is_empty() && !entry.what.is_empty(),
                "{entry:?}"
            );
        }
        testkit::differential::assert_reasons(INHERENT.iter().map(|i| (&i.name, i.reason)));
    }

    #[test]
    fn the_same_seed_generates_the_same_cases() {
        let generate = |seed: u64| {
            let bytes = seed.to_le_bytes().repeat(4);
            let mut runner = TestRunner::new_with_rng(
                Config::default(),
                TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
            );
            (0..20)
                .map(|_| case().new_tree(&mut runner).unwrap().current())
                .collect::<Vec<_>>()
        };
        assert_eq!(generate(7), generate(7));
        assert_ne!(generate(7), generate(8));
    }

    #[test]
    fn log_colours_are_stripped() {
        assert_eq!(
            strip_colours("\u{1b}[2mtime\u{1b}[0m INFO x"),
            "time INFO x"
        );
    }

    #[test]
    fn error_bodies_reduce_to_the_words_before_the_colon() {
        let step = Step::new("GET", "/notes?limit=x");
        let raw = reduce(
            &step,
            400,
            &hyper::HeaderMap::new(),
            br#"{"error":"invalid query: limit: invalid digit"}"#,
        );
        assert_eq!(raw.answer.body, Shape::Error("invalid query".into()));
    }
}
