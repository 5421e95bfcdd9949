//! Chat server, step 3: a room. A client joins with its first frame; then
//! its socket is split in two. A reader task publishes what the client says
//! on a broadcast channel, and a writer task sends the client everything
//! the room publishes. Neither waits for the other.
//!
//! `cargo run -p chat-step-3-broadcast -- 127.0.0.1:8080`

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::sync::broadcast::{self, error::RecvError};

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    Join { name: String },
    Message { text: String },
    Leave,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ServerMessage {
    Joined { name: String },
    Message { from: String, text: String },
    Left { name: String },
    Error { code: &'static str, message: String },
}

// ANCHOR: room
/// The room is the sending half of a broadcast channel; cloning it is cheap.
/// The channel keeps the last `capacity` messages for receivers that fall
/// behind, and no more.
#[derive(Clone)]
struct Room {
    events: broadcast::Sender<ServerMessage>,
}

impl Room {
    fn new(capacity: usize) -> Room {
        Room {
            events: broadcast::channel(capacity).0,
        }
    }

    /// Sending fails only when no one is listening; then no one missed it.
    fn publish(&self, message: ServerMessage) {
        let _ = self.events.send(message);
    }
}
// ANCHOR_END: room

fn app(room: Room) -> Router {
    Router::new().route("/ws", get(upgrade)).with_state(room)
}

async fn upgrade(ws: WebSocketUpgrade, State(room): State<Room>) -> Response {
    ws.on_upgrade(move |socket| serve(socket, room))
}

// ANCHOR: serve
async fn serve(mut socket: WebSocket, room: Room) {
    let Some(name) = first_join(&mut socket).await else {
        return;
    };
    // Subscribe before announcing, so the client hears its own join.
    let events = room.events.subscribe();
    room.publish(ServerMessage::Joined { name: name.clone() });

    let (sink, stream) = socket.split();
    let mut writer = tokio::spawn(write_loop(sink, events));
    let mut reader = tokio::spawn(read_loop(stream, room.clone(), name.clone()));
    // When one half ends (the client left, or stopped taking frames), the
    // other has nothing left to do.
    tokio::select! {
        _ = &mut writer => reader.abort(),
        _ = &mut reader => writer.abort(),
    }
    room.publish(ServerMessage::Left { name });
}
// ANCHOR_END: serve

/// Reads frames until a `join`; `None` if the client goes away first.
async fn first_join(socket: &mut WebSocket) -> Option<String> {
    loop {
        let Message::Text(frame) = socket.recv().await?.ok()? else {
            continue;
        };
        if let Ok(ClientMessage::Join { name }) = serde_json::from_str(&frame) {
            return Some(name);
        }
        let refusal = error("not_joined", "send join first".into());
        socket.send(text(&refusal)).await.ok()?;
    }
}

// ANCHOR: halves
async fn read_loop(mut stream: SplitStream<WebSocket>, room: Room, name: String) {
    while let Some(Ok(frame)) = stream.next().await {
        let Message::Text(frame) = frame else {
            continue;
        };
        match serde_json::from_str(&frame) {
            Ok(ClientMessage::Message { text }) => {
                room.publish(ServerMessage::Message {
                    from: name.clone(),
                    text,
                });
            }
            Ok(ClientMessage::Leave) => return,
            // The finished server answers these with an error frame,
            // handed to the writer, which owns the sending half.
            Ok(ClientMessage::Join { .. }) | Err(_) => {}
        }
    }
}

async fn write_loop(
    mut sink: SplitSink<WebSocket, Message>,
    mut events: broadcast::Receiver<ServerMessage>,
) {
    loop {
        let message = match events.recv().await {
            Ok(message) => message,
            // Fell behind by more than the channel keeps: say so, go on
            // from the oldest message still there.
            Err(RecvError::Lagged(missed)) => error("lagged", format!("missed {missed} messages")),
            Err(RecvError::Closed) => return,
        };
        if sink.send(text(&message)).await.is_err() {
            return;
        }
    }
}
// ANCHOR_END: halves

fn error(code: &'static str, message: String) -> ServerMessage {
    ServerMessage::Error { code, message }
}

fn text(message: &ServerMessage) -> Message {
    Message::Text(serde_json::to_string(message).expect("serializes").into())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let listener = TcpListener::bind(&addr).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app(Room::new(64))).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use tokio_tungstenite::tungstenite;

    type Client = tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >;

    async fn start() -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app(Room::new(16))).await });
        addr
    }

    async fn join(addr: std::net::SocketAddr, name: &str) -> Client {
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
            .await
            .unwrap();
        send(&mut ws, json!({"type": "join", "name": name})).await;
        assert_eq!(recv(&mut ws).await, json!({"type": "joined", "name": name}));
        ws
    }

    async fn send(ws: &mut Client, frame: Value) {
        ws.send(tungstenite::Message::text(frame.to_string()))
            .await
            .unwrap();
    }

    async fn recv(ws: &mut Client) -> Value {
        let frame = ws.next().await.expect("a frame").expect("no error");
        serde_json::from_str(frame.to_text().unwrap()).unwrap()
    }

    #[tokio::test]
    async fn a_message_reaches_every_member() {
        let addr = start().await;
        let mut ada = join(addr, "ada").await;
        let mut bob = join(addr, "bob").await;
        assert_eq!(
            recv(&mut ada).await,
            json!({"type": "joined", "name": "bob"})
        );
        send(&mut ada, json!({"type": "message", "text": "hi"})).await;
        for ws in [&mut ada, &mut bob] {
            assert_eq!(
                recv(ws).await,
                json!({"type": "message", "from": "ada", "text": "hi"})
            );
        }
        send(&mut bob, json!({"type": "leave"})).await;
        assert_eq!(recv(&mut ada).await, json!({"type": "left", "name": "bob"}));
    }
}
