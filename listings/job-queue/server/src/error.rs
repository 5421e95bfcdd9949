//! Every way a request can go wrong, and the HTTP answer for each.
//!
//! Handlers return `Result<_, ApiError>`; `IntoResponse` turns the error
//! into a status code and a JSON body `{"error": "..."}` that says what was
//! wrong, so no handler builds an error response by hand.

use axum::Json;
use axum::extract::rejection::BytesRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::api::MAX_BODY;
use crate::jobs::BadSpec;
use crate::queue::SubmitError;

// ANCHOR: error
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("Content-Type must be application/json")]
    NotJson,
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("invalid job: {0}")]
    InvalidJob(String),
    #[error("the body is larger than {MAX_BODY} bytes")]
    TooLarge,
    #[error("the body did not arrive in time")]
    BodyTimeout,
    #[error("reading the body: {0}")]
    Unreadable(String),
    #[error("no job with id {0:?}")]
    NotFound(String),
    #[error("no route for {0}")]
    NoRoute(String),
    #[error("{0}: the method is not allowed")]
    MethodNotAllowed(String),
    #[error("the queue is full ({0} jobs waiting); retry later")]
    QueueFull(usize),
    /// Every 503: the queue closed, whether the middleware or `submit`
    /// found out first.
    #[error("the server is shutting down")]
    Draining,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::MalformedJson(_) | ApiError::Unreadable(_) => StatusCode::BAD_REQUEST,
            ApiError::InvalidJob(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::NotFound(_) | ApiError::NoRoute(_) => StatusCode::NOT_FOUND,
            // axum's router adds the `Allow` header.
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::QueueFull(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Draining => StatusCode::SERVICE_UNAVAILABLE,
        };
        let body = Json(json!({ "error": self.to_string() }));
        match status {
            // A full queue is a reason to come back, not to give up.
            StatusCode::TOO_MANY_REQUESTS => {
                (status, [(header::RETRY_AFTER, "1")], body).into_response()
            }
            // The rest of the body may still come; the connection is no
            // use for another request.
            StatusCode::REQUEST_TIMEOUT => {
                (status, [(header::CONNECTION, "close")], body).into_response()
            }
            _ => (status, body).into_response(),
        }
    }
}
// ANCHOR_END: error

impl From<BadSpec> for ApiError {
    fn from(bad: BadSpec) -> ApiError {
        match bad {
            BadSpec::Malformed(e) => ApiError::MalformedJson(e.to_string()),
            BadSpec::Invalid(why) => ApiError::InvalidJob(why),
        }
    }
}

/// The body could not be read: too large, or the connection failed.
impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> ApiError {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::Unreadable(rejection.body_text())
        }
    }
}

impl From<SubmitError> for ApiError {
    fn from(e: SubmitError) -> ApiError {
        match e {
            SubmitError::Full(waiting) => ApiError::QueueFull(waiting),
            SubmitError::Closed => ApiError::Draining,
        }
    }
}
