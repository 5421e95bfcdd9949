//! `unwrap` in a request handler. `GET /square?n=7` answers `49`. The
//! unwrapping router panics on a missing or malformed `n`; axum does not
//! catch panics, so the task serving that connection unwinds and the client
//! sees the connection close with no response at all, while the server
//! goes on serving everyone else. The fixed router turns the same failures
//! into a `400 Bad Request` with `?` and an error type that implements
//! `IntoResponse`. Part of the "Sharp edges" chapter.

use std::collections::HashMap;
use std::num::ParseIntError;

use axum::Router;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

// ANCHOR: unwrapping
/// Panics when `n` is missing (the index) or not a number (the unwrap).
async fn square_unwrapping(Query(params): Query<HashMap<String, String>>) -> String {
    let n: u32 = params["n"].parse().unwrap();
    (u64::from(n) * u64::from(n)).to_string()
}

pub fn unwrapping_app() -> Router {
    Router::new().route("/square", get(square_unwrapping))
}
// ANCHOR_END: unwrapping

// ANCHOR: fixed
/// What can be wrong with a request, and the response each case becomes.
#[derive(Debug)]
pub enum ApiError {
    Missing(&'static str),
    NotANumber(ParseIntError),
}

impl From<ParseIntError> for ApiError {
    fn from(err: ParseIntError) -> Self {
        ApiError::NotANumber(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let message = match self {
            ApiError::Missing(name) => format!("missing query parameter {name}"),
            ApiError::NotANumber(err) => format!("n: {err}"),
        };
        (StatusCode::BAD_REQUEST, message).into_response()
    }
}

/// The same handler with `?`: each failure is a value, and axum turns it
/// into a response through `IntoResponse`.
async fn square(Query(params): Query<HashMap<String, String>>) -> Result<String, ApiError> {
    let n: u32 = params.get("n").ok_or(ApiError::Missing("n"))?.parse()?;
    Ok((u64::from(n) * u64::from(n)).to_string())
}

pub fn app() -> Router {
    Router::new().route("/square", get(square))
}
// ANCHOR_END: fixed
