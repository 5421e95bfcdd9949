//! The HTTP side, Go's `api.go`: the three routes, their JSON errors, and
//! the rate limit in front of `POST /links`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::limit::Limiter;
use crate::store::{Link, Store};

/// The largest request body accepted (Go's `maxBodyBytes`).
const MAX_BODY_BYTES: usize = 4 << 10;
/// The longest URL accepted (Go's `maxURLBytes`).
const MAX_URL_BYTES: usize = 2048;

// ANCHOR: routes
/// What the handlers share; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub limiter: Arc<Limiter>,
    /// `--client-header`: the header a trusted proxy sets to the client's
    /// address.
    pub client_header: Option<HeaderName>,
}

/// Go's `newHandler`. Two things are missing: bodies over `MAX_BODY_BYTES`
/// must be refused with 413 before they are parsed, and `POST /links`
/// (that route only) must go through `rate_limit` first.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/links", post(create))
        .route("/links/{code}", get(stats))
        .route("/{code}", get(follow))
        .with_state(state)
}
// ANCHOR_END: routes

// ANCHOR: error
/// Everything a handler can fail with. Each answers with its status and a
/// JSON body `{"error": "..."}`, as Go's `writeError` does; a database
/// error is logged and answered 500 without its details.
#[derive(Debug)]
pub enum ApiError {
    /// The body is not JSON, or not the JSON expected (400).
    BadRequest(String),
    /// The body is over `MAX_BODY_BYTES` (413).
    TooLarge,
    /// The URL breaks a rule (422).
    Invalid(String),
    /// No link has the code (404).
    NotFound,
    /// The client's bucket is empty (429), with the wait until it holds a
    /// token again, which the answer gives in whole seconds, rounded up, as
    /// its `Retry-After` header.
    TooManyRequests(Duration),
    /// Our fault (500).
    Database(sqlx::Error),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        todo!()
    }
}
// ANCHOR_END: error

// ANCHOR: handlers
/// The body of `POST /links`.
#[derive(Deserialize)]
struct NewLink {
    url: String,
}

/// `POST /links`: validate the URL, store it, and answer 201 Created with
/// the link as JSON and `Location: /links/{code}`. Malformed JSON is a 400,
/// and every failure a JSON error: axum's `Json` rejection answers in plain
/// text, which is why the body comes as a `Result` here.
async fn create(
    State(state): State<AppState>,
    body: Result<Json<NewLink>, JsonRejection>,
) -> Result<Response, ApiError> {
    todo!()
}

/// `GET /{code}`: count the hit and answer 302 Found with `Location` set to
/// the link's URL exactly as it was given; 404 when there is no such link.
async fn follow(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    todo!()
}

/// `GET /links/{code}`: the link as JSON, hits included; 404 when there is
/// no such link.
async fn stats(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Link>, ApiError> {
    todo!()
}
// ANCHOR_END: handlers

// ANCHOR: validate
/// Go's `validateURL`: an absolute `http` or `https` URL with a host (the
/// `url` crate parses it), of at most `MAX_URL_BYTES` bytes, all of them
/// printable ASCII (no spaces, no control characters).
fn validate_url(raw: &str) -> Result<(), ApiError> {
    todo!()
}
// ANCHOR_END: validate

// ANCHOR: limit
/// Go's `rateLimited`, for `axum::middleware::from_fn_with_state`: run the
/// request (`next.run(request)`) when its client has a token, answer
/// `ApiError::TooManyRequests` when not. The client is the value of the
/// `--client-header` header when that flag is given and the request has
/// it, and the peer's IP address otherwise.
async fn rate_limit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    todo!()
}
// ANCHOR_END: limit
