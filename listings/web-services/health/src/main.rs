//! The smallest useful axum server: one route that says the process is up.
//! The web-services chapter starts here before building the notes service.

// ANCHOR: server
use axum::{Router, routing::get};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app()).await
}

fn app() -> Router {
    Router::new().route("/healthz", get(healthz))
}

async fn healthz() -> &'static str {
    "ok"
}
// ANCHOR_END: server

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    #[tokio::test]
    async fn healthz_says_ok() {
        let cases = [
            ("GET", "/healthz", StatusCode::OK),
            ("POST", "/healthz", StatusCode::METHOD_NOT_ALLOWED),
            ("GET", "/nope", StatusCode::NOT_FOUND),
        ];
        for (method, uri, want) in cases {
            let request = Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())
                .unwrap();
            let response = super::app().oneshot(request).await.unwrap();
            assert_eq!(response.status(), want, "{method} {uri}");
            if want == StatusCode::OK {
                let body = response.into_body().collect().await.unwrap().to_bytes();
                assert_eq!(body, "ok");
            }
        }
    }
}
