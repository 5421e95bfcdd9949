//! The job queue's black-box conformance suite.
//!
//! Every case starts a twin's real binary on a free loopback port (through
//! [`testkit`]) and talks to it over HTTP only, so the Rust twin and the Go
//! twin are held to exactly the same behaviour. [`suite!`] turns the cases
//! into one `#[test]` each for a given twin (see [`testkit::declare_suite`]):
//!
//! ```text
//! job_queue_conformance::suite!(Twin::rust(env!("CARGO_BIN_EXE_job-queue")));
//! ```

pub mod cases;
pub mod differential;

pub use testkit;

pub mod slow;

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use serde_json::Value;
use testkit::{Server, conformance};

/// A request that takes longer than this is a failure: no route of the
/// service may wait for room in the queue or for a job to run.
pub const PROMPT: Duration = Duration::from_secs(5);

// Every `pub fn NAME(twin: &Twin)` in cases.rs is a case: `suite!(TWIN)`
// writes a `#[test] fn NAME` for each.
testkit::declare_suite! {
    cases: "src/cases.rs",
    twins: "listings/job-queue/server",
}

/// An HTTP client that gives up after [`PROMPT`].
pub fn client() -> Client {
    Client::builder()
        .timeout(PROMPT)
        .build()
        .expect("a plain HTTP client builds")
}

/// `POST /jobs` with a JSON body.
pub fn post_job(server: &Server, job: &Value) -> Response {
    conformance::request("POST", "/jobs");
    client()
        .post(server.url("/jobs"))
        .json(job)
        .send()
        .unwrap_or_else(|e| panic!("POST /jobs to the {} twin: {e}", server.language))
}

/// Submits a job that must be accepted; returns its id.
pub fn submit(server: &Server, job: &Value) -> u64 {
    let response = post_job(server, job);
    let status = response.status();
    let body: Value = response.json().unwrap_or(Value::Null);
    assert_eq!(status, StatusCode::ACCEPTED, "submitting {job}: {body}");
    body["id"]
        .as_u64()
        .unwrap_or_else(|| panic!("no numeric id in {body}"))
}

/// `GET` a path; status and JSON body (`null` when the body is not JSON).
pub fn get(server: &Server, path: &str) -> (StatusCode, Value) {
    conformance::request("GET", path);
    let response = client()
        .get(server.url(path))
        .send()
        .unwrap_or_else(|e| panic!("GET {path} from the {} twin: {e}", server.language));
    (response.status(), response.json().unwrap_or(Value::Null))
}

/// The job's current view (`{"id":..,"status":..}`).
pub fn job(server: &Server, id: u64) -> Value {
    let (status, body) = get(server, &format!("/jobs/{id}"));
    assert_eq!(status, StatusCode::OK, "GET /jobs/{id}: {body}");
    body
}

/// Polls job `id` until its status is `want`; returns its view.
pub fn wait_for(server: &Server, id: u64, want: &str) -> Value {
    testkit::eventually(&format!("job {id} to be {want}"), || {
        Some(job(server, id)).filter(|view| view["status"] == want)
    })
}

/// `GET /metrics`.
pub fn metrics(server: &Server) -> Value {
    let (status, body) = get(server, "/metrics");
    assert_eq!(status, StatusCode::OK, "GET /metrics: {body}");
    body
}

/// The `key=value` fields of the first log line that has `marker` as a
/// word and `key=` in it (tracing and slog both print fields this way).
pub fn log_field(log: &str, marker: &str, key: &str) -> Option<u64> {
    let prefix = format!("{key}=");
    log.lines()
        .filter(|line| {
            line.split_whitespace()
                .any(|w| w.trim_start_matches("msg=") == marker)
        })
        .flat_map(|line| line.split_whitespace())
        .find_map(|word| word.strip_prefix(&prefix)?.trim_matches('"').parse().ok())
}

#[cfg(test)]
mod tests {
    use super::log_field;

    #[test]
    fn reads_fields_from_both_log_formats() {
        let rust = "2026-01-01T00:00:00Z  INFO job_queue: drained accepted=4 completed=3 failed=1";
        let go = "time=2026-01-01T00:00:00Z level=INFO msg=drained accepted=4 completed=3 failed=1";
        for log in [rust, go] {
            assert_eq!(log_field(log, "drained", "accepted"), Some(4), "{log}");
            assert_eq!(log_field(log, "drained", "failed"), Some(1), "{log}");
            assert_eq!(log_field(log, "listening", "accepted"), None, "{log}");
        }
    }
}
