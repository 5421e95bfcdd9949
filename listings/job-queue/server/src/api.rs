//! The HTTP API: submit a job, ask about it, check health and counters.
//!
//! | route | answer |
//! | --- | --- |
//! | `POST /jobs` | 202 with the job's id and `Location`, or 429 when the queue is full |
//! | `GET /jobs/{id}` | the job's status, result or error; 404 if unknown |
//! | `GET /healthz` | 200 while serving |
//! | `GET /metrics` | queue depth and counters, as JSON |
//! | another method on these paths | 405 with `Allow` |
//! | any other path | 404 |
//!
//! Every refusal has a JSON body `{"error": "..."}`.
//!
//! While the server drains, every route answers 503. A `POST /jobs` whose
//! body has not arrived within the body timeout gets 408, and the
//! connection is closed.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::error_handling::HandleErrorLayer;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{BoxError, Json, Router};
use serde_json::json;
use tower::ServiceBuilder;
use tower::timeout::TimeoutLayer;

use crate::error::ApiError;
use crate::jobs::Spec;
use crate::queue::{JobView, Queue, Stats};

/// The largest request body accepted: a job description, not a file upload.
pub const MAX_BODY: usize = 64 * 1024;

// ANCHOR: router
/// The service's routes, sharing one [`Queue`]. Reading a job's body,
/// the only slow part of `submit`, must end within `body_timeout`.
pub fn router(queue: Arc<Queue>, body_timeout: Duration) -> Router {
    let body_deadline = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|_: BoxError| async {
            ApiError::BodyTimeout
        }))
        .layer(TimeoutLayer::new(body_timeout));
    Router::new()
        .route("/jobs", post(submit).layer(body_deadline))
        .route("/jobs/{id}", get(status))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        // Any other request gets a JSON error too: another method on a
        // route, 405 with the methods it has; any other path, 404.
        .method_not_allowed_fallback(|method: Method, uri: Uri| async move {
            ApiError::MethodNotAllowed(format!("{method} {}", uri.path()))
        })
        .fallback(|uri: Uri| async move { ApiError::NoRoute(uri.path().to_owned()) })
        .layer(middleware::from_fn_with_state(
            Arc::clone(&queue),
            refuse_while_draining,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(queue)
}
// ANCHOR_END: router

/// Decodes the percent-encoded letters, digits and `-._~` of the path
/// (`/%68ealthz` is `/healthz`), which RFC 3986 says mean the same as the
/// characters themselves; Go's `ServeMux` matches them so. axum's router
/// matches the path as sent, so this runs before it.
pub fn decode_unreserved<B>(mut request: axum::http::Request<B>) -> axum::http::Request<B> {
    let uri = request.uri();
    let path = uri.path();
    if !path.contains('%') {
        return request;
    }
    let mut decoded = Vec::with_capacity(path.len());
    let mut bytes = path.as_bytes();
    while let Some((&first, rest)) = bytes.split_first() {
        let unreserved = match rest {
            [hi, lo, ..] if first == b'%' => std::str::from_utf8(&[*hi, *lo])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .filter(|b| b.is_ascii_alphanumeric() || b"-._~".contains(b)),
            _ => None,
        };
        match unreserved {
            Some(b) => {
                decoded.push(b);
                bytes = &rest[2..];
            }
            None => {
                decoded.push(first);
                bytes = rest;
            }
        }
    }
    let mut path_and_query = String::from_utf8(decoded).expect("ASCII in, ASCII out");
    if let Some(query) = uri.query() {
        path_and_query = format!("{path_and_query}?{query}");
    }
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = path_and_query.parse().ok();
    if let Ok(uri) = Uri::from_parts(parts) {
        *request.uri_mut() = uri;
    }
    request
}

// ANCHOR: submit
/// `POST /jobs`: validates the job and queues it, or says why not.
async fn submit(
    State(queue): State<Arc<Queue>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, ApiError> {
    if !is_json(&headers) {
        return Err(ApiError::NotJson);
    }
    let spec = Spec::from_json(&body?)?;
    spec.validate()
        .map_err(|e| ApiError::InvalidJob(e.to_string()))?;
    let id = queue.submit(spec)?;
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, format!("/jobs/{id}"))],
        Json(json!({ "id": id, "status": "queued" })),
    ))
}
// ANCHOR_END: submit

/// Whether the request says its body is JSON: the media type
/// `application/json` in any case, with any parameters (a charset among
/// them: the body is read as UTF-8 whatever it says).
fn is_json(headers: &HeaderMap) -> bool {
    let content_type = headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes);
    let media_type = content_type.and_then(|t| t.split(|&b| b == b';').next());
    media_type.is_some_and(|t| t.trim_ascii().eq_ignore_ascii_case(b"application/json"))
}

/// `GET /jobs/{id}`: a malformed id is as unknown as a missing one.
async fn status(
    State(queue): State<Arc<Queue>>,
    Path(id): Path<String>,
) -> Result<Json<JobView>, ApiError> {
    // Digits only: `u64::from_str` also takes a leading `+`.
    let digits = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| id.parse().ok())
        .flatten()
        .and_then(|id| queue.status(id))
        .map(Json)
        .ok_or(ApiError::NotFound(id))
}

async fn healthz() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

async fn metrics(State(queue): State<Arc<Queue>>) -> Json<Stats> {
    Json(queue.stats())
}

// ANCHOR: draining
/// Once the queue is closed the server is draining: it still answers, so
/// clients learn at once to go elsewhere, but it takes no new work.
async fn refuse_while_draining(
    State(queue): State<Arc<Queue>>,
    request: Request,
    next: Next,
) -> Response {
    if queue.is_closed() {
        return ApiError::Draining.into_response();
    }
    next.run(request).await
}
// ANCHOR_END: draining

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use serde_json::Value;
    use tower::ServiceExt;

    use super::*;
    use crate::queue::Retention;

    const TIMEOUT: Duration = Duration::from_secs(10);

    fn start(capacity: usize, workers: usize) -> (Arc<Queue>, tokio_util::task::TaskTracker) {
        Queue::start(capacity, workers, Retention::default())
    }

    /// Sends one request to a fresh router and returns status and JSON body.
    async fn call(queue: &Arc<Queue>, request: Request<Body>) -> (StatusCode, Value) {
        let response = router(Arc::clone(queue), TIMEOUT)
            .oneshot(request)
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    fn post_jobs(content_type: &str, body: impl Into<Body>) -> Request<Body> {
        Request::post("/jobs")
            .header(header::CONTENT_TYPE, content_type)
            .body(body.into())
            .unwrap()
    }

    // ANCHOR: bad_input
    #[tokio::test]
    async fn bad_input_is_refused_and_changes_nothing() {
        let json = "application/json";
        let huge = format!(
            r#"{{"kind":"wordcount","payload":{{"text":"{}"}}}}"#,
            "a".repeat(MAX_BODY)
        );
        let cases = [
            (
                "malformed JSON",
                post_jobs(json, "{"),
                StatusCode::BAD_REQUEST,
                "JSON",
            ),
            (
                "wrong content type",
                post_jobs("text/plain", "{}"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "application/json",
            ),
            (
                "unknown kind",
                post_jobs(json, r#"{"kind":"explode","payload":{}}"#),
                StatusCode::UNPROCESSABLE_ENTITY,
                "explode",
            ),
            (
                "sleep too long",
                post_jobs(json, r#"{"kind":"sleep","payload":{"ms":10001}}"#),
                StatusCode::UNPROCESSABLE_ENTITY,
                "10000",
            ),
            (
                "oversize body",
                post_jobs(json, huge),
                StatusCode::PAYLOAD_TOO_LARGE,
                "65536",
            ),
            (
                "unknown id",
                Request::get("/jobs/99").body(Body::empty()).unwrap(),
                StatusCode::NOT_FOUND,
                "99",
            ),
            (
                "malformed id",
                Request::get("/jobs/x").body(Body::empty()).unwrap(),
                StatusCode::NOT_FOUND,
                "x",
            ),
        ];
        for (name, request, want_status, want_words) in cases {
            let (queue, _workers) = start(4, 1);
            let (status, body) = call(&queue, request).await;
            assert_eq!(status, want_status, "{name}: {body}");
            let error = body["error"].as_str().unwrap_or_default();
            assert!(
                error.contains(want_words),
                "{name}: {error:?} should mention {want_words:?}"
            );
            assert_eq!(
                queue.stats(),
                Stats {
                    queue_capacity: 4,
                    ..Stats::default()
                },
                "{name}"
            );
        }
    }
    // ANCHOR_END: bad_input

    #[test]
    fn decodes_percent_encoded_unreserved_characters_only() {
        let cases = [
            ("/%68ealthz?a=%41", "/healthz?a=%41"),
            ("/jobs/%31%2F%2531", "/jobs/1%2F%2531"),
            ("/jobs/%7e%", "/jobs/~%"),
            ("/healthz", "/healthz"),
        ];
        for (sent, routed) in cases {
            let request = Request::get(sent).body(()).unwrap();
            assert_eq!(decode_unreserved(request).uri(), routed, "{sent}");
        }
    }

    #[test]
    fn takes_application_json_with_any_case_and_parameters() {
        let cases = [
            ("application/json", true),
            ("Application/JSON; charset=latin1", true),
            ("application/json ; garbage", true),
            ("application/problem+json", false),
            ("text/plain", false),
        ];
        for (content_type, want) in cases {
            let headers = HeaderMap::from_iter([(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type),
            )]);
            assert_eq!(is_json(&headers), want, "{content_type}");
        }
        assert!(!is_json(&HeaderMap::new()), "no Content-Type");
    }

    #[tokio::test]
    async fn accepts_a_job() {
        let (queue, _workers) = start(4, 1);
        let request = post_jobs(
            "application/json",
            r#"{"kind":"wordcount","payload":{"text":"a b"}}"#,
        );
        let response = router(Arc::clone(&queue), TIMEOUT)
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::ACCEPTED);
        assert_eq!(response.headers()[header::LOCATION], "/jobs/1");
        assert_eq!(queue.stats().accepted, 1);
    }

    #[tokio::test]
    async fn answers_503_while_draining() {
        let (queue, _workers) = start(4, 1);
        queue.close();
        for request in [
            Request::get("/healthz").body(Body::empty()).unwrap(),
            post_jobs("application/json", r#"{"kind":"sleep","payload":{"ms":1}}"#),
        ] {
            let (status, body) = call(&queue, request).await;
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        }
    }
}
