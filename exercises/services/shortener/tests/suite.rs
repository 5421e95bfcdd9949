//! The shortener capstone's black-box suite: each case starts the service
//! on a free loopback port with a SQLite file in a temporary directory, and
//! talks HTTP to it. Your port (`start/`), the reference solution
//! (`solution/`) and the Go original (`go/`) all pass it; `cargo xtask
//! exercise shortener` runs it against yours.
//!
//! Nothing here depends on timing: the rate-limit cases refill one token a
//! minute, so a bucket emptied by a few requests stays empty for the case,
//! and the shutdown cases know a request is under way because the service
//! has answered its `Expect: 100-continue` ([`request_under_way`]).

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::sys::signal::Signal;
use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;
use serde_json::{Value, json};
use tempfile::TempDir;
use testkit::{Server, Twin};

/// The service under test, with the SQLite file it keeps its links in.
struct Service {
    server: Server,
    /// Removed when the case ends, with the database in it.
    dir: TempDir,
}

/// The including crate's binary, or the one `EXERCISE_BINARY` names.
fn twin() -> Twin {
    match std::env::var_os("EXERCISE_BINARY") {
        Some(binary) => Twin::prebuilt("go", binary),
        None => Twin::rust(super::BINARY),
    }
}

/// Starts the service on `db` with `flags` added.
fn start_on(db: &Path, flags: &[&str]) -> Server {
    let mut args = vec!["--db".to_owned(), db.display().to_string()];
    args.extend(flags.iter().map(|f| (*f).to_owned()));
    twin().start_with(args)
}

/// Starts the service on a new database in a temporary directory.
fn start(flags: &[&str]) -> Service {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let server = start_on(&database(&dir), flags);
    Service { server, dir }
}

fn database(dir: &TempDir) -> PathBuf {
    dir.path().join("links.db")
}

/// A client that shows redirects instead of following them.
fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

/// Sends the request; a failure to get any answer is reported at the case's
/// line.
#[track_caller]
fn send(request: reqwest::blocking::RequestBuilder, what: &str) -> Response {
    match request.send() {
        Ok(response) => response,
        Err(e) => panic!("{what}: no answer ({e}); did the handler panic?"),
    }
}

/// `POST /links` with `body` as JSON, as the client `client` (the
/// `X-Client` header).
#[track_caller]
fn post(server: &Server, client_name: &str, body: &str) -> Response {
    let request = client()
        .post(server.url("/links"))
        .header("Content-Type", "application/json")
        .header("X-Client", client_name)
        .body(body.to_owned());
    send(request, &format!("POST /links {body}"))
}

#[track_caller]
fn get(server: &Server, path: &str) -> Response {
    send(client().get(server.url(path)), &format!("GET {path}"))
}

/// The body as JSON.
#[track_caller]
fn json_of(response: Response, what: &str) -> Value {
    let text = response.text().unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text:?}"))
}

/// A response's header, or "" when it has none.
fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Creates a link to `url` and returns its code, checking the answer.
#[track_caller]
fn create(server: &Server, url: &str) -> String {
    let response = post(server, "tester", &json!({ "url": url }).to_string());
    let what = format!("POST /links for {url}");
    assert_eq!(response.status(), StatusCode::CREATED, "{what}");
    let location = header(&response, "Location");
    let link = json_of(response, &what);
    let code = link["code"].as_str().unwrap_or_default().to_owned();
    assert!(
        !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric()),
        "{what}: want a code of letters and digits in {link}"
    );
    assert_eq!(
        link,
        json!({ "code": code, "url": url, "hits": 0 }),
        "{what}: the new link"
    );
    assert_eq!(location, format!("/links/{code}"), "{what}: Location");
    code
}

/// Checks that an answer is `status` with a JSON body `{"error": "..."}`.
#[track_caller]
fn assert_json_error(response: Response, status: StatusCode, what: &str) {
    assert_eq!(response.status(), status, "{what}");
    let body = json_of(response, what);
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{what}: want {{\"error\": \"...\"}}, got {body}"
    );
}

#[test]
fn a_new_link_redirects_to_its_url() {
    let service = start(&[]);
    let url = "https://example.com/docs/a?page=2";
    let code = create(&service.server, url);
    let response = get(&service.server, &format!("/{code}"));
    assert_eq!(response.status(), StatusCode::FOUND, "GET /{code}");
    assert_eq!(header(&response, "Location"), url, "GET /{code}: Location");
}

#[test]
fn each_link_gets_a_code_of_its_own() {
    let service = start(&[]);
    let first = create(&service.server, "http://example.com");
    let second = create(&service.server, "http://example.com");
    assert_ne!(first, second, "two links to one URL");
    let response = get(&service.server, &format!("/{second}"));
    assert_eq!(
        header(&response, "Location"),
        "http://example.com",
        "GET /{second}: the URL exactly as it was given"
    );
}

#[test]
fn stats_count_each_redirect() {
    let service = start(&[]);
    let code = create(&service.server, "https://example.org/");
    for _ in 0..3 {
        get(&service.server, &format!("/{code}"));
    }
    let response = get(&service.server, &format!("/links/{code}"));
    assert_eq!(response.status(), StatusCode::OK, "GET /links/{code}");
    assert_eq!(
        json_of(response, "GET /links/{code}"),
        json!({ "code": code, "url": "https://example.org/", "hits": 3 }),
        "GET /links/{code} after three redirects"
    );
}

#[test]
fn unknown_codes_are_a_json_404() {
    let service = start(&[]);
    for path in ["/nope", "/links/nope"] {
        let response = get(&service.server, path);
        assert_json_error(response, StatusCode::NOT_FOUND, &format!("GET {path}"));
    }
}

#[test]
fn only_absolute_http_urls_are_accepted() {
    // Every POST takes a token, refused or not: room for all of them.
    let service = start(&["--burst", "100"]);
    let refused = [
        "",
        "example.com/a",
        "/relative",
        "ftp://example.com/file",
        "javascript:alert(1)",
        "http://",
        "http://example.com/a b",
        "https://example.com/caf\u{e9}",
    ];
    for url in refused {
        let body = json!({ "url": url }).to_string();
        let response = post(&service.server, "tester", &body);
        assert_json_error(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("POST /links {body}"),
        );
    }
    create(&service.server, "HTTP://EXAMPLE.COM/Path");
}

#[test]
fn urls_over_2048_bytes_are_refused() {
    let service = start(&[]);
    let base = "https://example.com/";
    let longest = format!("{base}{}", "a".repeat(2048 - base.len()));
    create(&service.server, &longest);
    let body = json!({ "url": format!("{longest}a") }).to_string();
    let response = post(&service.server, "tester", &body);
    assert_json_error(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "POST /links with a URL of 2049 bytes",
    );
}

#[test]
fn malformed_json_is_a_json_400() {
    let service = start(&[]);
    let response = post(&service.server, "tester", r#"{"url": "#);
    assert_json_error(response, StatusCode::BAD_REQUEST, "POST /links {\"url\": ");
}

#[test]
fn bodies_over_4_kib_are_a_json_413() {
    let service = start(&[]);
    let body = json!({ "url": format!("https://example.com/{}", "a".repeat(5000)) });
    let response = post(&service.server, "tester", &body.to_string());
    assert_json_error(
        response,
        StatusCode::PAYLOAD_TOO_LARGE,
        "POST /links with a body of 5 KiB",
    );
}

#[test]
fn links_outlive_a_restart() {
    let service = start(&[]);
    let code = create(&service.server, "https://example.net/kept");
    get(&service.server, &format!("/{code}"));
    let _ = service.server.terminate();
    let server = start_on(&database(&service.dir), &[]);
    let response = get(&server, &format!("/links/{code}"));
    assert_eq!(
        json_of(response, "GET /links/{code} after a restart"),
        json!({ "code": code, "url": "https://example.net/kept", "hits": 1 }),
        "GET /links/{code} after a restart on the same --db"
    );
}

#[test]
fn creating_is_rate_limited_per_client() {
    let flags = ["--rate", "1", "--burst", "2", "--client-header", "X-Client"];
    let service = start(&flags);
    let body = r#"{"url": "https://example.com/"}"#;
    for n in 1..=2 {
        let status = post(&service.server, "a", body).status();
        assert_eq!(
            status,
            StatusCode::CREATED,
            "POST /links {n} of a burst of 2"
        );
    }
    let response = post(&service.server, "a", body);
    let retry_after = header(&response, "Retry-After");
    assert_json_error(
        response,
        StatusCode::TOO_MANY_REQUESTS,
        "POST /links 3 of a burst of 2",
    );
    let seconds: u64 = retry_after.parse().unwrap_or(0);
    assert!(
        (1..=60).contains(&seconds),
        "POST /links 3 of a burst of 2: Retry-After {retry_after:?}; want whole seconds until \
         the next token, 1 to 60 at --rate 1 (one a minute)"
    );
    let status = post(&service.server, "b", body).status();
    assert_eq!(status, StatusCode::CREATED, "POST /links by another client");
}

#[test]
fn without_client_header_the_peer_is_the_client() {
    let service = start(&["--rate", "1", "--burst", "1"]);
    let body = r#"{"url": "https://example.com/"}"#;
    let status = post(&service.server, "a", body).status();
    assert_eq!(status, StatusCode::CREATED, "POST /links with X-Client: a");
    let status = post(&service.server, "b", body).status();
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "POST /links with X-Client: b from the same address, with no --client-header \
         (the header is not to be trusted then)"
    );
}

#[test]
fn slow_headers_are_cut_off() {
    let service = start(&["--header-timeout", "200ms"]);
    let mut stream = TcpStream::connect(service.server.addr()).expect("a connection");
    // Half a request, and then nothing.
    stream
        .write_all(b"GET /nope HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut answer = Vec::new();
    let closed = match stream.read_to_end(&mut answer) {
        Ok(_) => true,
        Err(e) => e.kind() == ErrorKind::ConnectionReset,
    };
    assert!(
        closed,
        "headers unfinished after --header-timeout 200ms: want the connection closed, \
         but it was still open 10 s later"
    );
}

/// Opens a connection and sends the headers of `POST /links` for `body`
/// with `Expect: 100-continue`, then waits for the `100 Continue` answer.
/// Both Go's server and hyper send it only when the handler first reads
/// the body, so once it has come the request is under way, with no sleep
/// and no race; the caller sends the body, or never does.
#[track_caller]
fn request_under_way(server: &Server, body: &str) -> TcpStream {
    let mut stream = TcpStream::connect(server.addr()).expect("a connection");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST /links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    )
    .unwrap();
    let mut interim = Vec::new();
    let mut byte = [0];
    while !interim.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => interim.push(byte[0]),
            other => panic!(
                "POST /links with Expect: 100-continue: want `HTTP/1.1 100 Continue` once the \
                 handler reads the body, got {:?} then {other:?}",
                String::from_utf8_lossy(&interim)
            ),
        }
    }
    assert!(
        interim.starts_with(b"HTTP/1.1 100"),
        "POST /links with Expect: 100-continue: want `HTTP/1.1 100 Continue` first, got {:?}",
        String::from_utf8_lossy(&interim)
    );
    stream
}

/// Waits until the service refuses connections: it has seen the signal
/// and stopped accepting.
fn until_it_stops_accepting(server: &Server) {
    testkit::eventually(
        "the service to stop accepting connections after SIGTERM",
        || TcpStream::connect(server.addr()).err().map(|_| ()),
    );
}

#[test]
fn a_request_under_way_at_sigterm_is_finished_and_kept() {
    let Service { server, dir } = start(&[]);
    let url = "https://example.com/finished-after-sigterm";
    let body = json!({ "url": url }).to_string();
    let mut stream = request_under_way(&server, &body);
    server.signal(Signal::SIGTERM);
    until_it_stops_accepting(&server);
    stream.write_all(body.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let read = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let what = "POST /links under way at SIGTERM, its body sent after";
    assert!(
        answer.starts_with("HTTP/1.1 201"),
        "{what}: want 201 Created, got {answer:?} ({read:?})"
    );
    let link: Value = answer
        .split_once("\r\n\r\n")
        .and_then(|(_, body)| serde_json::from_str(body).ok())
        .unwrap_or_else(|| panic!("{what}: want the link as JSON, got {answer:?}"));
    let status = server.wait();
    assert!(
        status.success(),
        "{what}: the service exited with {status}; want 0, the request having finished"
    );
    let code = link["code"].as_str().unwrap_or_default();
    let server = start_on(&database(&dir), &[]);
    let response = get(&server, &format!("/links/{code}"));
    assert_eq!(
        json_of(response, "GET /links/{code} after the restart"),
        json!({ "code": code, "url": url, "hits": 0 }),
        "{what}: the link it answered with must be in the database"
    );
}

#[test]
fn a_request_still_running_at_the_shutdown_timeout_makes_it_exit_1() {
    let service = start(&["--shutdown-timeout", "200ms"]);
    // The body never comes: the handler waits for it past the deadline
    // (the services give a request ten seconds).
    let _stream = request_under_way(&service.server, r#"{"url": "https://example.com/"}"#);
    let status = service.server.terminate();
    assert_eq!(
        status.code(),
        Some(1),
        "a request still reading its body 200 ms after SIGTERM, with --shutdown-timeout 200ms: \
         the service exited with {status}; want 1"
    );
}

#[test]
fn sigterm_stops_it_cleanly() {
    let service = start(&[]);
    let status = service.server.terminate();
    assert!(
        status.success(),
        "after SIGTERM the service exited with {status}; want a clean exit (0)"
    );
}
