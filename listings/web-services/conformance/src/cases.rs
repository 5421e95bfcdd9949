//! The cases, one async function each. Every case starts its own server on
//! its own database, so cases share nothing and run in parallel.

use std::time::{Duration, Instant};

use nix::sys::signal::Signal;
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION};
use serde_json::{Value, json};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use testkit::{Server, Twin};

use crate::{TempDb, slow};

/// What came back from one request.
struct Reply {
    status: u16,
    headers: HeaderMap,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("the body is not JSON ({e}): {:?}", self.text))
    }

    /// Asserts the status and that the body is `{"error": "<something>"}`.
    fn assert_error(&self, status: u16, case: &str) {
        assert_eq!(self.status, status, "{case}: body {:?}", self.text);
        let message = &self.json()["error"];
        assert!(
            message.as_str().is_some_and(|m| !m.is_empty()),
            "{case}: want an error message, got {:?}",
            self.text
        );
    }
}

/// How long the suite waits for any one answer: far above the service's
/// own 2-second request limit, so only a twin that hangs reaches it.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(15);

/// A client whose every request gives up after [`ANSWER_TIMEOUT`].
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(ANSWER_TIMEOUT)
        .build()
        .expect("a reqwest client builds")
}

async fn send(request: reqwest::RequestBuilder) -> Reply {
    let (client, request) = request.build_split();
    let request = request.expect("the request is well formed");
    testkit::conformance::request(request.method().as_str(), request.url().path());
    let response = client
        .execute(request)
        .await
        .expect("the server answers in time");
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        text: response.text().await.expect("the body arrives"),
    }
}

async fn get(server: &Server, path: &str) -> Reply {
    send(client().get(server.url(path))).await
}

/// POSTs `body` as JSON, byte for byte as given (it may be malformed).
async fn post(server: &Server, body: impl Into<reqwest::Body>) -> Reply {
    let request = client()
        .post(server.url("/notes"))
        .header(CONTENT_TYPE, "application/json")
        .body(body);
    send(request).await
}

/// Asserts that the answer says it is JSON.
fn assert_json(reply: &Reply, case: &str) {
    let content_type = reply.headers.get(CONTENT_TYPE).map(|v| v.to_str().unwrap());
    assert_eq!(
        content_type,
        Some("application/json"),
        "{case}: body {:?}",
        reply.text
    );
}

/// Sends `body` to `POST /notes` with this `Content-Type`.
async fn post_as(server: &Server, content_type: &str, body: impl Into<reqwest::Body>) -> Reply {
    let request = client()
        .post(server.url("/notes"))
        .header(CONTENT_TYPE, content_type)
        .body(body);
    send(request).await
}

/// Waits, without blocking the runtime, until `done` holds; at most
/// [`testkit::PATIENCE`].
async fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + testkit::PATIENCE;
    while !done() {
        assert!(
            Instant::now() < deadline,
            "gave up waiting for {what} after {:?}",
            testkit::PATIENCE
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Opens the twin's database file directly, as a second client would.
async fn connect(db: &TempDb) -> SqliteConnection {
    let options = SqliteConnectOptions::new().filename(db.path());
    SqliteConnection::connect_with(&options)
        .await
        .expect("the suite opens the database")
}

/// Creates a note and returns what the server said it stored.
async fn create(server: &Server, title: &str, body: &str) -> Value {
    let reply = post(server, json!({ "title": title, "body": body }).to_string()).await;
    assert_eq!(reply.status, 201, "creating {title:?}: {}", reply.text);
    reply.json()
}

/// The titles of one page of `GET path`, and its `next` link.
async fn titles(server: &Server, path: &str) -> (Vec<String>, Option<String>) {
    let reply = get(server, path).await;
    assert_eq!(reply.status, 200, "GET {path}: {}", reply.text);
    let page = reply.json();
    let titles = page["notes"]
        .as_array()
        .unwrap_or_else(|| panic!("GET {path}: no notes array in {page}"))
        .iter()
        .map(|n| n["title"].as_str().expect("a title").to_owned())
        .collect();
    (titles, page["next"].as_str().map(str::to_owned))
}

pub async fn create_returns_201_with_location(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let reply = post(&server, r#"{"title":"groceries","body":"milk, eggs"}"#).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let note = reply.json();
    assert_eq!(note["title"], "groceries");
    assert_eq!(note["body"], "milk, eggs");
    let id = note["id"].as_i64().expect("a numeric id");
    let location = reply.headers.get(LOCATION).expect("a Location header");
    assert_eq!(location, format!("/notes/{id}").as_str());
    let content_type = reply.headers.get(CONTENT_TYPE).expect("a Content-Type");
    assert!(
        content_type
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
}

pub async fn location_leads_to_the_note(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let reply = post(&server, r#"{"title":"ünïcödé 🦀","body":"kept as sent"}"#).await;
    let location = reply.headers[LOCATION].to_str().unwrap().to_owned();
    let fetched = get(&server, &location).await;
    assert_eq!(fetched.status, 200, "{}", fetched.text);
    assert_eq!(fetched.json(), reply.json(), "GET returns what POST stored");
}

pub async fn list_returns_notes_oldest_first(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    assert_eq!(
        titles(&server, "/notes").await,
        (vec![], None),
        "a new database is empty"
    );
    for title in ["one", "two", "three"] {
        create(&server, title, "").await;
    }
    let (got, next) = titles(&server, "/notes").await;
    assert_eq!(got, ["one", "two", "three"]);
    assert_eq!(next, None, "everything fits on the first page");
}

pub async fn list_pages_follow_next(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let all: Vec<String> = (1..=5).map(|i| format!("note {i}")).collect();
    for title in &all {
        create(&server, title, "").await;
    }
    let mut seen = Vec::new();
    let mut page = Some("/notes?limit=2".to_owned());
    while let Some(path) = page {
        let (titles, next) = titles(&server, &path).await;
        assert!(titles.len() <= 2, "{path} returned {titles:?}");
        seen.extend(titles);
        page = next;
        assert!(seen.len() <= all.len(), "the pages do not end: {seen:?}");
    }
    assert_eq!(seen, all, "every note once, in order");
}

pub async fn unknown_id_is_404(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    get(&server, "/notes/1")
        .await
        .assert_error(404, "empty database");
    let id = create(&server, "only", "").await["id"].as_i64().unwrap();
    get(&server, &format!("/notes/{}", id + 1))
        .await
        .assert_error(404, "next id");
}

pub async fn non_integer_id_is_400(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    for path in ["/notes/abc", "/notes/1.5", "/notes/99999999999999999999"] {
        get(&server, path).await.assert_error(400, path);
    }
}

pub async fn invalid_notes_are_422(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let cases = [
        ("empty title", json!({ "title": "", "body": "b" })),
        ("blank title", json!({ "title": "  \t ", "body": "b" })),
        ("missing title", json!({ "body": "b" })),
        (
            "title over 200 characters",
            json!({ "title": "é".repeat(201) }),
        ),
        (
            "body over 10000 characters",
            json!({ "title": "t", "body": "x".repeat(10_001) }),
        ),
    ];
    for (case, body) in cases {
        post(&server, body.to_string())
            .await
            .assert_error(422, case);
    }
    let exactly_200 = json!({ "title": "é".repeat(200) }).to_string();
    assert_eq!(
        post(&server, exactly_200).await.status,
        201,
        "200 characters are allowed"
    );
    let (stored, _) = titles(&server, "/notes").await;
    assert_eq!(stored.len(), 1, "no invalid note was stored");
}

pub async fn malformed_json_is_400(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let cases = [
        ("truncated", r#"{"title":"a""#),
        ("not JSON at all", "title=a"),
        ("empty body", ""),
        ("wrong type", r#"{"title":5}"#),
        ("an array", r#"[{"title":"a"}]"#),
        ("trailing data", r#"{"title":"a"} {"title":"b"}"#),
    ];
    for (case, body) in cases {
        post(&server, body).await.assert_error(400, case);
    }
    assert_eq!(
        titles(&server, "/notes").await.0.len(),
        0,
        "nothing was stored"
    );
}

pub async fn missing_content_type_is_415(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let request = client()
        .post(server.url("/notes"))
        .header(CONTENT_TYPE, "text/plain")
        .body(r#"{"title":"a"}"#);
    send(request).await.assert_error(415, "text/plain");
}

pub async fn oversize_body_is_413(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    // Valid JSON, but over the 64 KiB limit: the size alone is refused.
    let huge = json!({ "title": "big", "body": "x".repeat(100 * 1024) }).to_string();
    post(&server, huge).await.assert_error(413, "100 KiB body");
    assert_eq!(
        titles(&server, "/notes").await.0.len(),
        0,
        "nothing was stored"
    );
    create(&server, "still works", "").await;
}

pub async fn bad_query_is_400(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    for path in [
        "/notes?limit=0",
        "/notes?limit=101",
        "/notes?limit=x",
        "/notes?after=x",
    ] {
        get(&server, path).await.assert_error(400, path);
    }
}

// ANCHOR: db_error
pub async fn database_error_is_500_with_a_generic_body(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    create(&server, "before", "").await;
    // Break the database under the running server, the way a bad deploy or
    // an operator's mistake would: its next queries fail inside SQLite.
    let mut conn = connect(&db).await;
    sqlx::query("DROP TABLE notes")
        .execute(&mut conn)
        .await
        .expect("the table drops");
    conn.close().await.expect("the suite's connection closes");

    for (case, reply) in [
        ("create", post(&server, r#"{"title":"after"}"#).await),
        ("get", get(&server, "/notes/1").await),
        ("list", get(&server, "/notes").await),
    ] {
        assert_eq!(reply.status, 500, "{case}: {}", reply.text);
        assert_eq!(
            reply.json(),
            json!({ "error": "internal server error" }),
            "{case}"
        );
        assert!(
            !reply.text.contains("no such table"),
            "{case} leaks: {}",
            reply.text
        );
    }
    // The operator, unlike the client, gets the details.
    eventually("the SQL error in the server's log", || {
        server.log().contains("no such table")
    })
    .await;
}

// ANCHOR_END: db_error

pub async fn request_over_the_time_limit_is_503(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    create(&server, "before", "").await;
    // Another writer holds the database's write lock. The service's insert
    // waits for it (SQLite's busy timeout is 5 s), but its 2-second request
    // limit answers first. A busy-timeout error would have been a 500.
    let mut conn = connect(&db).await;
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut conn)
        .await
        .expect("the lock is taken");
    let reply = post(&server, r#"{"title":"blocked"}"#).await;
    sqlx::query("ROLLBACK")
        .execute(&mut conn)
        .await
        .expect("the lock is released");
    reply.assert_error(503, "the timeout's answer is JSON too");
    assert!(!reply.text.contains("locked"), "leaks: {}", reply.text);
    assert_json(&reply, "503");
    // Once the lock is gone, the service works as before.
    create(&server, "after", "").await;
    // And the write the client was told had failed must not land behind its
    // back. A late insert would land within SQLite's busy-retry interval
    // (100 ms by now); watching for a second leaves it ten times that.
    let watch_until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < watch_until {
        assert_eq!(titles(&server, "/notes").await.0, ["before", "after"]);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn request_id_is_echoed_or_made_up(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let request = client()
        .get(server.url("/notes"))
        .header("x-request-id", "abc-123");
    let echoed = send(request).await;
    assert_eq!(
        echoed.headers["x-request-id"], "abc-123",
        "the client's id is kept"
    );
    let made_up = get(&server, "/notes").await;
    let id = made_up
        .headers
        .get("x-request-id")
        .expect("an id is made up");
    assert!(!id.is_empty());
    let other = get(&server, "/notes").await;
    assert_ne!(
        other.headers["x-request-id"], id,
        "each request gets its own id"
    );
}

pub async fn sigterm_exits_0_and_keeps_the_notes(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let note = create(&server, "survives restarts", "").await;
    let status = server.terminate();
    assert!(status.success(), "SIGTERM should exit 0, got {status}");

    let again = db.start(&twin);
    let fetched = get(&again, &format!("/notes/{}", note["id"])).await;
    assert_eq!(fetched.status, 200, "{}", fetched.text);
    assert_eq!(fetched.json(), note);
}

pub async fn sigterm_lets_a_request_in_flight_finish(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    // Hold the write lock so the create below is still in flight when the
    // signal arrives.
    let mut conn = connect(&db).await;
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut conn)
        .await
        .expect("the lock is taken");
    let request = client()
        .post(server.url("/notes"))
        .header(CONTENT_TYPE, "application/json")
        .body(r#"{"title":"in flight"}"#);
    let in_flight = tokio::spawn(send(request));
    // Both twins log this when a request reaches them.
    eventually("the request to arrive", || {
        server.log().contains("started processing request")
    })
    .await;
    server.signal(Signal::SIGTERM);
    sqlx::query("ROLLBACK")
        .execute(&mut conn)
        .await
        .expect("the lock is released");

    let reply = in_flight.await.expect("the request task completes");
    let status = server.wait();
    assert!(status.success(), "SIGTERM should exit 0, got {status}");
    // The request gets a true answer: normally 201, or 503 if the machine
    // was so slow that the 2-second limit passed; after a restart the
    // database agrees with it.
    let again = db.start(&twin);
    let (stored, _) = titles(&again, "/notes").await;
    match reply.status {
        201 => assert_eq!(stored, ["in flight"]),
        503 => assert_eq!(stored, Vec::<String>::new()),
        other => panic!("a request in flight at SIGTERM got {other}: {}", reply.text),
    }
}

/// The header timeout the slow-client cases start the twins with: short,
/// so the cases are quick, and far below [`testkit::PATIENCE`], so a twin
/// that honours it never comes near the bound the cases wait for.
const HEADER_TIMEOUT: &str = "500ms";

pub async fn half_a_request_is_closed_after_the_header_timeout(twin: Twin) {
    let db = TempDb::new();
    let server = db.start_with(&twin, &["--header-timeout", HEADER_TIMEOUT]);
    let mut slow = slow::connect(&server);
    slow::send(&mut slow, slow::HALF_A_REQUEST);
    let closed = slow::until_closed(&mut slow);
    assert!(
        closed.is_some(),
        "a connection that sent half a request was still open after {:?} \
         (--header-timeout {HEADER_TIMEOUT})\n{}",
        testkit::PATIENCE,
        server.log()
    );
    // The twin still serves everyone else.
    let mut fresh = slow::connect(&server);
    assert_eq!(slow::round_trip(&mut fresh, "/notes"), "HTTP/1.1 200 OK");
}

pub async fn silent_connection_is_closed_after_the_header_timeout(twin: Twin) {
    let db = TempDb::new();
    let server = db.start_with(&twin, &["--header-timeout", HEADER_TIMEOUT]);
    let mut silent = slow::connect(&server);
    let closed = slow::until_closed(&mut silent);
    assert!(
        closed.is_some(),
        "a connection that sent nothing was still open after {:?} \
         (--header-timeout {HEADER_TIMEOUT})\n{}",
        testkit::PATIENCE,
        server.log()
    );
}

pub async fn idle_connection_is_closed_after_the_header_timeout(twin: Twin) {
    let db = TempDb::new();
    let server = db.start_with(&twin, &["--header-timeout", HEADER_TIMEOUT]);
    let mut idle = slow::connect(&server);
    assert_eq!(slow::round_trip(&mut idle, "/notes"), "HTTP/1.1 200 OK");
    let closed = slow::until_closed(&mut idle);
    assert!(
        closed.is_some(),
        "a keep-alive connection left idle after its answer was still open after {:?} \
         (--header-timeout {HEADER_TIMEOUT})\n{}",
        testkit::PATIENCE,
        server.log()
    );
}

pub async fn sigterm_with_a_slow_connection_open_exits_0_in_time(twin: Twin) {
    let db = TempDb::new();
    // The header timeout is long enough that the slow connection is surely
    // still open at the signal, and with the shutdown deadline below the
    // 15 s that `wait` allows, so a twin that gives up at its deadline is
    // told apart (exit 1) from one that never exits.
    let server = db.start_with(
        &twin,
        &["--header-timeout", "5s", "--shutdown-timeout", "10s"],
    );
    // Half of a first request: neither twin counts the connection as idle,
    // so neither may just drop it at the signal.
    let mut slow = slow::connect(&server);
    slow::send(&mut slow, slow::HALF_A_REQUEST);
    // A listener hands out connections in the order they arrived, so once
    // a later connection has been answered the slow one has been accepted
    // and is being served.
    let mut later = slow::connect(&server);
    assert_eq!(slow::round_trip(&mut later, "/notes"), "HTTP/1.1 200 OK");
    drop(later);
    assert!(slow::is_open(&slow), "the slow connection closed early");
    let status = server.terminate();
    assert!(
        status.success(),
        "SIGTERM with a slow connection open should exit 0, got {status}"
    );
}

// The regression cases below come from differences the differential suite
// (`differential.rs`) found between the twins; each states the contract
// that settled it.

pub async fn unknown_routes_and_methods_answer_json(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    for path in ["/nope", "/notes/", "/notes/1/x", "/NOTES"] {
        let reply = get(&server, path).await;
        reply.assert_error(404, path);
        assert_json(&reply, path);
    }
    for (method, path, allowed) in [
        ("PUT", "/notes", "GET, HEAD, POST"),
        ("DELETE", "/notes/1", "GET, HEAD"),
        ("OPTIONS", "/healthz", "GET, HEAD"),
        ("FOO", "/notes", "GET, HEAD, POST"),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let reply = send(client().request(method.clone(), server.url(path))).await;
        let case = format!("{method} {path}");
        reply.assert_error(405, &case);
        assert_json(&reply, &case);
        let allow = reply.headers.get("allow").map(|v| v.to_str().unwrap());
        let mut allow: Vec<&str> = allow
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .collect();
        allow.sort();
        assert_eq!(allow.join(", "), allowed, "{case}: the Allow header");
    }
}

pub async fn json_the_decoders_disagree_on_is_400(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let cases: [(&str, &[u8]); 12] = [
        ("a key in another case", br#"{"Title":"a"}"#),
        ("a key twice", br#"{"title":"a","title":"b"}"#),
        ("an unknown key", br#"{"title":"a","tags":[]}"#),
        ("invalid UTF-8", b"{\"title\":\"\xff\"}"),
        ("a lone surrogate", br#"{"title":"\ud800"}"#),
        ("a lone low surrogate", br#"{"title":"a","body":"\udc00"}"#),
        ("a closing bracket after the object", br#"{"title":"a"}]"#),
        ("a closing brace after the object", br#"{"title":"a"}}"#),
        ("null instead of an object", b"null"),
        ("an array of the fields", br#"["a","b"]"#),
        ("a string instead of an object", br#""title""#),
        ("a number where a string goes", br#"{"title":1e400}"#),
    ];
    for (case, body) in cases {
        let reply = post(&server, body.to_vec()).await;
        reply.assert_error(400, case);
        assert_eq!(
            reply.json()["error"].as_str().unwrap().split(": ").next(),
            Some("invalid JSON"),
            "{case}"
        );
    }
    assert_eq!(
        titles(&server, "/notes").await.0.len(),
        0,
        "nothing was stored"
    );
    let spaced = post(&server, "{\"title\":\"a\"} \r\n\t").await;
    assert_eq!(
        spaced.status, 201,
        "white space after the object is fine: {}",
        spaced.text
    );
}

pub async fn null_fields_read_as_missing(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    post(&server, r#"{"title":null,"body":"b"}"#)
        .await
        .assert_error(422, "a null title is no title");
    let reply = post(&server, r#"{"title":"t","body":null}"#).await;
    assert_eq!(
        reply.status, 201,
        "a null body is an empty one: {}",
        reply.text
    );
    assert_eq!(reply.json()["body"], "");
}

pub async fn json_suffix_media_types_are_json(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    // application/json or application/…+json, parameters unread, with the
    // white space RFC 9110 allows before the `;`.
    for content_type in [
        "application/vnd.api+json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/json ; charset=utf-8",
    ] {
        let reply = post_as(&server, content_type, r#"{"title":"a"}"#).await;
        assert_eq!(reply.status, 201, "{content_type}: {}", reply.text);
    }
    for content_type in [
        "text/json",
        "application/jsonx",
        "application/json+x",
        "application/+json",
        "application/json, text/plain",
    ] {
        post_as(&server, content_type, r#"{"title":"a"}"#)
            .await
            .assert_error(415, content_type);
    }
}

pub async fn malformed_queries_are_400(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    for path in [
        "/notes?limit=",
        "/notes?after=",
        "/notes?limit",
        "/notes?limit=1&limit=2",
        "/notes?after=1&after=1",
        "/notes?limit=%zz",
        "/notes?foo=%zz",
        "/notes?limit=5;after=1",
        "/notes?a=1;b=2",
    ] {
        let reply = get(&server, path).await;
        reply.assert_error(400, path);
        assert_json(&reply, path);
    }
    for path in [
        "/notes?foo=1",
        "/notes?LIMIT=0",
        "/notes?limit=%32",
        "/notes?after=-5&&",
    ] {
        let reply = get(&server, path).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.text);
    }
}

pub async fn paths_are_not_cleaned(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    create(&server, "one", "").await;
    // Sent as written: reqwest would remove the dot segments itself.
    for path in ["/notes//1", "/notes/./1", "/notes/../notes", "/./notes"] {
        let mut stream = slow::connect(&server);
        assert_eq!(
            slow::round_trip(&mut stream, path),
            "HTTP/1.1 404 Not Found",
            "{path} is no route, and is not redirected to one"
        );
    }
}

pub async fn malformed_escape_in_path_is_400(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    // Go's server refuses these before any handler, in plain text and
    // without Content-Length (differential.rs lists that as inherent):
    // only the status line is compared.
    for request in [
        "GET /notes/%zz",
        "POST /notes/%zz",
        "DELETE /%",
        "GET /nope%1",
    ] {
        let mut stream = slow::connect(&server);
        slow::send(
            &mut stream,
            &format!("{request} HTTP/1.1\r\nHost: notes\r\nContent-Length: 0\r\n\r\n"),
        );
        assert_eq!(
            slow::status_line(&mut stream),
            "HTTP/1.1 400 Bad Request",
            "{request}"
        );
    }
}

pub async fn oversize_malformed_body_is_413(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let reply = post(&server, "x".repeat(70_000)).await;
    reply.assert_error(413, "70 kB of no JSON: the size is checked first");
}

pub async fn empty_request_id_is_echoed(twin: Twin) {
    let db = TempDb::new();
    let server = db.start(&twin);
    let reply = send(
        client()
            .get(server.url("/notes"))
            .header("x-request-id", ""),
    )
    .await;
    assert_eq!(
        reply.headers.get("x-request-id").map(|v| v.as_bytes()),
        Some(&b""[..]),
        "the client's id is kept, even empty"
    );
}
