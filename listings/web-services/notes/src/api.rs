//! The HTTP side: routes, handlers and the middleware stack around them.
//! Handlers take typed extractors and return `Result<_, ApiError>`, so every
//! failure, including axum's own rejections, leaves as the same JSON shape.

use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, RawQuery, Request, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{BoxError, Json, Router};
use serde::{Deserialize, Serialize};
use tower::{Layer, ServiceBuilder};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::note::{NewNote, Note, Object};
use crate::store::Store;

/// The largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// How long a request may take before the client gets 503. Shorter than
/// SQLite's 5-second wait for a lock (see `Store::open`): no client waits
/// for the database longer than this.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(2);
/// Page sizes for `GET /notes`.
pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

// ANCHOR: router
/// The whole service as one value: routes, shared state and middleware.
pub fn router(store: Store) -> Router {
    let x_request_id = HeaderName::from_static("x-request-id");
    let middleware = ServiceBuilder::new()
        // Outermost first: give every request an id (unless the client sent
        // one), log it with the id, and copy the id onto the response.
        .layer(SetRequestIdLayer::new(
            x_request_id.clone(),
            MakeRequestUuid,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let id = request.headers().get("x-request-id");
                let id = id.and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", method = %request.method(), uri = %request.uri(), id)
            }),
        )
        .layer(PropagateRequestIdLayer::new(x_request_id))
        // tower's timeout fails with an error, which becomes our JSON 503.
        .layer(HandleErrorLayer::new(|_: BoxError| async {
            ApiError::Timeout
        }))
        .timeout(REQUEST_TIMEOUT);
    let routes = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/notes", get(list_notes).post(create_note))
        .route("/notes/{id}", get(get_note))
        // JSON for an unknown path and for a known one with the wrong method.
        .fallback(|| async { ApiError::NoRoute })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .with_state(store)
        // Applies to extractors that read the body (our `Json`), which turn
        // an oversize body into a rejection that `ApiError` renders as 413.
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    // A layer of `routes` would run after routing; the path is normalised
    // before, so the routes are wrapped in it, as the outer router's only
    // service.
    Router::new()
        .fallback_service(middleware::from_fn(normalise_path).layer(routes))
        .layer(middleware)
}
// ANCHOR_END: router

/// Routes a path as net/http does, which the contract follows: a `%` that
/// does not start an escape of two hex digits makes the request a 400; a
/// percent-escaped unreserved character (`%6E` for `n`) is the character
/// itself; and a path with an empty, `.` or `..` segment, written out or
/// escaped, is no route (`ServeMux` would redirect it to its cleaned form;
/// both twins answer 404 instead).
async fn normalise_path(mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !well_escaped(path) {
        return ApiError::BadRequest("malformed percent escape in the path".into()).into_response();
    }
    let decoded = percent_decode(path, |_| true);
    if decoded[1..]
        .split(|&b| b == b'/')
        .any(|segment| matches!(segment, b"" | b"." | b".."))
        && path != "/"
    {
        return ApiError::NoRoute.into_response();
    }
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
    let normal = percent_decode(path, unreserved);
    if normal != path.as_bytes() {
        // Only escapes of ASCII letters, digits and `-._~` were decoded, so
        // the result is still a valid path.
        let mut target = String::from_utf8(normal).expect("decoded ASCII");
        if let Some(query) = request.uri().query() {
            target = format!("{target}?{query}");
        }
        if let Ok(uri) = target.parse() {
            *request.uri_mut() = uri;
        }
    }
    next.run(request).await
}

/// `text` with each `%XX` escape whose byte passes `decode` replaced by it.
fn percent_decode(text: &str, decode: impl Fn(u8) -> bool) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok())
            .filter(|&b| decode(b));
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

// ANCHOR: create
async fn create_note(
    State(store): State<Store>,
    ApiJson(Object(new)): ApiJson<Object<NewNote>>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<Note>), ApiError> {
    new.validate().map_err(ApiError::Invalid)?;
    let note = store.create(&new).await?;
    let location = format!("/notes/{}", note.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(note),
    ))
}
// ANCHOR_END: create

// ANCHOR: get
async fn get_note(
    State(store): State<Store>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Note>, ApiError> {
    let note = store.get(id).await?.ok_or(ApiError::NotFound(id))?;
    Ok(Json(note))
}
// ANCHOR_END: get

// ANCHOR: list
/// The query string of `GET /notes?after=ID&limit=N`.
#[derive(Debug, Deserialize)]
struct ListParams {
    after: Option<i64>,
    limit: Option<i64>,
}

/// One page of notes, and the URL of the next page if there may be one.
#[derive(Debug, Serialize)]
struct Page {
    notes: Vec<Note>,
    next: Option<String>,
}

async fn list_notes(
    State(store): State<Store>,
    RawQuery(query): RawQuery,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<Page>, ApiError> {
    if query.as_deref().is_some_and(|q| !well_formed(q)) {
        return Err(ApiError::BadRequest("invalid query: malformed".into()));
    }
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        let message = format!("limit must be between 1 and {MAX_LIMIT}");
        return Err(ApiError::BadRequest(message));
    }
    // Ask for one more than a page: if it comes back, there is a next page.
    let mut notes = store.list(params.after.unwrap_or(0), limit + 1).await?;
    let next = if notes.len() as i64 > limit {
        notes.truncate(limit as usize);
        let last = notes.last().map_or(0, |n| n.id);
        Some(format!("/notes?after={last}&limit={limit}"))
    } else {
        None
    };
    Ok(Json(Page { notes, next }))
}

/// Whether Go's `url.ParseQuery` reads `query` without an error, as the
/// contract asks: pairs are separated by `&` alone (a `;` is refused), and
/// every `%` starts an escape of two hex digits.
fn well_formed(query: &str) -> bool {
    !query.contains(';') && well_escaped(query)
}

/// Whether every `%` in `text` starts an escape of two hex digits.
fn well_escaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    })
}
// ANCHOR_END: list

#[cfg(test)]
mod tests {
    //! The router in memory: requests go through `oneshot`, with no socket.
    use super::*;
    use crate::error::is_json;
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    // ANCHOR: oneshot
    async fn send(app: &Router, request: Request<Body>) -> (StatusCode, serde_json::Value) {
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or_default())
    }

    fn post_json(body: &str) -> Request<Body> {
        Request::post("/notes")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap()
    }

    #[tokio::test]
    async fn statuses_for_good_and_bad_requests() {
        let app = router(Store::in_memory().await.unwrap());
        let cases = [
            ("created", post_json(r#"{"title":"a","body":"b"}"#), 201),
            ("empty title", post_json(r#"{"title":"","body":"b"}"#), 422),
            ("missing title", post_json(r#"{"body":"b"}"#), 422),
            ("not JSON", post_json("{"), 400),
            ("wrong type", post_json(r#"{"title":5}"#), 400),
            (
                "unknown id",
                Request::get("/notes/99").body(Body::empty()).unwrap(),
                404,
            ),
            (
                "bad id",
                Request::get("/notes/x").body(Body::empty()).unwrap(),
                400,
            ),
            (
                "bad limit",
                Request::get("/notes?limit=0").body(Body::empty()).unwrap(),
                400,
            ),
            (
                "bad after",
                Request::get("/notes?after=x").body(Body::empty()).unwrap(),
                400,
            ),
            ("an array", post_json(r#"["a","b"]"#), 400),
            ("an unknown key", post_json(r#"{"title":"a","x":1}"#), 400),
            (
                "unknown route",
                Request::get("/nope").body(Body::empty()).unwrap(),
                404,
            ),
            (
                "dot segment",
                Request::get("/notes/./1").body(Body::empty()).unwrap(),
                404,
            ),
            (
                "wrong method",
                Request::delete("/notes").body(Body::empty()).unwrap(),
                405,
            ),
            (
                "malformed query",
                Request::get("/notes?x=%zz").body(Body::empty()).unwrap(),
                400,
            ),
        ];
        for (case, request, want) in cases {
            let (status, body) = send(&app, request).await;
            assert_eq!(status.as_u16(), want, "{case}: {body}");
            if want >= 400 {
                assert!(body["error"].is_string(), "{case}: error body {body}");
            }
        }
    }

    // ANCHOR_END: oneshot

    #[test]
    fn json_media_types() {
        let cases = [
            ("application/json", true),
            ("Application/JSON ; charset=utf-8", true),
            ("application/vnd.api+json", true),
            ("application/+json", false),
            ("application/json+x", false),
            ("text/json", false),
            ("", false),
        ];
        for (content_type, want) in cases {
            assert_eq!(is_json(content_type.as_bytes()), want, "{content_type:?}");
        }
    }

    #[test]
    fn escaped_unreserved_characters_are_decoded() {
        let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
        assert_eq!(percent_decode("/%6Eotes/%31", unreserved), b"/notes/1");
        assert_eq!(percent_decode("/a%2Fb%zz%", unreserved), b"/a%2Fb%zz%");
        assert!(!well_formed("a=1;b=2") && !well_formed("a=%z1") && well_formed("a=%41&b"));
    }

    #[tokio::test]
    async fn pages_link_to_the_next_page() {
        let app = router(Store::in_memory().await.unwrap());
        for title in ["a", "b", "c"] {
            let (status, _) = send(&app, post_json(&format!(r#"{{"title":"{title}"}}"#))).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let list = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();
        let (_, page) = send(&app, list("/notes?limit=2")).await;
        assert_eq!(page["notes"].as_array().unwrap().len(), 2);
        let next = page["next"].as_str().unwrap().to_owned();
        let (_, page) = send(&app, list(&next)).await;
        assert_eq!(page["notes"][0]["title"], "c");
        assert!(page["next"].is_null());
    }
}
