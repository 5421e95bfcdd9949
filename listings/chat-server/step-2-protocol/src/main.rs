//! Chat server, step 2: every text frame is parsed into one enum, and each
//! kind of message gets its answer. Still one client talking to itself;
//! the room comes in step 3.
//!
//! `cargo run -p chat-step-2-protocol -- 127.0.0.1:8080`

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

// ANCHOR: protocol
/// A client frame. `#[serde(tag = "type")]` reads the variant's name from
/// the `type` field: `{"type":"join","name":"ada"}` is `Join`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    Join { name: String },
    Message { text: String },
    Leave,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ServerMessage {
    Joined { name: String },
    Message { from: String, text: String },
    Left { name: String },
    Error { code: &'static str, message: String },
}
// ANCHOR_END: protocol

// ANCHOR: answer
/// The answer to one frame from a client whose name so far is `name`.
fn answer(name: &mut Option<String>, frame: &str) -> ServerMessage {
    let message = match serde_json::from_str::<ClientMessage>(frame) {
        Ok(message) => message,
        Err(e) => {
            return ServerMessage::Error {
                code: "bad_message",
                message: e.to_string(),
            };
        }
    };
    match message {
        ClientMessage::Join { name: new } => {
            *name = Some(new.clone());
            ServerMessage::Joined { name: new }
        }
        ClientMessage::Message { text } => match name {
            Some(from) => ServerMessage::Message {
                from: from.clone(),
                text,
            },
            None => ServerMessage::Error {
                code: "not_joined",
                message: "join first".into(),
            },
        },
        ClientMessage::Leave => ServerMessage::Left {
            name: name.take().unwrap_or_default(),
        },
    }
}
// ANCHOR_END: answer

async fn serve(mut socket: WebSocket) {
    let mut name = None;
    while let Some(Ok(frame)) = socket.recv().await {
        let Message::Text(frame) = frame else {
            continue;
        };
        let reply = serde_json::to_string(&answer(&mut name, &frame)).expect("serializes");
        if socket.send(Message::Text(reply.into())).await.is_err() {
            break;
        }
    }
}

fn app() -> Router {
    Router::new().route("/ws", get(upgrade))
}

async fn upgrade(ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(serve)
}

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
    use super::*;
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite;

    // ANCHOR: tests
    #[test]
    fn answers_each_kind_of_message() {
        let cases = [
            (
                r#"{"type":"message","text":"hi"}"#,
                r#"{"type":"error","code":"not_joined","message":"join first"}"#,
            ),
            (
                r#"{"type":"join","name":"ada"}"#,
                r#"{"type":"joined","name":"ada"}"#,
            ),
            (
                r#"{"type":"message","text":"hi"}"#,
                r#"{"type":"message","from":"ada","text":"hi"}"#,
            ),
            (r#"{"type":"leave"}"#, r#"{"type":"left","name":"ada"}"#),
        ];
        let mut name = None;
        for (frame, want) in cases {
            let got = serde_json::to_string(&answer(&mut name, frame)).unwrap();
            assert_eq!(got, want, "answer to {frame}");
        }
    }

    #[test]
    fn unknown_types_and_garbage_get_an_error() {
        for frame in [r#"{"type":"shout"}"#, "{not json", r#"{"type":"join"}"#] {
            let answer = answer(&mut None, frame);
            assert!(
                matches!(
                    answer,
                    ServerMessage::Error {
                        code: "bad_message",
                        ..
                    }
                ),
                "{frame}: {answer:?}"
            );
        }
    }
    // ANCHOR_END: tests

    #[tokio::test]
    async fn answers_over_a_websocket() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app()).await });
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
            .await
            .unwrap();
        ws.send(tungstenite::Message::text(
            r#"{"type":"join","name":"ada"}"#,
        ))
        .await
        .unwrap();
        let reply = ws.next().await.unwrap().unwrap();
        assert_eq!(
            reply.to_text().unwrap(),
            r#"{"type":"joined","name":"ada"}"#
        );
    }
}
