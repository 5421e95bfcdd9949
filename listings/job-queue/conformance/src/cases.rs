//! The cases of the suite. Each takes the twin under test, starts its own
//! server (so cases run in parallel without sharing a queue) and checks one
//! behaviour of the HTTP API.

use nix::sys::signal::Signal;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER};
use serde_json::{Value, json};
use testkit::{Server, Twin, eventually};

use crate::{client, get, job, log_field, metrics, post_job, submit, wait_for};

fn wordcount(text: &str) -> Value {
    json!({ "kind": "wordcount", "payload": { "text": text } })
}

fn sleep(ms: u64) -> Value {
    json!({ "kind": "sleep", "payload": { "ms": ms } })
}

fn fail(message: &str) -> Value {
    json!({ "kind": "fail", "payload": { "message": message } })
}

/// Starts one worker and waits until it is busy with a long job, so that
/// what is submitted next stays queued for as long as the test needs.
fn busy_worker(server: &Server, ms: u64) -> u64 {
    let id = submit(server, &sleep(ms));
    wait_for(server, id, "running");
    id
}

pub fn accepts_a_job_with_its_location(twin: &Twin) {
    let server = twin.start();
    let response = post_job(&server, &wordcount("hello gopher"));
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let body: Value = response.json().unwrap();
    let id = body["id"]
        .as_u64()
        .unwrap_or_else(|| panic!("no numeric id in {body}"));
    assert_eq!(location, format!("/jobs/{id}"));
    let (status, view) = get(&server, &location);
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["id"], id);
    assert_eq!(view["kind"], "wordcount");
}

pub fn reports_a_wordcount_result(twin: &Twin) {
    let server = twin.start();
    let id = submit(&server, &wordcount("the quick  brown\tfox"));
    let view = wait_for(&server, id, "done");
    assert_eq!(view["result"], json!({ "words": 4, "bytes": 20 }), "{view}");
}

pub fn moves_a_job_from_queued_to_running_to_done(twin: &Twin) {
    let server = twin.start_with(["--workers", "1"]);
    busy_worker(&server, 3_000);
    let id = submit(&server, &sleep(1_000));
    let mut seen: Vec<String> = Vec::new();
    eventually("the job to finish", || {
        let status = job(&server, id)["status"].as_str().unwrap().to_owned();
        if seen.last() != Some(&status) {
            seen.push(status.clone());
        }
        (status == "done").then_some(())
    });
    assert_eq!(seen, ["queued", "running", "done"]);
}

pub fn runs_as_many_jobs_at_once_as_it_has_workers(twin: &Twin) {
    let server = twin.start_with(["--workers", "2", "--queue-capacity", "4"]);
    let ids: Vec<u64> = (0..3).map(|_| submit(&server, &sleep(3_000))).collect();
    wait_for(&server, ids[0], "running");
    wait_for(&server, ids[1], "running");
    let third = job(&server, ids[2]);
    assert_eq!(
        third["status"], "queued",
        "two workers, so the third job waits: {third}"
    );
    assert_eq!(metrics(&server)["queue_depth"], 1);
}

pub fn reports_a_failed_job_with_its_error(twin: &Twin) {
    let server = twin.start();
    let id = submit(&server, &fail("disk on fire"));
    let view = wait_for(&server, id, "failed");
    assert_eq!(view["error"], "disk on fire", "{view}");
    assert_eq!(
        view.get("result"),
        None,
        "a failed job has no result: {view}"
    );
}

// ANCHOR: full
pub fn answers_429_with_retry_after_exactly_when_full(twin: &Twin) {
    let server = twin.start_with(["--workers", "1", "--queue-capacity", "2"]);
    busy_worker(&server, 10_000);
    // Two jobs fill the queue behind the busy worker...
    submit(&server, &sleep(1));
    submit(&server, &sleep(1));
    // ...and the third is refused at once: `post_job` gives up after
    // `PROMPT`, far sooner than the busy worker would make room.
    let refused = post_job(&server, &sleep(1));
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = refused.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= 1);
    let body: Value = refused.json().unwrap();
    assert!(body["error"].as_str().unwrap().contains("full"), "{body}");

    let stats = metrics(&server);
    assert_eq!(
        (stats["accepted"].as_u64(), stats["rejected"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(stats["queue_depth"], 2, "{stats}");
}
// ANCHOR_END: full

pub fn accepts_again_once_a_worker_makes_room(twin: &Twin) {
    let server = twin.start_with(["--workers", "1", "--queue-capacity", "1"]);
    let busy = busy_worker(&server, 1_000);
    let waiting = submit(&server, &sleep(1));
    assert_eq!(
        post_job(&server, &sleep(1)).status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // The refusal lasts only as long as the queue is full.
    wait_for(&server, busy, "done");
    wait_for(&server, waiting, "done");
    submit(&server, &sleep(1));
}

/// Sends a bad request and checks the answer, and that nothing changed.
fn refuses(twin: &Twin, content_type: &str, body: String, want: StatusCode, says: &str) {
    let server = twin.start();
    let response = client()
        .post(server.url("/jobs"))
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .unwrap();
    assert_eq!(response.status(), want);
    assert!(
        response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "errors are JSON"
    );
    let answer: Value = response.json().unwrap();
    let error = answer["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error in {answer}"));
    assert!(error.contains(says), "{error:?} should mention {says:?}");
    let stats = metrics(&server);
    assert_eq!(stats["accepted"], 0, "{stats}");
    assert_eq!(stats["queue_depth"], 0, "{stats}");
}

const JSON: &str = "application/json";

pub fn refuses_malformed_json(twin: &Twin) {
    refuses(
        twin,
        JSON,
        r#"{"kind": "wordcount", "#.into(),
        StatusCode::BAD_REQUEST,
        "JSON",
    );
}

pub fn refuses_a_wrong_content_type(twin: &Twin) {
    let body = wordcount("a").to_string();
    refuses(
        twin,
        "text/plain",
        body,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        JSON,
    );
}

pub fn refuses_an_unknown_kind(twin: &Twin) {
    let body = json!({ "kind": "explode", "payload": {} }).to_string();
    refuses(
        twin,
        JSON,
        body,
        StatusCode::UNPROCESSABLE_ENTITY,
        "explode",
    );
}

pub fn refuses_a_missing_kind(twin: &Twin) {
    let body = json!({ "payload": { "ms": 1 } }).to_string();
    refuses(twin, JSON, body, StatusCode::UNPROCESSABLE_ENTITY, "kind");
}

pub fn refuses_an_overlong_sleep(twin: &Twin) {
    refuses(
        twin,
        JSON,
        sleep(10_001).to_string(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "10000",
    );
}

pub fn refuses_an_oversize_body(twin: &Twin) {
    let body = wordcount(&"a".repeat(64 * 1024)).to_string();
    refuses(twin, JSON, body, StatusCode::PAYLOAD_TOO_LARGE, "65536");
}

pub fn answers_404_for_an_unknown_id(twin: &Twin) {
    let server = twin.start();
    let (status, body) = get(&server, "/jobs/12345");
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].as_str().unwrap().contains("12345"), "{body}");
}

pub fn answers_404_for_a_malformed_id(twin: &Twin) {
    let server = twin.start();
    let (status, body) = get(&server, "/jobs/not-a-number");
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["error"].as_str().unwrap().contains("not-a-number"),
        "{body}"
    );
}

pub fn counts_jobs_in_its_metrics(twin: &Twin) {
    let server = twin.start_with(["--queue-capacity", "8"]);
    for job in [wordcount("a"), wordcount("b c"), fail("no")] {
        submit(&server, &job);
    }
    let stats = eventually("three jobs to end", || {
        let stats = metrics(&server);
        (stats["completed"].as_u64().unwrap() + stats["failed"].as_u64().unwrap() == 3)
            .then_some(stats)
    });
    let want = json!({
        "queue_depth": 0, "queue_capacity": 8,
        "accepted": 3, "rejected": 0, "completed": 2, "failed": 1,
    });
    assert_eq!(stats, want);
}

pub fn answers_healthz(twin: &Twin) {
    let server = twin.start();
    let (status, body) = get(&server, "/healthz");
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
}

// ANCHOR: drain
pub fn drains_every_accepted_job_on_sigterm(twin: &Twin) {
    let server = twin.start_with(["--workers", "1", "--queue-capacity", "8"]);
    let ids: Vec<u64> = (0..4).map(|_| submit(&server, &sleep(500))).collect();
    wait_for(&server, ids[0], "running");
    server.signal(Signal::SIGTERM);

    // While the three queued jobs still run, the server answers, with 503.
    eventually("the server to start draining", || {
        (get(&server, "/healthz").0 == StatusCode::SERVICE_UNAVAILABLE).then_some(())
    });
    let late = post_job(&server, &sleep(1));
    assert_eq!(late.status(), StatusCode::SERVICE_UNAVAILABLE);

    // The twin's last words count what it did; every accepted job ran.
    let accepted = eventually("the `drained` line", || {
        log_field(&server.log(), "drained", "accepted")
    });
    let log = server.log();
    assert_eq!(accepted, 4, "the 503 must not have been accepted\n{log}");
    let completed = log_field(&log, "drained", "completed");
    assert_eq!(completed, Some(4), "every accepted job completes\n{log}");
    let status = server.wait();
    assert!(status.success(), "the twin exited with {status}\n{log}");
}
// ANCHOR_END: drain
