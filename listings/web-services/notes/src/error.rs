//! How the service fails: one error type whose variants map to HTTP statuses.
//! Client mistakes carry a message for the client; database failures are
//! logged in full and answered with a body that reveals nothing about them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::json;

// ANCHOR: error
/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The JSON was well formed but broke a rule (422).
    #[error("{0}")]
    Invalid(String),
    /// The request could not be read: bad JSON, bad query string (400).
    #[error("{0}")]
    BadRequest(String),
    /// The body was larger than the service accepts (413).
    #[error("request body is too large")]
    TooLarge,
    /// The request did not say it carries JSON (415).
    #[error("expected a JSON body (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("note {0} not found")]
    NotFound(i64),
    /// No route has this path (404).
    #[error("no such route")]
    NoRoute,
    /// The route exists, but not for this method (405; axum adds `Allow`).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request took longer than the service allows (503).
    #[error("request timed out")]
    Timeout,
    /// Anything that went wrong on our side; never shown to the client.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::NotFound(_) | ApiError::NoRoute => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(e) => {
                // The details go to the log, where the operator reads them;
                // the client learns only that it was not its fault.
                tracing::error!(error = %e, "database error");
                let body = Json(json!({ "error": "internal server error" }));
                return (StatusCode::INTERNAL_SERVER_ERROR, body).into_response();
            }
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}
// ANCHOR_END: error

// ANCHOR: rejections
/// `axum::extract::Query` and `Path`, whose rejections are `ApiError`s.
/// axum's own rejections answer in plain text; the derive maps them once,
/// through the `From` conversions below, instead of in every handler.
#[derive(FromRequestParts)]
#[from_request(via(Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// A JSON body, read as `axum::Json` reads it, with the contract's rule for
/// its media type (see [`is_json`]) in place of axum's, and `ApiError`s as
/// rejections.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = request.headers().get(CONTENT_TYPE);
        if !content_type.is_some_and(|value| is_json(value.as_bytes())) {
            return Err(ApiError::UnsupportedMediaType);
        }
        // Within `DefaultBodyLimit`, or a 413.
        let body = Bytes::from_request(request, state).await?;
        let Json(value) = Json::from_bytes(&body)?;
        Ok(ApiJson(value))
    }
}

/// Whether a `Content-Type` names JSON, by the rule both twins apply: the
/// media type before any `;`, without the spaces and tabs around it and in
/// any case, is `application/json` or `application/…+json`; parameters are
/// not looked at. (axum's `Json` parses the whole value with the `mime`
/// crate, which refuses `application/json ; charset=utf-8`, white space
/// that RFC 9110 allows and Go's `mime.ParseMediaType` accepts.)
pub fn is_json(content_type: &[u8]) -> bool {
    let essence = content_type
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default();
    let essence = essence.trim_ascii().to_ascii_lowercase();
    let Some(subtype) = essence.strip_prefix(b"application/") else {
        return false;
    };
    subtype == b"json" || (subtype.len() > 5 && subtype.ends_with(b"+json"))
}

/// The statuses the Go twin answers with.
impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
            JsonRejection::BytesRejection(_)
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                ApiError::TooLarge
            }
            other => ApiError::BadRequest(format!("invalid JSON: {}", other.body_text())),
        }
    }
}
// ANCHOR_END: rejections

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest(format!("invalid query: {}", rejection.body_text()))
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::BadRequest(format!("invalid JSON: {}", rejection.body_text()))
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        ApiError::BadRequest("note id must be an integer".into())
    }
}
