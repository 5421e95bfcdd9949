//! Chat server, step 1: a WebSocket endpoint at `/ws` that sends every frame
//! back. Nothing about chat yet; only the upgrade and the receive loop.
//!
//! `cargo run -p chat-step-1-echo -- 127.0.0.1:8080`

use axum::Router;
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use tokio::net::TcpListener;

// ANCHOR: echo
fn app() -> Router {
    Router::new().route("/ws", get(upgrade))
}

/// The HTTP handler: agree to the upgrade, then hand the socket to `echo`,
/// which axum runs as a task of its own.
async fn upgrade(ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(echo)
}

async fn echo(mut socket: WebSocket) {
    // `recv` returns None once the client has gone.
    while let Some(Ok(frame)) = socket.recv().await {
        if socket.send(frame).await.is_err() {
            break;
        }
    }
}
// ANCHOR_END: echo

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let listener = TcpListener::bind(&addr).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app()).await
}

#[cfg(test)]
mod tests {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    // ANCHOR: test
    #[tokio::test]
    async fn sends_every_frame_back() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, super::app()).await });

        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
            .await
            .expect("the server upgrades /ws");
        for frame in [Message::text("hello"), Message::binary(vec![1, 2, 3])] {
            ws.send(frame.clone()).await.unwrap();
            assert_eq!(ws.next().await.unwrap().unwrap(), frame);
        }
    }
    // ANCHOR_END: test
}
