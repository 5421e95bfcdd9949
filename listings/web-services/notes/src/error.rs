//! How the service fails: one error type whose variants map to HTTP statuses.
//! Client mistakes carry a message for the client; database failures are
//! logged in full and answered with a body that reveals nothing about them.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
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
/// axum's own JSON rejections answer in plain text; these turn them into the
/// service's JSON errors, with the same statuses as the Go twin.
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
