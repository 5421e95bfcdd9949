//! The handler of `compile-fail/e0277-handler-guard-across-await.rs`, with
//! `#[axum::debug_handler]`: the error now names the guard and the `.await`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::put;
use axum::{Json, Router};
use serde::Deserialize;

type Store = Arc<Mutex<HashMap<u32, String>>>;

#[derive(Deserialize)]
struct Rename {
    title: String,
}

/// Records a change somewhere slow; any `.await` would do.
async fn audit(id: u32) {
    tokio::task::yield_now().await;
    let _ = id;
}

#[axum::debug_handler]
async fn rename(
    State(store): State<Store>,
    Path(id): Path<u32>,
    Json(body): Json<Rename>,
) -> StatusCode {
    let mut titles = store.lock().unwrap();
    let Some(title) = titles.get_mut(&id) else {
        return StatusCode::NOT_FOUND;
    };
    *title = body.title;
    audit(id).await;
    StatusCode::NO_CONTENT
}

fn main() {
    let _app: Router = Router::new()
        .route("/notes/{id}", put(rename))
        .with_state(Store::default());
}
