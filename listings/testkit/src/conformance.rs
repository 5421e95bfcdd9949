//! The runner of the shared conformance suites, and what it adds to a
//! failure: where in the twin under test the requests and messages of the
//! failing case were handled.
//!
//! A suite's crate declares its cases with [`suite!`](crate::suite), which
//! writes one `#[test]` per case that calls [`run`]. The suite's client
//! helpers say what they send ([`request`], [`message`]); when a case
//! panics, [`run`] prints, below the panic, the handler of each of those in
//! the twin under test, found by reading the twin's source
//! ([`handlers`]), so the lines are never out of date:
//!
//! ```text
//! the go twin answered POST /jobs in listings/job-queue/server/api.go:88 (func submit)
//! ```

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::{Path, PathBuf};

use crate::{Twin, book_root};

mod source;

pub use source::{Handler, Location, Route, handlers};

/// What a case sent a twin, as its client helpers report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sent {
    /// An HTTP request (a WebSocket upgrade included): `GET /jobs/7`.
    Request { method: String, path: String },
    /// A protocol message by its `type` (the chat server's `join`).
    Message(String),
}

impl fmt::Display for Sent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sent::Request { method, path } => write!(f, "{method} {path}"),
            Sent::Message(kind) => write!(f, "a {kind:?} message"),
        }
    }
}

thread_local! {
    /// What the case running on this thread has sent so far; `None` outside
    /// [`run`]. A case's helpers run on its thread (async cases run on a
    /// current-thread runtime), so each case sees only its own.
    static SENT: RefCell<Option<Vec<Sent>>> = const { RefCell::new(None) };
}

fn note(sent: Sent) {
    SENT.with_borrow_mut(|log| {
        if let Some(log) = log
            && !log.contains(&sent)
        {
            log.push(sent);
        }
    });
}

/// Notes that the running case sent `METHOD path` (a query is dropped).
pub fn request(method: &str, path: &str) {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    note(Sent::Request {
        method: method.to_owned(),
        path: path.to_owned(),
    });
}

/// Notes the request line at the start of raw bytes a case writes to a
/// socket (`GET /healthz HTTP/1.1\r\n...`); anything else is not noted.
pub fn raw_request(bytes: &str) {
    let mut words = bytes.split_whitespace();
    if let (Some(method), Some(path)) = (words.next(), words.next())
        && method.bytes().all(|b| b.is_ascii_uppercase())
        && path.starts_with('/')
    {
        request(method, path);
    }
}

/// Notes that the running case sent a protocol message of type `kind`.
pub fn message(kind: &str) {
    note(Sent::Message(kind.to_owned()));
}

/// Runs `case` against `twin`, whose source is in `twins` (a directory
/// of the book holding both twins' sources). If the case fails, prints
/// below its panic where the twin handled each thing the case sent, then
/// fails the test with the case's own panic.
pub fn run(twins: &str, twin: &Twin, case: impl FnOnce(&Twin)) {
    let outer = SENT.replace(Some(Vec::new()));
    let outcome = catch_unwind(AssertUnwindSafe(|| case(twin)));
    let sent = SENT.replace(outer).unwrap_or_default();
    if let Err(panic) = outcome {
        eprintln!("{}", report(Path::new(twins), twin.language, &sent));
        resume_unwind(panic);
    }
}

/// Runs an async case on a current-thread runtime of its own, the way the
/// suites' async cases expect (tokio's test macro does the same).
pub fn block_on<F: Future<Output = ()>>(case: F) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime starts")
        .block_on(case);
}

/// The lines [`run`] prints after a failure: for each thing sent, the
/// handlers that answered it in the `language` twin in `twins`.
pub fn report(twins: &Path, language: &str, sent: &[Sent]) -> String {
    if sent.is_empty() {
        return format!("(the case sent the {language} twin no request before it failed)");
    }
    let routes = match handlers(twins, language) {
        Ok(routes) => routes,
        Err(problems) => {
            return format!(
                "(cannot say which code of the {language} twin handled it: {})",
                problems.join("; ")
            );
        }
    };
    let verb = |sent: &Sent| match sent {
        Sent::Request { .. } => "answered",
        Sent::Message(_) => "handled",
    };
    sent.iter()
        .map(|sent| {
            // A route that takes the request; only if none does, the
            // fallbacks that may answer it.
            let routed = routes
                .iter()
                .any(|route| !route.fallback && route.matches(sent));
            let found: Vec<String> = routes
                .iter()
                .filter(|route| route.fallback != routed && route.matches(sent))
                .map(|route| match &route.handler {
                    Ok(handler) => handler.to_string(),
                    Err(why) => format!("{} (its handler: {why})", route.at),
                })
                .collect();
            if found.is_empty() {
                format!(
                    "the {language} twin has no route for {sent} (read from {})",
                    twins.display()
                )
            } else if routed {
                format!(
                    "the {language} twin {} {sent} in {}",
                    verb(sent),
                    found.join(" and ")
                )
            } else {
                format!(
                    "the {language} twin has no route for {sent}; it {} it in one of its \
                     fallbacks: {}",
                    verb(sent),
                    found.join(", ")
                )
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fails, naming file and line, unless every route and message of both
/// twins in `twins` resolves to the function that handles it; each suite
/// runs this as a unit test (written by [`suite!`](crate::suite)).
pub fn check_handlers(twins: &str) {
    let mut problems = Vec::new();
    // Each twin's routes and messages, by pattern (Go's `/{$}` is axum's
    // `/`: the path and nothing after), with where each is declared.
    let mut served: [BTreeMap<String, String>; 2] = Default::default();
    for (language, served) in ["rust", "go"].into_iter().zip(&mut served) {
        match handlers(Path::new(twins), language) {
            Ok(routes) => {
                assert!(
                    routes
                        .iter()
                        .any(|r| matches!(r.sent, Sent::Request { .. })),
                    "found no route in the {language} twin in {twins}"
                );
                for route in &routes {
                    if let Err(why) = &route.handler {
                        problems.push(format!(
                            "{}: the {language} twin's {} has no handler the suite can find: {why}",
                            route.at, route.sent
                        ));
                    }
                    if !route.fallback {
                        served
                            .entry(route.sent.to_string().replace("{$}", ""))
                            .or_insert_with(|| route.at.to_string());
                    }
                }
            }
            Err(mut these) => problems.append(&mut these),
        }
    }
    // Both twins must serve the same routes and messages.
    let [rust, go] = &served;
    for (only, other, one, two) in [(rust, go, "rust", "go"), (go, rust, "go", "rust")] {
        for (route, at) in only {
            if !other.contains_key(route) {
                problems.push(format!(
                    "{at}: the {one} twin serves {route}, the {two} twin does not"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `path` relative to the book's root, for messages.
fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(book_root()).unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Sent, report};

    fn request(method: &str, path: &str) -> Sent {
        Sent::Request {
            method: method.to_owned(),
            path: path.to_owned(),
        }
    }

    /// The handlers come from the twins' real source, so this names lines
    /// of the book as they are today.
    #[test]
    fn names_the_handler_of_each_twin_with_file_line_and_function() {
        let sent = [request("POST", "/jobs"), request("GET", "/jobs/7?x=1")];
        let dir = Path::new("listings/job-queue/server");
        let go = report(dir, "go", &sent);
        assert!(
            go.contains("the go twin answered POST /jobs in listings/job-queue/server/api.go:")
                && go.contains("(func submit)")
                && go.contains("(func status)"),
            "{go}"
        );
        let rust = report(dir, "rust", &sent);
        assert!(
            rust.contains("listings/job-queue/server/src/api.rs:")
                && rust.contains("(async fn submit)"),
            "{rust}"
        );
        let chat = Path::new("listings/chat-server/server");
        let join = report(chat, "go", &[Sent::Message("join".to_owned())]);
        assert!(
            join.contains("handled a \"join\" message in listings/chat-server/server/")
                && join.contains("(func (s *chatServer) join)"),
            "{join}"
        );
    }

    #[test]
    fn says_when_no_route_matches() {
        let dir = Path::new("listings/job-queue/server");
        let nope = report(dir, "rust", &[request("DELETE", "/jobs/1")]);
        assert!(
            nope.contains("has no route for DELETE /jobs/1; it answered it in one of its fallbacks: listings/job-queue/server/src/api.rs:"),
            "{nope}"
        );
        let go = report(dir, "go", &[request("DELETE", "/jobs/1")]);
        assert!(
            go.contains("one of its fallbacks: ") && go.contains("(func methodNotAllowed)"),
            "{go}"
        );
    }
}
