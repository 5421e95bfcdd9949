//! The HTTP side: the three routes, their JSON errors, and the rate limit
//! in front of `POST /links`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Request, State};
use axum::http::header::{LOCATION, RETRY_AFTER};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use tower_http::timeout::TimeoutLayer;
use url::Url;

use crate::limit::Limiter;
use crate::store::{Link, Store};

/// The largest request body accepted.
const MAX_BODY_BYTES: usize = 4 << 10;
/// The longest URL accepted.
const MAX_URL_BYTES: usize = 2048;
/// How long a request may take before the client gets 503.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

// ANCHOR: routes
/// What the handlers share; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub limiter: Arc<Limiter>,
    /// The header a trusted proxy sets to the client's address.
    pub client_header: Option<HeaderName>,
}

/// The whole service as one value: routes, shared state and middleware.
pub fn router(state: AppState) -> Router {
    let limit = middleware::from_fn_with_state(state.clone(), rate_limit);
    Router::new()
        .route("/links", post(create).route_layer(limit))
        .route("/links/{code}", get(stats))
        .route("/{code}", get(follow))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .with_state(state)
}
// ANCHOR_END: routes

// ANCHOR: error
/// Everything a handler can fail with; each answers `{"error": "..."}`.
#[derive(Debug)]
pub enum ApiError {
    /// The body is not the JSON expected (400; 415 without a JSON type).
    BadRequest(StatusCode, String),
    /// The body is over `MAX_BODY_BYTES` (413).
    TooLarge,
    /// The URL breaks a rule (422).
    Invalid(String),
    NotFound,
    /// The client's bucket is empty; it may try again after this long.
    TooManyRequests(Duration),
    /// Our fault: logged, and never shown to the client.
    Database(sqlx::Error),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::BadRequest(status, message) => (status, message),
            ApiError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "request body is too large".into(),
            ),
            ApiError::Invalid(why) => (StatusCode::UNPROCESSABLE_ENTITY, why),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "no such link".into()),
            ApiError::TooManyRequests(wait) => {
                let seconds = wait.as_millis().div_ceil(1000).to_string();
                let body = Json(json!({ "error": "too many requests" }));
                let headers = [(RETRY_AFTER, seconds)];
                return (StatusCode::TOO_MANY_REQUESTS, headers, body).into_response();
            }
            ApiError::Database(e) => {
                eprintln!("database error: {e}");
                let status = StatusCode::INTERNAL_SERVER_ERROR;
                (status, "internal server error".into())
            }
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::Database(e)
    }
}

/// axum's rejections answer in plain text; these are the service's.
impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ApiError::BadRequest(rejection.status(), rejection.body_text())
            }
            _ => ApiError::BadRequest(
                StatusCode::BAD_REQUEST,
                format!("invalid JSON: {}", rejection.body_text()),
            ),
        }
    }
}
// ANCHOR_END: error

// ANCHOR: handlers
#[derive(Deserialize)]
struct NewLink {
    /// Missing reads as "", which validation refuses, as in Go.
    #[serde(default)]
    url: String,
}

async fn create(
    State(state): State<AppState>,
    body: Result<Json<NewLink>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Json(new) = body?;
    validate_url(&new.url)?;
    let link = state.store.create(&new.url).await?;
    let location = [(LOCATION, format!("/links/{}", link.code))];
    Ok((StatusCode::CREATED, location, Json(link)))
}

/// 302, not `Redirect::permanent` (308): a permanent redirect may be cached
/// by the browser, which would then skip the service and the hit count.
/// axum's `Redirect::to` is a 303.
async fn follow(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let url = state.store.follow(&code).await?.ok_or(ApiError::NotFound)?;
    Ok((StatusCode::FOUND, [(LOCATION, url)]))
}

async fn stats(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Link>, ApiError> {
    let link = state.store.get(&code).await?.ok_or(ApiError::NotFound)?;
    Ok(Json(link))
}
// ANCHOR_END: handlers

// ANCHOR: validate
/// An absolute http or https URL with a host, of at most `MAX_URL_BYTES`
/// bytes of printable ASCII (so that it goes back out as a `Location`
/// header as it came in).
fn validate_url(raw: &str) -> Result<(), ApiError> {
    if raw.len() > MAX_URL_BYTES {
        let why = format!("url is longer than {MAX_URL_BYTES} bytes");
        return Err(ApiError::Invalid(why));
    }
    if !raw.bytes().all(|b| b.is_ascii_graphic()) {
        let why = "url must be printable ASCII without spaces";
        return Err(ApiError::Invalid(why.into()));
    }
    match Url::parse(raw) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(()),
        _ => Err(ApiError::Invalid(
            "url must be an absolute http or https URL".into(),
        )),
    }
}
// ANCHOR_END: validate

// ANCHOR: limit
/// Lets the request through when its client has a token left; 429 with
/// `Retry-After` otherwise. The client is the configured header's value
/// when it is set and present, the peer's IP address otherwise.
async fn rate_limit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let client = state
        .client_header
        .as_ref()
        .and_then(|name| request.headers().get(name))
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty())
        .map_or_else(|| peer.ip().to_string(), str::to_owned);
    match state.limiter.allow(&client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => ApiError::TooManyRequests(wait).into_response(),
    }
}
// ANCHOR_END: limit

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules of Go's `validateURL`, which the suite checks end to end.
    #[test]
    fn accepts_absolute_web_urls_only() {
        let cases = [
            ("https://example.com/a?b=c", true),
            ("HTTP://EXAMPLE.COM", true),
            ("", false),
            ("example.com", false),
            ("ftp://example.com/", false),
            ("http://", false),
            ("http://example.com/a b", false),
            ("http://example.com/caf\u{e9}", false),
        ];
        for (url, ok) in cases {
            assert_eq!(validate_url(url).is_ok(), ok, "{url:?}");
        }
    }

    /// Why the URL is stored as it came, not as `Url` prints it: the suite
    /// wants it back exactly.
    #[test]
    fn url_would_add_a_slash() {
        let parsed = Url::parse("http://example.com").unwrap();
        assert_eq!(parsed.as_str(), "http://example.com/");
    }
}
