//! Both routers on a real loopback socket, asked with raw HTTP/1.1 so the
//! test sees exactly what a client receives, including nothing at all.

use std::net::SocketAddr;

use axum::Router;
use sharp_edges_unwrap_in_handlers::{app, unwrapping_app};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Serves `router` on a free loopback port for the rest of the test.
async fn serve(router: Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

/// Sends one GET and returns every byte the server sent before closing.
async fn get(addr: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    // A reset instead of a clean close also means "no response".
    let _ = stream.read_to_end(&mut response).await;
    String::from_utf8(response).unwrap()
}

// ANCHOR: tests
#[tokio::test]
async fn a_panicking_handler_closes_that_connection_only() {
    let addr = serve(unwrapping_app()).await;
    for bad in ["/square?n=seven", "/square"] {
        // The panic message goes to stderr; the client gets zero bytes.
        assert_eq!(get(addr, bad).await, "", "{bad}");
    }
    let response = get(addr, "/square?n=7").await;
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(
        response.ends_with("\r\n\r\n49"),
        "the server still serves: {response}"
    );
}

#[tokio::test]
async fn errors_as_values_become_400_responses() {
    let addr = serve(app()).await;
    let cases = [
        ("/square?n=7", "200 OK", "49"),
        (
            "/square?n=seven",
            "400 Bad Request",
            "n: invalid digit found in string",
        ),
        (
            "/square?n=-1",
            "400 Bad Request",
            "n: invalid digit found in string",
        ),
        (
            "/square?n=4294967296",
            "400 Bad Request",
            "n: number too large to fit in target type",
        ),
        ("/square", "400 Bad Request", "missing query parameter n"),
    ];
    for (path, status, body) in cases {
        let response = get(addr, path).await;
        assert!(
            response.starts_with(&format!("HTTP/1.1 {status}")),
            "{path}: {response}"
        );
        assert!(
            response.ends_with(&format!("\r\n\r\n{body}")),
            "{path}: {response}"
        );
    }
}
// ANCHOR_END: tests
