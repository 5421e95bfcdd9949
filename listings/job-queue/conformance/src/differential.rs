//! The differential suite: generated requests sent to both twins at once,
//! whose answers must be the same.
//!
//! The conformance cases check chosen behaviours; this checks that the two
//! twins are one program. A [proptest] generator makes [`Case`]s from the
//! classes of input where an HTTP JSON service written twice tends to
//! differ: JSON one decoder takes and the other refuses (field names in
//! another case, a field given twice, unknown fields, invalid UTF-8 and lone
//! surrogates, arrays and scalars where an object belongs, numbers negative,
//! fractional, with exponents or out of range, deep nesting, trailing data,
//! an empty body), media types and their parameters, forms of a job id,
//! every method on every route, unknown and unclean paths, percent-encoded
//! paths, bodies at and over the size limit, and chunked bodies. Each case
//! goes to both twins, concurrently, with a real HTTP client (reqwest, no
//! redirects followed), and the two [`Answer`]s must be equal: the status,
//! the headers the contract names (`Content-Type`, `Location`,
//! `Retry-After`, `Allow`) and the JSON body.
//!
//! Nothing is ignored but what [`INHERENT`] lists, each entry with its
//! reason: the job numbers and counters that depend on when a job runs, the
//! words of an error message (the contract fixes the status and the shape
//! `{"error": string}`, not the words), and the spelling of a list header.
//!
//! **No answer depends on timing.** Both twins start with a queue far larger
//! than any run submits ([`QUEUE_CAPACITY`]), so `429` never happens (the
//! conformance suite covers it), and they remember every finished job. The
//! only job a case can look up is job 1, submitted and finished before the
//! first case; every other generated id is one no run reaches (0, or above
//! [`UNREACHED_ID`]), so the status of a job that might still be running is
//! never read. Jobs the generator submits finish at once or sleep without
//! using a CPU (`spin` only with one party). `GET /metrics` is compared with
//! its counters normalised (see [`INHERENT`]), since they move as jobs
//! finish. So every case's answer depends on the case alone, which is also
//! what lets proptest shrink a failure.
//!
//! Out of scope, as for the conformance suite: request targets that are
//! not URIs (`/jobs/%`, a `%` without two hex digits after it) and malformed
//! request lines. Go's server refuses those before any handler sees them,
//! with a plain-text 400, so neither twin's code is involved.
//!
//! **Determinism.** The generator's RNG is seeded: [`DEFAULT_SEED`] unless
//! `DIFFERENTIAL_SEED` says another number (or `random`), so CI sends the
//! same cases every run. `DIFFERENTIAL_CASES` overrides [`DEFAULT_CASES`].
//! A failure is shrunk; the panic message gives the seed, the smallest case
//! as a Rust expression, both answers and what differs, and the same text
//! is written to `target/differential/job-queue-SEED.txt`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use reqwest::Method;
use reqwest::header::{ALLOW, CONTENT_TYPE, HeaderName, LOCATION, RETRY_AFTER};
use reqwest::{Body, Client};
use serde_json::Value;
use testkit::{Server, Twin};

/// The seed of a run unless `DIFFERENTIAL_SEED` says otherwise.
pub const DEFAULT_SEED: u64 = 20_261_130;

/// Cases per run unless `DIFFERENTIAL_CASES` says otherwise.
pub const DEFAULT_CASES: u32 = 2_000;

/// Both twins' queue: no run comes near filling it.
pub const QUEUE_CAPACITY: u64 = 1_000_000;

/// Generated ids at or below this are never asked for, except 1.
pub const UNREACHED_ID: u64 = 1_000_000_000;

/// The largest body the twins accept (64 KiB), as the contract says.
const MAX_BODY: usize = 64 * 1024;

/// A request, as the generator makes it. `Debug` prints it as the Rust
/// expression that makes it, ready to paste into a regression case.
#[derive(Clone, PartialEq)]
pub struct Case {
    pub method: String,
    /// The path and query, as given to the client (which escapes what a
    /// URL cannot hold, and removes `.` and `..` segments).
    pub path: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// Sent with `Transfer-Encoding: chunked` instead of `Content-Length`.
    pub chunked: bool,
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Case {{ method: {:?}.into(), path: {:?}.into(), content_type: {}, \
             body: b\"{}\".to_vec(), chunked: {} }}",
            self.method,
            self.path,
            match &self.content_type {
                Some(t) => format!("Some({t:?}.into())"),
                None => "None".into(),
            },
            self.body.escape_ascii(),
            self.chunked
        )
    }
}

/// What a twin answered, after [`normalise`].
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    /// The headers the contract names, lowercase, in a fixed order.
    pub headers: Vec<(&'static str, Option<String>)>,
    pub body: Reply,
}

/// A body: JSON, or what it was instead.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Empty,
    Json(Value),
    NotJson(String),
    /// The request failed before an answer (the connection was closed).
    NoAnswer(String),
}

/// Where an inherent difference sits.
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// A top-level member of a JSON body; replaced by `"<name>"` when its
    /// value has the expected type, so a wrong type still shows.
    Member(&'static str),
    /// A header.
    Header(&'static str),
}

/// A difference the suite ignores, and why.
#[derive(Debug)]
pub struct Inherent {
    pub part: Part,
    pub reason: &'static str,
}

// ANCHOR: inherent
/// Every difference the comparison ignores. Nothing else may differ.
pub const INHERENT: &[Inherent] = &[
    Inherent {
        part: Part::Member("error"),
        reason: "the contract fixes the status and the shape {\"error\": string}; the words \
                 come from each language's decoder (serde_json, encoding/json) and differ",
    },
    Inherent {
        part: Part::Member("id"),
        reason: "each twin numbers its own jobs; a job is found by the id it was given",
    },
    Inherent {
        part: Part::Header("location"),
        reason: "holds the job's id (`/jobs/ID`): the number is replaced, the rest compared",
    },
    Inherent {
        part: Part::Member("queue_depth"),
        reason: "GET /metrics: jobs leave the queue when a worker is free, at no fixed moment",
    },
    Inherent {
        part: Part::Member("accepted"),
        reason: "GET /metrics: counts every case so far, so it would tie each case to the \
                 whole run's history (and defeat shrinking)",
    },
    Inherent {
        part: Part::Member("rejected"),
        reason: "GET /metrics: counts every refusal so far, as `accepted` counts acceptances",
    },
    Inherent {
        part: Part::Member("completed"),
        reason: "GET /metrics: jobs finish asynchronously, after the answer that accepted them",
    },
    Inherent {
        part: Part::Member("failed"),
        reason: "GET /metrics: jobs fail asynchronously, after the answer that accepted them",
    },
    Inherent {
        part: Part::Header("allow"),
        reason: "a list header: RFC 9110 section 5.6.1 makes `GET,HEAD` (axum) and \
                 `GET, HEAD` (net/http) the same list, so the methods are compared as a set",
    },
];
// ANCHOR_END: inherent

/// The headers the contract names, compared (after [`INHERENT`]).
const HEADERS: [HeaderName; 4] = [CONTENT_TYPE, LOCATION, RETRY_AFTER, ALLOW];

/// The answer as both twins should give it, whatever each one's numbering,
/// timing and wording.
pub fn normalise(mut answer: Answer) -> Answer {
    for inherent in INHERENT {
        match inherent.part {
            Part::Member(name) => {
                if let Reply::Json(Value::Object(members)) = &mut answer.body
                    && let Some(value) = members.get_mut(name)
                {
                    let typed = match name {
                        "error" => value.is_string(),
                        _ => value.is_u64(),
                    };
                    if typed {
                        *value = Value::String(format!("<{name}>"));
                    }
                }
            }
            Part::Header(name) => {
                for (header, value) in &mut answer.headers {
                    if *header == name
                        && let Some(value) = value
                    {
                        *value = match name {
                            "location" => {
                                value
                                    .trim_end_matches(|c: char| c.is_ascii_digit())
                                    .to_owned()
                                    + "<id>"
                            }
                            _ => {
                                let mut methods: Vec<&str> =
                                    value.split(',').map(str::trim).collect();
                                methods.sort_unstable();
                                methods.join(", ")
                            }
                        };
                    }
                }
            }
        }
    }
    answer
}

/// Sends `case` to the twin at `server` and reads its answer.
pub async fn ask(client: &Client, server: &Server, case: &Case) -> Answer {
    let method = Method::from_bytes(case.method.as_bytes()).expect("the generator's methods");
    let mut request = client.request(method, server.url(&case.path));
    if let Some(content_type) = &case.content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    if case.chunked {
        // A body that does not tell its length goes chunked. Its one chunk
        // is ready at once, so the whole request is sent before any answer
        // (a body read on another thread, as reqwest's blocking client does,
        // races an early answer, and the client reports an error).
        let body = Full::<Bytes>::from(case.body.clone()).map_frame(|frame| frame);
        request = request.body(Body::wrap(body));
    } else if !case.body.is_empty() {
        request = request.body(case.body.clone());
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) => {
            return Answer {
                status: 0,
                headers: Vec::new(),
                body: no_answer(&e),
            };
        }
    };
    let status = response.status().as_u16();
    let headers = HEADERS
        .iter()
        .map(|name| {
            let value = response
                .headers()
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            (static_name(name), value)
        })
        .collect();
    let body = match response.bytes().await {
        Err(e) => no_answer(&e),
        Ok(bytes) if bytes.is_empty() => Reply::Empty,
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(value) => Reply::Json(value),
            Err(_) => Reply::NotJson(String::from_utf8_lossy(&bytes).into_owned()),
        },
    };
    Answer {
        status,
        headers,
        body,
    }
}

fn static_name(name: &HeaderName) -> &'static str {
    HEADERS
        .iter()
        .find(|h| *h == name)
        .map(HeaderName::as_str)
        .unwrap_or("?")
}

/// A request that got no answer, by the kind of failure: the message
/// names the twin's port, which differs between the twins.
fn no_answer(e: &reqwest::Error) -> Reply {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() {
        "the body failed"
    } else {
        "the request failed"
    };
    Reply::NoAnswer(kind.into())
}

/// A one-line hint at what differs between two answers.
pub fn hint(rust: &Answer, go: &Answer) -> String {
    if rust.status != go.status {
        return format!("the status differs: rust {}, go {}", rust.status, go.status);
    }
    for ((name, r), (_, g)) in rust.headers.iter().zip(&go.headers) {
        if r != g {
            return format!("the {name} header differs: rust {r:?}, go {g:?}");
        }
    }
    match (&rust.body, &go.body) {
        (Reply::Json(Value::Object(r)), Reply::Json(Value::Object(g))) => {
            let keys = r.keys().chain(g.keys());
            match keys.into_iter().find(|k| r.get(*k) != g.get(*k)) {
                Some(key) => format!(
                    "the body's {key:?} differs: rust {:?}, go {:?}",
                    r.get(key),
                    g.get(key)
                ),
                None => "the body differs".into(),
            }
        }
        _ => "the body differs".into(),
    }
}

// ---------------------------------------------------------------- generator

/// A JSON text under construction: bytes rather than `serde_json::Value`,
/// so that it can hold what a JSON library would never write (a name given
/// twice, invalid UTF-8, `1e400`).
fn object(members: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"{".to_vec();
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(name);
        out.push(b':');
        out.extend_from_slice(value);
    }
    out.push(b'}');
    out
}

fn quoted(s: &str) -> Vec<u8> {
    format!("\"{s}\"").into_bytes()
}

/// String values: plain, escaped, non-ASCII, and the invalid.
fn string_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => "[a-z ]{0,12}".prop_map(|s| quoted(&s)),
        1 => Just(quoted("")),
        1 => Just(quoted("h\u{e9}llo w\u{f6}rld")),
        1 => Just(quoted("tab\\tand\\nnewline")),
        1 => Just(quoted("\\u00e9\\ud83d\\ude00")),
        // A lone surrogate, high and low.
        1 => Just(quoted("a\\ud800")),
        1 => Just(quoted("\\udc00b")),
        // Invalid UTF-8: a stray continuation byte, a cut sequence.
        1 => Just(b"\"a\x80b\"".to_vec()),
        1 => Just(b"\"\xc3\"".to_vec()),
        1 => Just(b"\"\xed\xa0\x80\"".to_vec()),
        // A raw control character, invalid JSON.
        1 => Just(b"\"a\x01b\"".to_vec()),
    ]
}

/// Numbers as JSON writes them, and values that are not numbers.
fn number_value() -> impl Strategy<Value = Vec<u8>> {
    let forms = [
        "10000",
        "10001",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999999999",
        "-1",
        "-0",
        "0.0",
        "1.0",
        "1.5",
        "1e3",
        "1E2",
        "0e0",
        "1e400",
        "-1e400",
        "1e-400",
        "01",
        "+1",
        ".5",
        "\"5\"",
        "null",
        "true",
        "[1]",
        "{}",
    ];
    prop_oneof![
        3 => (0u64..=20).prop_map(|n| n.to_string().into_bytes()),
        2 => proptest::sample::select(forms.to_vec()).prop_map(|s| s.as_bytes().to_vec()),
    ]
}

/// Any other value, for unknown fields and wrong types.
fn other_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"null".to_vec()),
        Just(b"[]".to_vec()),
        Just(b"{}".to_vec()),
        Just(b"{\"a\":[1,{\"b\":null}]}".to_vec()),
        Just(b"false".to_vec()),
        string_value(),
        number_value(),
    ]
}

/// A member name as sent: the right one, another case, or escaped.
fn name(right: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => Just(quoted(right)),
        1 => Just(quoted(&right.to_uppercase())),
        1 => Just(quoted(&(right[..1].to_uppercase() + &right[1..]))),
        // `\u006b` is `k`: the same name, escaped.
        1 => Just(format!("\"\\u{:04x}{}\"", right.as_bytes()[0], &right[1..]).into_bytes()),
    ]
}

/// A payload's fields for `kind`: the right ones with values of every
/// sort, sometimes one missing, one given twice, or one extra.
fn payload(kind: &'static str) -> BoxedStrategy<Vec<u8>> {
    let fields: &[(&'static str, bool)] = match kind {
        "wordcount" => &[("text", true)],
        "fail" | "panic" => &[("message", true)],
        "sleep" => &[("ms", false)],
        _ => &[("parties", false), ("ms", false)],
    };
    let members: Vec<BoxedStrategy<(Vec<u8>, Vec<u8>)>> = fields
        .iter()
        .map(|&(field, is_text)| {
            let value = if is_text {
                prop_oneof![6 => string_value(), 1 => other_value()].boxed()
            } else if kind == "spin" && field == "parties" {
                // One party, or an invalid count: a valid spin of two or
                // more would keep a CPU busy until its partners come.
                prop_oneof![6 => Just(b"1".to_vec()), 2 => number_value()
                .prop_filter("no spin waits for partners", |n| {
                    std::str::from_utf8(n).ok().and_then(|s| s.parse::<u64>().ok())
                        .is_none_or(|n| !(2..=64).contains(&n))
                })]
                .boxed()
            } else {
                prop_oneof![6 => (0u64..=5).prop_map(|n| n.to_string().into_bytes()),
                    3 => number_value(), 1 => other_value()]
                .boxed()
            };
            (name(field), value).boxed()
        })
        .collect();
    (
        members,
        prop::collection::vec(("\"[a-z]{1,6}\"", other_value()), 0..=1),
        0usize..8,
    )
        .prop_map(|(mut members, extra, mutation)| {
            for (name, value) in extra {
                members.push((name.into_bytes(), value));
            }
            match mutation {
                // A field given twice: the first value, then another.
                0 if !members.is_empty() => {
                    let (name, _) = members[0].clone();
                    members.insert(0, (name, b"\"first\"".to_vec()));
                }
                // A field missing.
                1 if !members.is_empty() => {
                    members.remove(0);
                }
                _ => {}
            }
            object(&members)
        })
        .boxed()
}

/// A job: `{"kind": ..., "payload": {...}}` with its members in any order,
/// in another case, twice, missing, or with an extra one.
fn job() -> BoxedStrategy<Vec<u8>> {
    let kinds = ["wordcount", "fail", "sleep", "spin", "panic"];
    (proptest::sample::select(kinds.to_vec()), 0usize..12)
        .prop_flat_map(|(kind, shape)| {
            let kind_value = prop_oneof![
                10 => Just(quoted(kind)),
                1 => Just(quoted(&kind.to_uppercase())),
                1 => Just(format!("\"{}\\u{:04x}\"", &kind[..kind.len() - 1],
                    kind.as_bytes()[kind.len() - 1]).into_bytes()),
                1 => Just(quoted("explode")),
                1 => Just(quoted("")),
                1 => other_value(),
            ];
            let payload_value = prop_oneof![
                10 => payload(kind),
                1 => other_value(),
                // The payload as an array of its values.
                1 => Just(match kind {
                    "wordcount" | "fail" | "panic" => b"[\"a b\"]".to_vec(),
                    "sleep" => b"[1]".to_vec(),
                    _ => b"[1,1]".to_vec(),
                }),
            ];
            (
                name("kind"),
                kind_value,
                name("payload"),
                payload_value,
                Just(shape),
                Just(kind),
            )
        })
        .prop_map(
            |(kind_name, kind, payload_name, payload, shape, kind_word)| {
                let mut members = vec![(kind_name, kind), (payload_name, payload)];
                match shape {
                    0 => members.reverse(),
                    1 => members.push((b"\"extra\"".to_vec(), b"[1,2,3]".to_vec())),
                    2 => members.insert(0, (quoted("kind"), quoted("explode"))),
                    3 => members.push((quoted("kind"), quoted(kind_word))),
                    4 => {
                        members.remove(1);
                    }
                    5 => {
                        members.remove(0);
                    }
                    // The job as a two-element array: serde reads an enum so.
                    6 => {
                        let mut out = b"[".to_vec();
                        out.extend_from_slice(&members[0].1);
                        out.push(b',');
                        out.extend_from_slice(&members[1].1);
                        out.push(b']');
                        return out;
                    }
                    _ => {}
                }
                object(&members)
            },
        )
        .boxed()
}

/// A whole body: a job, perhaps spoiled, or something else entirely.
fn body() -> BoxedStrategy<Vec<u8>> {
    let depths = [1usize, 64, 126, 127, 128, 129, 130, 200, 1000, 20_000];
    prop_oneof![
        12 => job(),
        // Trailing data, or white space (which is fine).
        2 => (job(), proptest::sample::select(vec![" ", "\n\t ", "x", "{}", " {}", "null", ",", "]"]))
            .prop_map(|(mut job, tail)| { job.extend_from_slice(tail.as_bytes()); job }),
        // Cut short.
        2 => job().prop_flat_map(|job| {
            let len = job.len();
            (Just(job), 0..len)
        }).prop_map(|(job, cut)| job[..cut].to_vec()),
        // Deep nesting in an unknown member, or as the payload's text.
        2 => (proptest::sample::select(depths.to_vec()), any::<bool>()).prop_map(|(depth, in_payload)| {
            let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            if in_payload {
                format!(r#"{{"kind":"wordcount","payload":{{"text":"a","deep":{nested}}}}}"#)
            } else {
                format!(r#"{{"kind":"wordcount","payload":{{"text":"a"}},"deep":{nested}}}"#)
            }
            .into_bytes()
        }),
        // Not an object at all.
        1 => proptest::sample::select(vec![
            "", " ", "null", "[]", "{}", "\"job\"", "42", "true", "[{}]",
            "[\"sleep\",{\"ms\":1}]", "\u{feff}{}", "{\"kind\":\"wordcount\",\"payload\":{\"text\":\"a\"}}\u{0}",
        ]).prop_map(|s| s.as_bytes().to_vec()),
        // Invalid UTF-8 outside any string.
        1 => Just(b"{\"kind\":\"wordcount\",\"payload\":{\"text\":\"a\"}}\xff".to_vec()),
        // At and just over the size limit.
        1 => proptest::sample::select(vec![MAX_BODY - 1, MAX_BODY, MAX_BODY + 1, MAX_BODY + 4_000])
            .prop_map(|size| {
                let head = br#"{"kind":"wordcount","payload":{"text":""#;
                let tail = br#""}}"#;
                let mut body = head.to_vec();
                body.resize(size - tail.len(), b'a');
                body.extend_from_slice(tail);
                body
            }),
    ]
    .boxed()
}

fn content_type() -> impl Strategy<Value = Option<String>> {
    let others = [
        "application/json; charset=utf-8",
        "application/json; charset=latin1",
        "application/json;charset=UTF-8",
        "Application/JSON",
        "APPLICATION/JSON; CHARSET=UTF-8",
        "application/json;",
        "application/json; garbage",
        "application/json ; charset=utf-8",
        "application/json\t;\tcharset=utf-8",
        "application/json, text/plain",
        "application/json garbage",
        "application/problem+json",
        "application/vnd.api+json",
        "application/jsonx",
        "application/",
        "application",
        "text/json",
        "text/plain",
        "text/plain; charset=utf-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "*/*",
        "",
        "json",
    ];
    prop_oneof![
        8 => Just(Some("application/json".to_owned())),
        1 => Just(None),
        3 => proptest::sample::select(others.to_vec()).prop_map(|t| Some(t.to_owned())),
    ]
}

/// The spellings of a job id: job 1 in every form, ids never given, and
/// what is not an id.
fn id() -> impl Strategy<Value = String> {
    let forms = [
        "1",
        "01",
        "0001",
        "+1",
        "-1",
        "0",
        "1.0",
        "1e0",
        "0x1",
        " 1",
        "1 ",
        "%31",
        "%2B1",
        "%2531",
        "%30%31",
        "\u{661}",
        "\u{ff11}",
        "1/",
        "1%2F",
        "1/x",
        "1;x",
        "1?x=1",
        "",
        "x",
        "abc",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999999999999",
        "-0",
        "1_000",
    ];
    prop_oneof![
        3 => proptest::sample::select(forms.to_vec()).prop_map(str::to_owned),
        1 => (UNREACHED_ID + 1..u64::MAX).prop_map(|n| n.to_string()),
        1 => "[a-zA-Z0-9._~-]{1,10}".prop_filter("not a reachable id", |s| {
            s.parse::<u64>().is_err()
        }),
    ]
}

fn method() -> impl Strategy<Value = String> {
    let methods = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get", "Post", "PURGE",
    ];
    prop_oneof![
        3 => proptest::sample::select(methods[..3].to_vec()),
        2 => proptest::sample::select(methods.to_vec()),
    ]
    .prop_map(str::to_owned)
}

/// Paths: the routes, and near misses of them.
fn path() -> impl Strategy<Value = String> {
    let paths = [
        "/jobs",
        "/jobs/",
        "/jobs/1",
        "/healthz",
        "/metrics",
        "/",
        "/nope",
        "/JOBS",
        "/Healthz",
        "/healthz/",
        "/metrics/",
        "//healthz",
        "/jobs//1",
        "//jobs",
        "/%68ealthz",
        "/heal%74hz",
        "/%6A%6F%62%73",
        "/jobs%2F1",
        "/healthz%2F",
        "/jobs/1/x",
        "/api/jobs",
        "/healthz?verbose=1",
        "/jobs?x=1",
        "/metrics#top",
        "/favicon.ico",
        "/healthz%00",
    ];
    proptest::sample::select(paths.to_vec()).prop_map(str::to_owned)
}

/// Every case the suite sends.
pub fn case() -> BoxedStrategy<Case> {
    let submit = (
        content_type(),
        body(),
        any::<bool>(),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(content_type, body, query, chunked)| Case {
            method: "POST".into(),
            path: if query { "/jobs?x=1" } else { "/jobs" }.into(),
            content_type,
            body,
            chunked,
        });
    let lookup = (prop::bool::weighted(0.8), id()).prop_map(|(get, id)| Case {
        method: if get { "GET" } else { "HEAD" }.into(),
        path: format!("/jobs/{id}"),
        content_type: None,
        body: Vec::new(),
        chunked: false,
    });
    let anything = (method(), path(), prop::option::of(job()), any::<bool>()).prop_map(
        |(method, path, body, chunked)| Case {
            method,
            path,
            content_type: body.as_ref().map(|_| "application/json".to_owned()),
            chunked: chunked && body.is_some(),
            body: body.unwrap_or_default(),
        },
    );
    prop_oneof![6 => submit.boxed(), 2 => lookup.boxed(), 3 => anything.boxed()].boxed()
}

// ------------------------------------------------------------------ the run

/// Starts a twin for the run: a queue nothing fills, every finished job
/// remembered, and job 1 finished.
fn start(twin: &Twin) -> Server {
    let capacity = QUEUE_CAPACITY.to_string();
    let server = twin.start_with([
        "--queue-capacity",
        &capacity,
        "--keep-finished",
        &capacity,
        "--keep-finished-bytes",
        "1099511627776",
    ]);
    let id = crate::submit(
        &server,
        &serde_json::json!({"kind": "wordcount", "payload": {"text": "job one"}}),
    );
    assert_eq!(id, 1, "the {} twin's first job", server.language);
    crate::wait_for(&server, 1, "done");
    server
}

/// A client that follows no redirects (a redirect is an answer to compare)
/// and opens a new connection for every request: a twin may close a
/// connection after an answer (hyper does when the handler left the body
/// unread), and a case must not meet the state the case before it left.
fn client() -> Client {
    Client::builder()
        .timeout(crate::PROMPT)
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a plain HTTP client builds")
}

/// Runs the suite against the two twins; panics with the smallest case that
/// they answer differently.
pub fn run(rust: &Twin, go: &Twin) {
    let (seed, cases) = testkit::differential::settings(DEFAULT_SEED, DEFAULT_CASES);
    let started = Instant::now();
    let (rust, go) = std::thread::scope(|s| {
        let rust = s.spawn(|| start(rust));
        let go = s.spawn(|| start(go));
        (rust.join().unwrap(), go.join().unwrap())
    });
    let clients = (client(), client());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime for the client");
    let mut seed_bytes = [0; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        max_shrink_time: 60_000,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let ignored = AtomicUsize::new(0);
    let compare = |case: &Case| -> Result<(), Box<(Answer, Answer)>> {
        let (r, g) = runtime.block_on(async {
            tokio::join!(ask(&clients.0, &rust, case), ask(&clients.1, &go, case))
        });
        let (nr, ng) = (normalise(r.clone()), normalise(g.clone()));
        if nr != ng {
            return Err(Box::new((nr, ng)));
        }
        if r != g {
            ignored.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    };
    let outcome = runner.run(&case(), |case| {
        compare(&case).map_err(|_| TestCaseError::fail("the twins answer differently"))
    });
    match outcome {
        Ok(()) => {
            // Straight to the standard error, past the test harness's
            // capture: `cargo xtask test` shows it even when all is well.
            let line = format!(
                "differential job-queue: {cases} cases, seed {seed}, {} inherent differences \
                 ignored ({} kinds, see INHERENT), {:.1?}\n",
                ignored.load(Ordering::Relaxed),
                INHERENT.len(),
                started.elapsed()
            );
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
        Err(TestError::Fail(_, case)) => {
            let (r, g) = *compare(&case).err().unwrap_or_else(|| {
                panic!("seed {seed}: the shrunk case {case:?} no longer differs (flaky?)")
            });
            let report = report(seed, &case, &r, &g);
            let saved = testkit::differential::write_report("job-queue", seed, &report);
            panic!("{report}\n(this report is {saved})");
        }
        Err(TestError::Abort(why)) => panic!("seed {seed}: proptest gave up: {why}"),
    }
}

/// The failure, as the panic message and the file show it.
pub fn report(seed: u64, case: &Case, rust: &Answer, go: &Answer) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "differential job-queue, seed {seed} (rerun: DIFFERENTIAL_SEED={seed}): the twins \
         answer this case differently\n  {}\n\ncase (paste into a regression case):\n{case:?}\n",
        hint(rust, go)
    );
    let _ = writeln!(out, "rust answered: {rust}\ngo answered:   {go}");
    out
}

impl std::fmt::Display for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.status)?;
        for (name, value) in &self.headers {
            if let Some(value) = value {
                write!(f, ", {name}: {value:?}")?;
            }
        }
        match &self.body {
            Reply::Empty => write!(f, ", no body"),
            Reply::Json(value) => write!(f, ", JSON {value}"),
            Reply::NotJson(text) => write!(f, ", not JSON {text:?}"),
            Reply::NoAnswer(why) => write!(f, ", no answer: {why}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::ValueTree;

    use super::*;

    /// A few cases from a seed, for the unit tests: the generator must reach
    /// every class it claims.
    fn sample(seed: u64, n: usize) -> Vec<Case> {
        let mut seed_bytes = [0; 32];
        seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
        );
        let strategy = case();
        (0..n)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect()
    }

    #[test]
    fn every_inherent_difference_has_a_reason() {
        testkit::differential::assert_reasons(INHERENT.iter().map(|i| (&i.part, i.reason)));
    }

    #[test]
    fn normalises_only_what_inherent_lists() {
        let answer = |body: Value, location: &str, allow: &str| Answer {
            status: 202,
            headers: vec![
                ("content-type", Some("application/json".into())),
                ("location", Some(location.into())),
                ("retry-after", None),
                ("allow", Some(allow.into())),
            ],
            body: Reply::Json(body),
        };
        let rust = answer(
            serde_json::json!({"id": 7, "status": "queued", "error": "one way"}),
            "/jobs/7",
            "GET,HEAD",
        );
        let go = answer(
            serde_json::json!({"id": 8, "status": "queued", "error": "another"}),
            "/jobs/8",
            "HEAD, GET",
        );
        assert_eq!(normalise(rust.clone()), normalise(go));
        let running = answer(
            serde_json::json!({"id": 7, "status": "running", "error": "one way"}),
            "/jobs/7",
            "GET,HEAD",
        );
        assert_ne!(normalise(rust.clone()), normalise(running));
        let not_a_string = answer(
            serde_json::json!({"id": 7, "status": "queued", "error": 5}),
            "/jobs/7",
            "GET,HEAD",
        );
        assert_ne!(normalise(rust), normalise(not_a_string));
    }

    #[test]
    fn prints_a_case_as_rust() {
        let case = Case {
            method: "POST".into(),
            path: "/jobs".into(),
            content_type: Some("application/json".into()),
            body: b"{\"a\":\"\xff\"}".to_vec(),
            chunked: false,
        };
        assert_eq!(
            format!("{case:?}"),
            r#"Case { method: "POST".into(), path: "/jobs".into(), content_type: Some("application/json".into()), body: b"{\"a\":\"\xff\"}".to_vec(), chunked: false }"#
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        assert_eq!(sample(7, 50), sample(7, 50));
        assert_ne!(sample(7, 50), sample(8, 50));
    }

    #[test]
    fn generates_every_class() {
        let cases = sample(DEFAULT_SEED, 2_000);
        let has = |what: &str, f: &dyn Fn(&Case) -> bool| {
            assert!(cases.iter().any(f), "no case with {what}");
        };
        has("a chunked body", &|c| c.chunked);
        has("an oversize body", &|c| c.body.len() > MAX_BODY);
        has("a body at the limit", &|c| c.body.len() == MAX_BODY);
        has("an empty POST", &|c| {
            c.method == "POST" && c.body.is_empty()
        });
        has("invalid UTF-8", &|c| std::str::from_utf8(&c.body).is_err());
        has("a lone surrogate", &|c| {
            c.body.windows(6).any(|w| w == b"\\ud800")
        });
        has("a name in capitals", &|c| {
            c.body.windows(6).any(|w| w == b"\"KIND\"")
        });
        has("deep nesting", &|c| {
            c.body.windows(130).any(|w| w.iter().all(|&b| b == b'['))
        });
        has("no content type", &|c| {
            c.method == "POST" && c.content_type.is_none()
        });
        has("a +json type", &|c| {
            c.content_type.as_deref() == Some("application/problem+json")
        });
        has("a signed id", &|c| c.path == "/jobs/+1");
        has("a percent-encoded path", &|c| c.path == "/%68ealthz");
        has("DELETE", &|c| c.method == "DELETE");
        has("an unknown route", &|c| c.path == "/nope");
        has("a big number", &|c| {
            c.body.windows(5).any(|w| w == b"1e400")
        });
    }
}
