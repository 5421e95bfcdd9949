//! The user store behind two HTTP routes, and the one place where its
//! errors become responses: `IntoResponse` for `ApiError`, a status code
//! per variant. Handlers return `Result<_, ApiError>` and use `?`; they
//! never build an error response by hand.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use error_handling_user_store::{UserError, UserStore, report};

// ANCHOR: api_error
/// The web layer's error. `UserError` and `IntoResponse` both come from
/// other crates, and Rust's orphan rule forbids implementing a foreign
/// trait for a foreign type, so the error is wrapped in a type of ours.
#[derive(Debug)]
pub struct ApiError(UserError);

/// Lets handlers apply `?` to the store's results.
impl From<UserError> for ApiError {
    fn from(err: UserError) -> Self {
        ApiError(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // No `_` arm: a new variant of UserError stops this crate from
        // compiling until someone picks its status code.
        let status = match &self.0 {
            UserError::NotFound(_) => StatusCode::NOT_FOUND,
            UserError::AlreadyExists(_) => StatusCode::CONFLICT,
            UserError::InvalidName(_) => StatusCode::UNPROCESSABLE_ENTITY,
            UserError::Storage(_) => {
                // The chain names files and system errors: it goes to the
                // server's log, and the client gets no details.
                tracing::error!("{}", report(&self.0));
                return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
            }
        };
        (status, self.0.to_string()).into_response()
    }
}
// ANCHOR_END: api_error

/// The store, shared by all requests.
type Shared = Arc<Mutex<UserStore>>;

/// The largest body `POST /users` reads, as in the Go twin; axum answers
/// a longer one with 413.
const MAX_BODY: usize = 64 * 1024;

// ANCHOR: handlers
/// Runs `call` on the store in a thread of tokio's blocking pool. `add`
/// writes the file and waits for the disk while it holds the lock, so a
/// `get` may wait too: neither may hold up the async worker threads.
async fn with_store<T: Send + 'static>(
    store: Shared,
    call: impl FnOnce(&mut UserStore) -> T + Send + 'static,
) -> T {
    tokio::task::spawn_blocking(move || call(&mut store.lock().unwrap()))
        .await
        .expect("the store does not panic")
}

async fn get_user(State(store): State<Shared>, Path(id): Path<u64>) -> Result<String, ApiError> {
    let user = with_store(store, move |store| store.get(id)).await?;
    Ok(user.name)
}

async fn add_user(
    State(store): State<Shared>,
    name: String,
) -> Result<impl IntoResponse, ApiError> {
    let user = with_store(store, move |store| store.add(name.trim())).await?;
    let location = format!("/users/{}", user.id);
    let headers = [(header::LOCATION, location.clone())];
    Ok((StatusCode::CREATED, headers, location))
}

/// The routes: `GET /users/{id}` and `POST /users` with the name as body.
pub fn app(store: UserStore) -> Router {
    Router::new()
        .route("/users/{id}", get(get_user))
        .route("/users", post(add_user))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(Arc::new(Mutex::new(store)))
}
// ANCHOR_END: handlers

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};
    use axum::http::{Method, Request};
    use tower::ServiceExt;

    /// Sends one request to the router, without a network, and returns
    /// the status and the body. A new user's address must be in
    /// `Location` as well as the body.
    async fn send(app: &Router, method: Method, uri: &str, body: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::from(body.to_owned()))
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let location = response.headers().get(header::LOCATION).cloned();
        let bytes = to_bytes(response.into_body(), 64 * 1024).await.unwrap();
        let body = String::from_utf8(bytes.to_vec()).unwrap();
        if status == StatusCode::CREATED {
            assert_eq!(
                location.as_ref().map(|l| l.to_str().unwrap()),
                Some(body.as_str()),
                "{uri}"
            );
        }
        (status, body)
    }

    #[tokio::test]
    async fn each_error_gets_its_status() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let app = app(UserStore::open(dir.join("users.txt")).unwrap());
        // The store's file is in a directory that does not exist, so every
        // write fails: the storage case.
        let broken = super::app(UserStore::open(dir.join("missing/users.txt")).unwrap());

        let cases = [
            (
                "add",
                &app,
                Method::POST,
                "/users",
                "ana",
                StatusCode::CREATED,
                "/users/1",
            ),
            (
                "get",
                &app,
                Method::GET,
                "/users/1",
                "",
                StatusCode::OK,
                "ana",
            ),
            (
                "unknown id",
                &app,
                Method::GET,
                "/users/9",
                "",
                StatusCode::NOT_FOUND,
                "no user with id 9",
            ),
            (
                "name taken",
                &app,
                Method::POST,
                "/users",
                "ana",
                StatusCode::CONFLICT,
                r#"a user named "ana" already exists"#,
            ),
            (
                "empty name",
                &app,
                Method::POST,
                "/users",
                " ",
                StatusCode::UNPROCESSABLE_ENTITY,
                r#"a user name must be one non-empty line, not """#,
            ),
            (
                "storage hides its details",
                &broken,
                Method::POST,
                "/users",
                "bo",
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
            ),
        ];
        for (case, app, method, uri, body, want_status, want_body) in cases {
            let (status, got) = send(app, method, uri, body).await;
            assert_eq!((status, got.as_str()), (want_status, want_body), "{case}");
        }
    }

    /// A name longer than the limit is refused, not stored cut short.
    /// The 413 comes from axum's `String` extractor, with axum's text.
    #[tokio::test]
    async fn a_body_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(UserStore::open(dir.path().join("users.txt")).unwrap());
        let name = "a".repeat(MAX_BODY + 1);
        let (status, body) = send(&app, Method::POST, "/users", &name).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    }

    /// An id that is not a number never reaches the handler: axum's `Path`
    /// extractor rejects it with its own 400 response.
    #[tokio::test]
    async fn a_bad_id_is_rejected_before_the_handler() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(UserStore::open(dir.path().join("users.txt")).unwrap());
        let (status, body) = send(&app, Method::GET, "/users/ana", "").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }
}
// ANCHOR_END: tests
