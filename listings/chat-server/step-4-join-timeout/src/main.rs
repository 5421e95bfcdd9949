//! Chat server, step 4: step 3 with limits on what a client may cost us. It
//! must join within the join timeout or is told so and disconnected, and no
//! frame may be larger than `MAX_MESSAGE_BYTES`.
//!
//! `cargo run -p chat-step-4-join-timeout -- 127.0.0.1:8080`

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::response::Response;
use axum::routing::get;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{self, Duration};

/// The largest frame a client may send; tungstenite refuses larger ones
/// before reading them.
const MAX_MESSAGE_BYTES: usize = 4096;

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

#[derive(Clone)]
struct App {
    room: Room,
    join_timeout: Duration,
}

fn app(app: App) -> Router {
    Router::new().route("/ws", get(upgrade)).with_state(app)
}

async fn upgrade(ws: WebSocketUpgrade, State(app): State<App>) -> Response {
    ws.max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| serve(socket, app))
}

// ANCHOR: serve
async fn serve(mut socket: WebSocket, app: App) {
    // ANCHOR: join_timeout
    let joining = time::timeout(app.join_timeout, first_join(&mut socket));
    let Ok(joined) = joining.await else {
        let refusal = error("join_timeout", "send join sooner".into());
        let _ = socket.send(text(&refusal)).await;
        let _ = socket.send(close(close_code::POLICY, "join timeout")).await;
        return;
    };
    let Some(name) = joined else { return }; // the client went away
    // ANCHOR_END: join_timeout
    let room = app.room;
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

fn close(code: u16, reason: &'static str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
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
    let state = App {
        room: Room::new(64),
        join_timeout: Duration::from_secs(2),
    };
    axum::serve(listener, app(state)).await
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
        let state = App {
            room: Room::new(16),
            join_timeout: Duration::from_millis(200),
        };
        tokio::spawn(async move { axum::serve(listener, app(state)).await });
        addr
    }

    async fn connect(addr: std::net::SocketAddr) -> Client {
        let url = format!("ws://{addr}/ws");
        tokio_tungstenite::connect_async(url).await.unwrap().0
    }

    async fn join(addr: std::net::SocketAddr, name: &str) -> Client {
        let mut ws = connect(addr).await;
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

    // ANCHOR: tests
    #[tokio::test]
    async fn a_client_that_does_not_join_in_time_is_told_and_closed() {
        let addr = start().await;
        let mut prompt = join(addr, "prompt").await;
        let mut idle = connect(addr).await;
        assert_eq!(recv(&mut idle).await["code"], "join_timeout");
        let close = idle.next().await.unwrap().unwrap();
        let tungstenite::Message::Close(Some(frame)) = close else {
            panic!("expected a close frame, got {close:?}")
        };
        assert_eq!(u16::from(frame.code), close_code::POLICY);
        // Long past the timeout, a client that joined in time is served.
        time::sleep(Duration::from_millis(400)).await;
        send(
            &mut prompt,
            json!({"type": "message", "text": "still here"}),
        )
        .await;
        assert_eq!(recv(&mut prompt).await["text"], "still here");
    }

    #[tokio::test]
    async fn a_frame_over_the_limit_ends_that_connection_only() {
        let addr = start().await;
        let mut ada = join(addr, "ada").await;
        let mut bob = join(addr, "bob").await;
        assert_eq!(
            recv(&mut ada).await,
            json!({"type": "joined", "name": "bob"})
        );
        let huge = "x".repeat(MAX_MESSAGE_BYTES + 1);
        send(&mut ada, json!({"type": "message", "text": huge})).await;
        assert_eq!(recv(&mut bob).await, json!({"type": "left", "name": "ada"}));
        send(&mut bob, json!({"type": "message", "text": "still here"})).await;
        assert_eq!(recv(&mut bob).await["text"], "still here");
    }
    // ANCHOR_END: tests
}
