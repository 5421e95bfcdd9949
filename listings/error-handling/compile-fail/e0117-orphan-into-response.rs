//! The orphan rule: a crate may implement a trait for a type only when it
//! defines one of the two. Here both come from elsewhere, axum's
//! `IntoResponse` and the standard library's `io::Error`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

impl IntoResponse for std::io::Error {
    fn into_response(self) -> Response {
        (StatusCode::INTERNAL_SERVER_ERROR, self.to_string()).into_response()
    }
}

fn main() {}
