//! The job queue's black-box conformance suite.
//!
//! Every case starts a twin's real binary on a free loopback port (through
//! [`testkit`]) and talks to it over HTTP only, so the Rust twin and the Go
//! twin are held to exactly the same behaviour. [`suite!`] turns the cases
//! into one `#[test]` each for a given twin:
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
use testkit::Server;

/// A request that takes longer than this is a failure: no route of the
/// service may wait for room in the queue or for a job to run.
pub const PROMPT: Duration = Duration::from_secs(5);

/// Generates one `#[test]` per case of [`cases`] for the twin `$twin`
/// (an expression giving a [`testkit::Twin`]), with optional attributes
/// such as `#[ignore = "why"]` on each.
#[macro_export]
macro_rules! suite {
    ($twin:expr $(, #[$attr:meta])* $(,)?) => {
        $crate::suite!(@cases $twin; [$(#[$attr])*];
            accepts_a_job_with_its_location,
            reports_a_wordcount_result,
            moves_a_job_from_queued_to_running_to_done,
            runs_as_many_jobs_at_once_as_it_has_workers,
            reports_a_failed_job_with_its_error,
            answers_429_with_retry_after_exactly_when_full,
            accepts_again_once_a_worker_makes_room,
            refuses_malformed_json,
            refuses_a_wrong_content_type,
            refuses_an_unknown_kind,
            refuses_a_missing_kind,
            refuses_an_overlong_sleep,
            refuses_an_oversize_body,
            answers_404_for_an_unknown_id,
            answers_404_for_a_malformed_id,
            counts_jobs_in_its_metrics,
            answers_healthz,
            drains_every_accepted_job_on_sigterm,
            runs_two_cpu_bound_jobs_at_the_same_time,
            fails_a_panicking_job_alone,
            forgets_finished_jobs_beyond_the_byte_limit,
            forgets_finished_jobs_after_their_age,
            closes_a_connection_whose_headers_trickle,
            closes_an_idle_keep_alive_connection,
            answers_408_to_a_body_that_never_completes,
            serves_no_more_connections_than_its_limit,
            exits_0_at_the_deadline_with_slow_clients_holding_connections,
            abandons_jobs_at_the_drain_deadline_and_exits_1,
            ends_the_drain_at_a_second_signal_and_exits_1,
            catches_sigterm_from_the_moment_it_listens,
            answers_an_unknown_route_with_a_json_404,
            answers_another_method_with_405_and_allow,
            answers_404_to_a_path_with_an_empty_segment,
            matches_percent_encoded_letters_and_digits_in_the_path,
            answers_404_for_an_id_with_a_sign,
            accepts_application_json_in_any_case_with_any_parameters,
            refuses_other_json_media_types_even_with_a_body_too_large,
            matches_field_names_exactly,
            takes_the_last_value_of_a_field_given_twice,
            refuses_a_job_or_payload_that_is_not_an_object,
            refuses_invalid_utf8_and_lone_surrogates,
            refuses_json_nested_deeper_than_127,
            refuses_a_number_beyond_f64,
            reads_the_whole_body_as_json_before_the_job,
        );
    };
    (@cases $twin:expr; $attrs:tt; $($case:ident),* $(,)?) => {
        $( $crate::suite!(@case $twin; $attrs; $case); )*
    };
    (@case $twin:expr; [$(#[$attr:meta])*]; $case:ident) => {
        #[test]
        $(#[$attr])*
        fn $case() {
            $crate::cases::$case(&$twin);
        }
    };
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
