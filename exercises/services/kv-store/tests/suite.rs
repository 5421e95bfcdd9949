//! The kv-store exercise's black-box suite: each case starts the service on
//! a free loopback port and talks HTTP to it. Your port (`start/`), the
//! reference solution (`solution/`) and the Go original (`go/`) all pass
//! it; `cargo xtask exercise kv-store` runs it against yours.

use reqwest::StatusCode;
use reqwest::blocking::Client;
use testkit::{Server, Twin};

/// The service under test: the including crate's binary, or the one
/// `EXERCISE_BINARY` names.
fn start() -> Server {
    let twin = match std::env::var_os("EXERCISE_BINARY") {
        Some(binary) => Twin::prebuilt("go", binary),
        None => Twin::rust(super::BINARY),
    };
    twin.start()
}

/// Sends `method path` with `body`; the status and the body of the answer.
/// A failure is reported at the case's line.
#[track_caller]
fn send(server: &Server, method: &str, path: &str, body: &str) -> (StatusCode, String) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let sent = Client::new()
        .request(method.clone(), server.url(path))
        .body(body.to_owned())
        .send();
    let response = match sent {
        Ok(response) => response,
        Err(e) => panic!("{method} {path}: no answer ({e}); did the handler panic?"),
    };
    let status = response.status();
    (status, response.text().unwrap_or_default())
}

#[test]
fn missing_key_is_not_found() {
    let server = start();
    let (status, _) = send(&server, "GET", "/kv/nope", "");
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "GET /kv/nope on an empty store"
    );
}

#[test]
fn put_then_get_returns_the_value() {
    let server = start();
    let (status, _) = send(&server, "PUT", "/kv/greeting", "hello");
    assert_eq!(status, StatusCode::CREATED, "PUT /kv/greeting (a new key)");
    let answer = send(&server, "GET", "/kv/greeting", "");
    assert_eq!(
        answer,
        (StatusCode::OK, "hello".to_owned()),
        "GET /kv/greeting after PUT hello"
    );
}

#[test]
fn put_again_replaces_the_value() {
    let server = start();
    send(&server, "PUT", "/kv/n", "1");
    let (status, _) = send(&server, "PUT", "/kv/n", "2");
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "PUT /kv/n (a key already there)"
    );
    let answer = send(&server, "GET", "/kv/n", "");
    assert_eq!(
        answer,
        (StatusCode::OK, "2".to_owned()),
        "GET /kv/n after PUT 1, PUT 2"
    );
}

#[test]
fn delete_removes_the_key() {
    let server = start();
    send(&server, "PUT", "/kv/gone", "soon");
    let (status, _) = send(&server, "DELETE", "/kv/gone", "");
    assert_eq!(status, StatusCode::NO_CONTENT, "DELETE /kv/gone (there)");
    let (status, _) = send(&server, "GET", "/kv/gone", "");
    assert_eq!(status, StatusCode::NOT_FOUND, "GET /kv/gone after DELETE");
    let (status, _) = send(&server, "DELETE", "/kv/gone", "");
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "DELETE /kv/gone (no longer there)"
    );
}

#[test]
fn keys_are_listed_in_order() {
    let server = start();
    for key in ["b", "c", "a"] {
        send(&server, "PUT", &format!("/kv/{key}"), "x");
    }
    let (status, body) = send(&server, "GET", "/kv", "");
    assert_eq!(status, StatusCode::OK, "GET /kv");
    let keys: serde_json::Value = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("GET /kv: the body is not JSON ({e}): {body:?}"));
    assert_eq!(
        keys,
        serde_json::json!({"keys": ["a", "b", "c"]}),
        "GET /kv after PUT b, c, a"
    );
}

#[test]
fn empty_store_lists_no_keys() {
    let server = start();
    let (_, body) = send(&server, "GET", "/kv", "");
    let keys: serde_json::Value = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("GET /kv: the body is not JSON ({e}): {body:?}"));
    assert_eq!(
        keys,
        serde_json::json!({"keys": []}),
        "GET /kv on an empty store"
    );
}

#[test]
fn values_over_a_kibibyte_are_refused() {
    let server = start();
    let (status, _) = send(&server, "PUT", "/kv/big", &"x".repeat(1025));
    assert_eq!(
        status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "PUT /kv/big with 1025 bytes"
    );
    let (status, _) = send(&server, "PUT", "/kv/big", &"x".repeat(1024));
    assert_eq!(status, StatusCode::CREATED, "PUT /kv/big with 1024 bytes");
}

#[test]
fn sigterm_stops_it_cleanly() {
    let server = start();
    let status = server.terminate();
    assert!(
        status.success(),
        "after SIGTERM the service exited with {status}; want a clean exit (0)"
    );
}
