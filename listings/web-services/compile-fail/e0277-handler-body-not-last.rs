//! `Json` reads the request body, so axum accepts it only as a handler's
//! last argument. Here it comes before `Path`, and the route says only that
//! `rename` is not a `Handler`.

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

async fn rename(
    State(store): State<Store>,
    Json(body): Json<Rename>,
    Path(id): Path<u32>,
) -> StatusCode {
    let mut titles = store.lock().unwrap();
    match titles.get_mut(&id) {
        Some(title) => {
            *title = body.title;
            StatusCode::NO_CONTENT
        }
        None => StatusCode::NOT_FOUND,
    }
}

fn main() {
    let _app: Router = Router::new()
        .route("/notes/{id}", put(rename))
        .with_state(Store::default());
}
