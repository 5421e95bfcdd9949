//! A handler axum accepts: the extractor that consumes the body comes last,
//! and the future holds nothing that is not `Send` across an `.await`.
//! `#[axum::debug_handler]` checks both and names the rule that is broken;
//! `tests/ui` holds what it says. The Rust side of "when a function is not
//! a Handler" in the "web services" chapter, beside `rename.go`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{Request, StatusCode};
use axum::routing::put;
use serde::Deserialize;
use tower::ServiceExt;

/// Note titles by id, shared by every request.
pub type Store = Arc<Mutex<HashMap<u32, String>>>;

/// The body of a rename request.
#[derive(Deserialize)]
pub struct Rename {
    pub title: String,
}

// ANCHOR: rename
/// Gives note `id` the title in the JSON body. The extractors that read the
/// request's head come first, and `Json`, which consumes the body, last.
/// The lock is taken and released with no `.await` in between.
#[axum::debug_handler]
pub async fn rename(
    State(store): State<Store>,
    Path(id): Path<u32>,
    Json(body): Json<Rename>,
) -> StatusCode {
    let mut titles = store.lock().expect("the store's lock is poisoned");
    match titles.get_mut(&id) {
        Some(title) => {
            *title = body.title;
            StatusCode::NO_CONTENT
        }
        None => StatusCode::NOT_FOUND,
    }
}
// ANCHOR_END: rename

/// Serves `rename` at `PUT /notes/{id}`.
pub fn app(store: Store) -> Router {
    Router::new()
        .route("/notes/{id}", put(rename))
        .with_state(store)
}

/// Sends one `PUT` with a JSON body through the router, as a client would.
pub async fn put_json(app: Router, path: &str, body: &'static str) -> StatusCode {
    let request = Request::put(path)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("the request is well formed");
    let response = app.oneshot(request).await.expect("the router never fails");
    response.status()
}

#[tokio::main]
async fn main() {
    let store = Store::default();
    store.lock().unwrap().insert(1, "shopping".to_owned());
    let status = put_json(app(store.clone()), "/notes/1", r#"{"title":"groceries"}"#).await;
    println!("{status}: {}", store.lock().unwrap()[&1]);
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROCERIES: &str = r#"{"title":"groceries"}"#;

    #[tokio::test]
    async fn rename_answers_as_the_go_handler_does() {
        let cases = [
            ("renamed", "/notes/1", GROCERIES, StatusCode::NO_CONTENT),
            ("unknown id", "/notes/9", GROCERIES, StatusCode::NOT_FOUND),
            (
                "id not a number",
                "/notes/one",
                GROCERIES,
                StatusCode::BAD_REQUEST,
            ),
            ("body not JSON", "/notes/1", "{", StatusCode::BAD_REQUEST),
        ];
        for (name, path, body, want) in cases {
            let store = Store::default();
            store.lock().unwrap().insert(1, "shopping".to_owned());
            let status = put_json(app(store.clone()), path, body).await;
            assert_eq!(status, want, "{name}: status");
            let title = store.lock().unwrap()[&1].clone();
            let renamed = want == StatusCode::NO_CONTENT;
            assert_eq!(
                title,
                if renamed { "groceries" } else { "shopping" },
                "{name}: title"
            );
        }
    }
}
