//! The cases of the suite. Each takes the twin under test, starts its own
//! server (so cases run in parallel without sharing a queue) and checks one
//! behaviour of the HTTP API.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use nix::fcntl::{FcntlArg, fcntl};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use reqwest::blocking::Client;
use reqwest::header::{ALLOW, CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use testkit::{PATIENCE, Server, Twin, eventually};

use crate::slow::{answers_within, connect, until_closed};
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

fn spin(parties: u64, ms: u64) -> Value {
    json!({ "kind": "spin", "payload": { "parties": parties, "ms": ms } })
}

fn panic(message: &str) -> Value {
    json!({ "kind": "panic", "payload": { "message": message } })
}

/// Polls job `id` until it is done or failed; returns its view.
fn finished(server: &Server, id: u64) -> Value {
    eventually(&format!("job {id} to finish"), || {
        Some(job(server, id)).filter(|view| view["status"] == "done" || view["status"] == "failed")
    })
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
    let server = twin.start_with(["--workers", "2"]);
    // Both workers sleep for five seconds, far longer than one submission
    // and one look take, so the job is seen queued first.
    submit(&server, &sleep(5_000));
    submit(&server, &sleep(5_000));
    // Then a spin job that waits for a partner: it stays running until the
    // test submits that partner, so no poll can miss the state.
    let id = submit(&server, &spin(2, 10_000));
    let mut seen: Vec<String> = Vec::new();
    let mut watch = |until: &str| {
        eventually(&format!("job {id} to be {until}"), || {
            let status = job(&server, id)["status"].as_str().unwrap().to_owned();
            if seen.last() != Some(&status) {
                seen.push(status.clone());
            }
            (status == until || status == "failed").then_some(())
        });
    };
    watch("running");
    submit(&server, &spin(2, 10_000));
    watch("done");
    assert_eq!(seen, ["queued", "running", "done"]);
}

pub fn runs_as_many_jobs_at_once_as_it_has_workers(twin: &Twin) {
    let server = twin.start_with(["--workers", "2", "--queue-capacity", "4"]);
    // Three spin jobs that wait for each other: the first two hold both
    // workers until the third starts, which it cannot, so what the test
    // sees does not change while it looks.
    let ids: Vec<u64> = (0..3).map(|_| submit(&server, &spin(3, 10_000))).collect();
    for &id in &ids[..2] {
        let view = eventually(&format!("job {id} to start"), || {
            Some(job(&server, id)).filter(|view| view["status"] != "queued")
        });
        assert_eq!(
            view["status"], "running",
            "job {id} waits for a third: {view}"
        );
    }
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
    // Five seconds: far longer than the two requests that must come while
    // the worker is still busy.
    let busy = busy_worker(&server, 5_000);
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
    testkit::conformance::request("POST", "/jobs");
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
    let server = twin.start_with(["--workers", "2", "--queue-capacity", "8"]);
    // One worker spins until a partner spin job starts, the other sleeps
    // for five seconds; the partner and a fourth job wait in the queue.
    let held = submit(&server, &spin(2, 10_000));
    wait_for(&server, held, "running");
    submit(&server, &sleep(5_000));
    submit(&server, &spin(2, 10_000));
    let last = submit(&server, &wordcount("last"));
    assert_eq!(job(&server, last)["status"], "queued");
    server.signal(Signal::SIGTERM);

    // The drain cannot end before the sleeper wakes and the partner
    // starts, and until then the server answers, with 503.
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

// ANCHOR: parallel
pub fn runs_two_cpu_bound_jobs_at_the_same_time(twin: &Twin) {
    let server = twin.start_with(["--workers", "2"]);
    // Each spin job keeps its thread busy, never yielding, until two spin
    // jobs have started, or fails after five seconds: the pair can only
    // succeed if the two run at the same time.
    let ids = [
        submit(&server, &spin(2, 5_000)),
        submit(&server, &spin(2, 5_000)),
    ];
    for id in ids {
        let view = finished(&server, id);
        assert_eq!(view["status"], "done", "job {id}: {view}");
        assert_eq!(view["result"], json!({ "parties": 2 }), "{view}");
    }
}
// ANCHOR_END: parallel

// ANCHOR: panic
pub fn fails_a_panicking_job_alone(twin: &Twin) {
    let server = twin.start_with(["--workers", "1"]);
    let bad = submit(&server, &panic("the disk is on fire"));
    let next = submit(&server, &wordcount("still here"));
    let view = finished(&server, bad);
    assert_eq!(view["status"], "failed", "{view}");
    assert_eq!(view["error"], "the job panicked: the disk is on fire");
    // The one worker lives on: it runs the next job, and the one after.
    assert_eq!(finished(&server, next)["status"], "done");
    let later = submit(&server, &wordcount("and here"));
    assert_eq!(finished(&server, later)["status"], "done");
    let stats = metrics(&server);
    assert_eq!(
        (stats["completed"].as_u64(), stats["failed"].as_u64()),
        (Some(2), Some(1))
    );
}
// ANCHOR_END: panic

pub fn forgets_finished_jobs_beyond_the_byte_limit(twin: &Twin) {
    let server = twin.start_with(["--workers", "1", "--keep-finished-bytes", "1000"]);
    // Four failures whose messages add up to 1,500 bytes: the oldest are
    // forgotten until the rest fit in 1,000.
    let ids: Vec<u64> = [400, 400, 400, 300]
        .into_iter()
        .map(|n| {
            let id = submit(&server, &fail(&"x".repeat(n)));
            wait_for(&server, id, "failed");
            id
        })
        .collect();
    let remembered: Vec<bool> = ids
        .iter()
        .map(|id| get(&server, &format!("/jobs/{id}")).0 == StatusCode::OK)
        .collect();
    assert_eq!(
        remembered,
        [false, false, true, true],
        "which of four failed jobs the {} twin remembers with --keep-finished-bytes 1000",
        server.language
    );
}

pub fn forgets_finished_jobs_after_their_age(twin: &Twin) {
    // Long enough that the test, however slow, sees the job done first.
    let server = twin.start_with(["--keep-finished-for", "5s"]);
    let id = submit(&server, &wordcount("brief"));
    wait_for(&server, id, "done");
    eventually(&format!("job {id} to be forgotten"), || {
        (get(&server, &format!("/jobs/{id}")).0 == StatusCode::NOT_FOUND).then_some(())
    });
}

// ANCHOR: slow_headers
pub fn closes_a_connection_whose_headers_trickle(twin: &Twin) {
    let server = twin.start_with(["--header-timeout", "1s"]);
    // A header line every 200 ms, forever: each one is progress, but the
    // request never ends.
    let opened = Instant::now();
    let mut slow = connect(&server, "GET /healthz HTTP/1.1\r\nHost: test\r\n");
    let closed = until_closed(&mut slow, "X-Slow: still coming\r\n").unwrap_or_else(|| {
        panic!(
            "the {} twin kept a connection trickling headers open for {PATIENCE:?}",
            server.language
        )
    });
    // Timed from before the connection opened, which the twin's clock
    // cannot precede, however late this thread runs.
    let after = opened.elapsed();
    assert_eq!(closed.received, "", "closed without an answer");
    assert!(
        after >= Duration::from_millis(900),
        "closed {after:?} after connecting: too soon"
    );
    // The twin still serves everyone else.
    assert_eq!(get(&server, "/healthz").0, StatusCode::OK);
}
// ANCHOR_END: slow_headers

pub fn closes_an_idle_keep_alive_connection(twin: &Twin) {
    let server = twin.start_with(["--header-timeout", "1s"]);
    let mut idle = connect(&server, "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n");
    let closed = until_closed(&mut idle, "").unwrap_or_else(|| {
        panic!(
            "the {} twin kept an idle connection open for {PATIENCE:?}",
            server.language
        )
    });
    assert!(closed.received.starts_with("HTTP/1.1 200"), "{closed:?}");
}

pub fn answers_408_to_a_body_that_never_completes(twin: &Twin) {
    let server = twin.start_with(["--body-timeout", "1s"]);
    let head = "POST /jobs HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
                Content-Length: 100\r\n\r\n{\"kind\":";
    let mut slow = connect(&server, head);
    let closed = until_closed(&mut slow, "").unwrap_or_else(|| {
        panic!(
            "the {} twin waited {PATIENCE:?} for a body",
            server.language
        )
    });
    assert!(closed.received.starts_with("HTTP/1.1 408"), "{closed:?}");
    assert!(
        closed.received.contains(r#""error""#),
        "errors are JSON: {closed:?}"
    );
    assert_eq!(metrics(&server)["accepted"], 0);
}

pub fn serves_no_more_connections_than_its_limit(twin: &Twin) {
    let server = twin.start_with(["--max-connections", "2", "--header-timeout", "5s"]);
    let _slow: Vec<TcpStream> = (0..2)
        .map(|_| connect(&server, "GET /healthz HTTP/1.1\r\n"))
        .collect();
    let mut third = connect(&server, "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n");
    // Both places are taken for five seconds, so the third waits...
    assert!(
        !answers_within(&mut third, Duration::from_millis(500)),
        "the {} twin served a third connection past --max-connections 2",
        server.language
    );
    // ...until the header timeout frees them.
    let closed = until_closed(&mut third, "").expect("the third connection is served");
    assert!(closed.received.starts_with("HTTP/1.1 200"), "{closed:?}");
}

/// Waits for the twin's last line, `drained ...`, and its exit; returns the
/// exit status and the log.
fn exit(server: Server) -> (ExitStatus, String) {
    let start = Instant::now();
    eventually("the `drained` line", || {
        log_field(&server.log(), "drained", "accepted")
    });
    let log = server.log();
    let language = server.language;
    let status = server.wait();
    let log = format!("{log}({language} twin, exited after {:?})", start.elapsed());
    (status, log)
}

// ANCHOR: deadline
pub fn exits_0_at_the_deadline_with_slow_clients_holding_connections(twin: &Twin) {
    // Timeouts far longer than the drain, so only the deadline ends it.
    let server = twin.start_with([
        "--header-timeout",
        "60s",
        "--body-timeout",
        "60s",
        "--drain-timeout",
        "1s",
    ]);
    let body = "POST /jobs HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
                Content-Length: 100\r\n\r\n{";
    let _slow: Vec<TcpStream> = (0..20)
        .map(|i| {
            connect(
                &server,
                if i == 0 {
                    body
                } else {
                    "GET /healthz HTTP/1.1\r\n"
                },
            )
        })
        .collect();
    assert_eq!(get(&server, "/healthz").0, StatusCode::OK);
    server.signal(Signal::SIGTERM);
    let (status, log) = exit(server);
    assert_eq!(status.code(), Some(0), "no job was lost: exit 0\n{log}");
    assert_eq!(log_field(&log, "drained", "abandoned"), Some(0), "{log}");
}
// ANCHOR_END: deadline

/// Starts a twin with one worker and keeps it busy with two ten-second
/// jobs, then sends SIGTERM and waits until it drains.
fn draining_with_two_long_jobs(twin: &Twin, drain_timeout: &str) -> Server {
    let server = twin.start_with(["--workers", "1", "--drain-timeout", drain_timeout]);
    let first = submit(&server, &sleep(10_000));
    submit(&server, &sleep(10_000));
    wait_for(&server, first, "running");
    server.signal(Signal::SIGTERM);
    eventually("the server to start draining", || {
        (get(&server, "/healthz").0 == StatusCode::SERVICE_UNAVAILABLE).then_some(())
    });
    server
}

pub fn abandons_jobs_at_the_drain_deadline_and_exits_1(twin: &Twin) {
    // Twenty seconds of work left, a deadline of five: time enough to see
    // the drain start, too short for the first job to end.
    let server = draining_with_two_long_jobs(twin, "5s");
    let (status, log) = exit(server);
    assert_eq!(status.code(), Some(1), "jobs were lost: exit 1\n{log}");
    assert_eq!(log_field(&log, "drained", "abandoned"), Some(2), "{log}");
}

// ANCHOR: second_signal
pub fn ends_the_drain_at_a_second_signal_and_exits_1(twin: &Twin) {
    // The deadline is a minute away, and the work left takes twenty
    // seconds, longer than `exit` waits: only the second signal ends it.
    let server = draining_with_two_long_jobs(twin, "60s");
    server.signal(Signal::SIGTERM);
    let (status, log) = exit(server);
    assert_eq!(status.code(), Some(1), "jobs were lost: exit 1\n{log}");
    assert_eq!(log_field(&log, "drained", "abandoned"), Some(2), "{log}");
}
// ANCHOR_END: second_signal

// ANCHOR: early_signal
pub fn catches_sigterm_from_the_moment_it_listens(twin: &Twin) {
    // The twin's output goes into a pipe the test fills first, so that its
    // `listening on` line blocks it in the middle of writing. Once the port
    // accepts connections, the twin is stuck on that line: its handler for
    // SIGTERM must already be in place.
    let addr = free_address();
    let (mut output, pipe) = std::io::pipe().unwrap();
    let capacity = fcntl(&pipe, FcntlArg::F_GETPIPE_SZ).unwrap();
    (&pipe).write_all(&vec![b'.'; capacity as usize]).unwrap();
    let mut child = twin
        .command()
        .args(["--addr", &addr.to_string(), "--drain-timeout", "5s"])
        .stdin(Stdio::null())
        .stdout(pipe.try_clone().unwrap())
        .stderr(pipe)
        .spawn()
        .unwrap();
    let pid = Pid::from_raw(child.id() as i32);
    eventually("the twin to accept connections", || {
        assert!(child.try_wait().unwrap().is_none(), "the twin exited early");
        TcpStream::connect(addr).ok()
    });
    let caught = caught_signals(child.id());
    // Then let it print, and send SIGTERM the moment the line is out.
    let mut seen = Vec::new();
    let mut chunk = [0; 4096];
    while !seen.windows(12).any(|w| w == b"listening on") {
        let n = output.read(&mut chunk).unwrap();
        assert!(n > 0, "the twin exited without saying it listens");
        seen.extend_from_slice(&chunk[..n]);
    }
    kill(pid, Signal::SIGTERM).unwrap();
    let reader = thread::spawn(move || {
        let _ = output.read_to_end(&mut seen);
        String::from_utf8_lossy(&seen)
            .trim_start_matches('.')
            .to_owned()
    });
    let status = eventually("the twin to exit", || child.try_wait().unwrap());
    let log = reader.join().unwrap();
    assert!(
        caught & (1 << (Signal::SIGTERM as u64 - 1)) != 0,
        "the {} twin printed `listening on` with no handler for SIGTERM \
         (SigCgt {caught:x})\n{log}",
        twin.language
    );
    assert_eq!(
        status.code(),
        Some(0),
        "a graceful exit, not {status}\n{log}"
    );
    assert!(log_field(&log, "drained", "accepted").is_some(), "{log}");
}
// ANCHOR_END: early_signal

/// The signals process `pid` catches, from the `SigCgt` mask in
/// /proc/PID/status (bit N-1 for signal N).
fn caught_signals(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let mask = status
        .lines()
        .find_map(|line| line.strip_prefix("SigCgt:"))
        .expect("/proc/PID/status has SigCgt");
    u64::from_str_radix(mask.trim(), 16).unwrap()
}

/// A loopback address that was free a moment ago.
fn free_address() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

// The differences the differential suite found (`differential.rs`), one
// case each, with the answer the contract states.

/// Sends one request exactly as given, following no redirect; returns the
/// status, the headers and the body as JSON (`null` when it is not JSON).
fn send(
    server: &Server,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> (StatusCode, HeaderMap, Value) {
    let client = Client::builder()
        .timeout(crate::PROMPT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = client.request(method, server.url(path)).body(body.to_vec());
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    let response = request
        .send()
        .unwrap_or_else(|e| panic!("{path} to the {} twin: {e}", server.language));
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, response.json().unwrap_or(Value::Null))
}

/// Checks that a request gets `want` and a JSON error, and returns its
/// headers.
fn refused(
    server: &Server,
    request: (&str, &str, Option<&str>, &[u8]),
    want: StatusCode,
) -> HeaderMap {
    let (method, path, content_type, body) = request;
    let (status, headers, answer) = send(server, method, path, content_type, body);
    let shown = String::from_utf8_lossy(body);
    let what = format!("{method} {path} {content_type:?} {shown:.80}");
    let language = server.language;
    assert_eq!(
        status, want,
        "{what}: the {language} twin answered {answer}"
    );
    assert!(
        answer["error"].is_string(),
        "{what}: the {language} twin's {status} is not a JSON error: {answer}"
    );
    assert_eq!(
        headers.get(CONTENT_TYPE).map(|v| v.as_bytes()),
        Some(&b"application/json"[..]),
        "{what}: the {language} twin's error is not JSON"
    );
    headers
}

/// Checks that a job is accepted; returns its id.
fn accepted(server: &Server, content_type: &str, body: &[u8]) -> u64 {
    let (status, _, answer) = send(server, "POST", "/jobs", Some(content_type), body);
    let shown = String::from_utf8_lossy(body);
    assert_eq!(
        status,
        StatusCode::ACCEPTED,
        "{content_type:?} {shown:.80}: the {} twin answered {answer}",
        server.language
    );
    answer["id"].as_u64().unwrap()
}

const WORDCOUNT: &[u8] = br#"{"kind":"wordcount","payload":{"text":"a b"}}"#;

pub fn answers_an_unknown_route_with_a_json_404(twin: &Twin) {
    let server = twin.start();
    for path in ["/", "/nope", "/jobs/", "/jobs/1/", "/healthz/", "/JOBS"] {
        refused(&server, ("GET", path, None, b""), StatusCode::NOT_FOUND);
    }
}

pub fn answers_another_method_with_405_and_allow(twin: &Twin) {
    let server = twin.start();
    let cases: [(&str, &str, &[&str]); 5] = [
        ("GET", "/jobs", &["POST"]),
        ("DELETE", "/jobs", &["POST"]),
        ("POST", "/healthz", &["GET", "HEAD"]),
        ("PUT", "/jobs/1", &["GET", "HEAD"]),
        ("OPTIONS", "/metrics", &["GET", "HEAD"]),
    ];
    for (method, path, allow) in cases {
        let headers = refused(
            &server,
            (method, path, None, b""),
            StatusCode::METHOD_NOT_ALLOWED,
        );
        let allowed = headers.get(ALLOW).map(|v| v.to_str().unwrap());
        let mut methods: Vec<&str> = allowed.unwrap_or("").split(',').map(str::trim).collect();
        methods.sort_unstable();
        assert_eq!(methods, allow, "{method} {path}: Allow: {allowed:?}");
    }
}

pub fn answers_404_to_a_path_with_an_empty_segment(twin: &Twin) {
    let server = twin.start();
    submit(&server, &wordcount("one"));
    for path in ["//healthz", "/jobs//1", "//jobs/1"] {
        refused(&server, ("GET", path, None, b""), StatusCode::NOT_FOUND);
    }
}

pub fn matches_percent_encoded_letters_and_digits_in_the_path(twin: &Twin) {
    let server = twin.start();
    let id = submit(&server, &wordcount("one"));
    assert_eq!(id, 1);
    for path in ["/%68ealthz", "/heal%74hz", "/jobs/%31", "/%6A%6F%62%73/1"] {
        let (status, _, body) = send(&server, "GET", path, None, b"");
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    }
    // An escaped slash is part of a segment, not a separator.
    refused(
        &server,
        ("GET", "/jobs%2F1", None, b""),
        StatusCode::NOT_FOUND,
    );
}

pub fn answers_404_for_an_id_with_a_sign(twin: &Twin) {
    let server = twin.start();
    let id = submit(&server, &wordcount("one"));
    assert_eq!(get(&server, &format!("/jobs/0{id}")).0, StatusCode::OK);
    for path in [format!("/jobs/+{id}"), format!("/jobs/%2B{id}")] {
        refused(&server, ("GET", &path, None, b""), StatusCode::NOT_FOUND);
    }
}

pub fn accepts_application_json_in_any_case_with_any_parameters(twin: &Twin) {
    let server = twin.start();
    for content_type in [
        "Application/JSON",
        "application/json; charset=latin1",
        "application/json;",
        "application/json; garbage",
        "application/json ; charset=utf-8",
    ] {
        accepted(&server, content_type, WORDCOUNT);
    }
}

pub fn refuses_other_json_media_types_even_with_a_body_too_large(twin: &Twin) {
    let server = twin.start();
    let huge = wordcount(&"a".repeat(64 * 1024)).to_string().into_bytes();
    for content_type in ["application/problem+json", "application/vnd.api+json"] {
        for body in [WORDCOUNT, &huge] {
            let request = ("POST", "/jobs", Some(content_type), body);
            refused(&server, request, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        }
    }
}

pub fn matches_field_names_exactly(twin: &Twin) {
    let server = twin.start();
    for body in [
        &br#"{"KIND":"wordcount","payload":{"text":"a"}}"#[..],
        br#"{"kind":"wordcount","Payload":{"text":"a"}}"#,
        br#"{"kind":"wordcount","payload":{"TEXT":"a"}}"#,
    ] {
        let request = ("POST", "/jobs", Some(JSON), body);
        refused(&server, request, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // An escape is not another name: `\u006b` is `k`.
    accepted(
        &server,
        JSON,
        br#"{"\u006bind":"wordcount","payload":{"text":"a"}}"#,
    );
}

pub fn takes_the_last_value_of_a_field_given_twice(twin: &Twin) {
    let server = twin.start();
    let body = br#"{"kind":"sleep","kind":"wordcount","payload":{"text":"x","text":"a b c"}}"#;
    let id = accepted(&server, JSON, body);
    let view = wait_for(&server, id, "done");
    assert_eq!(view["kind"], "wordcount", "{view}");
    assert_eq!(view["result"], json!({ "words": 3, "bytes": 5 }), "{view}");
}

pub fn refuses_a_job_or_payload_that_is_not_an_object(twin: &Twin) {
    let server = twin.start();
    for body in [
        &br#"["sleep",{"ms":1}]"#[..],
        br#"{"kind":"wordcount","payload":["a b"]}"#,
        b"null",
        b"42",
    ] {
        let request = ("POST", "/jobs", Some(JSON), body);
        refused(&server, request, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

pub fn refuses_invalid_utf8_and_lone_surrogates(twin: &Twin) {
    let server = twin.start();
    for text in [
        &b"a\xc3"[..],
        b"\xff",
        br"a\ud800",
        br"\udc00b",
        br"\ud800\u0041",
    ] {
        let mut body = br#"{"kind":"wordcount","payload":{"text":""#.to_vec();
        body.extend_from_slice(text);
        body.extend_from_slice(br#""}}"#);
        refused(
            &server,
            ("POST", "/jobs", Some(JSON), &body),
            StatusCode::BAD_REQUEST,
        );
    }
    // A pair is one character.
    accepted(
        &server,
        JSON,
        br#"{"kind":"wordcount","payload":{"text":"\ud83d\ude00"}}"#,
    );
}

pub fn refuses_json_nested_deeper_than_127(twin: &Twin) {
    let server = twin.start();
    // The job's object is the first level; 126 arrays inside it make 127.
    let nested = |depth: usize| {
        let arrays = format!("{}{}", "[".repeat(depth - 1), "]".repeat(depth - 1));
        format!(r#"{{"kind":"wordcount","payload":{{"text":"a"}},"deep":{arrays}}}"#)
    };
    accepted(&server, JSON, nested(127).as_bytes());
    let too_deep = nested(128);
    let request = ("POST", "/jobs", Some(JSON), too_deep.as_bytes());
    refused(&server, request, StatusCode::BAD_REQUEST);
}

pub fn refuses_a_number_beyond_f64(twin: &Twin) {
    let server = twin.start();
    for number in ["1e400", "-1e400"] {
        let body = format!(r#"{{"kind":"wordcount","payload":{{"text":"a"}},"n":{number}}}"#);
        let request = ("POST", "/jobs", Some(JSON), body.as_bytes());
        refused(&server, request, StatusCode::BAD_REQUEST);
    }
    accepted(
        &server,
        JSON,
        br#"{"kind":"wordcount","payload":{"text":"a"},"n":1e-400}"#,
    );
}

pub fn reads_the_whole_body_as_json_before_the_job(twin: &Twin) {
    let server = twin.start();
    for (body, want) in [
        (
            &br#"{"payload":null,"kind":"wordcount"}x"#[..],
            StatusCode::BAD_REQUEST,
        ),
        (b"[false", StatusCode::BAD_REQUEST),
        (br#"{"kind":10001}"#, StatusCode::UNPROCESSABLE_ENTITY),
        (
            br#"{"kind":"sleep","payload":{"ms":1e3}}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        refused(&server, ("POST", "/jobs", Some(JSON), body), want);
    }
}
