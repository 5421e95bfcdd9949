//! Chat server, step 5: step 4 with a graceful shutdown. On SIGTERM or
//! Ctrl-C the server stops accepting, every client gets a close frame with
//! code 1001 ("going away"), and the process waits for them before exiting,
//! for `shutdown_grace` at most.
//!
//! `cargo run -p chat-step-5-shutdown -- 127.0.0.1:8080`

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::response::Response;
use axum::routing::get;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{self, Duration};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

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
    /// How long shutdown waits for connections before it cuts them.
    shutdown_grace: Duration,
    /// Cancelled to shut down; every writer watches it.
    shutdown: CancellationToken,
    /// Holds a token per connection, so shutdown can wait for them all.
    connections: TaskTracker,
}

fn router(app: App) -> Router {
    Router::new().route("/ws", get(upgrade)).with_state(app)
}

// ANCHOR: upgrade
async fn upgrade(ws: WebSocketUpgrade, State(app): State<App>) -> Response {
    let connection = app.connections.token();
    ws.max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move {
            serve(socket, app).await;
            drop(connection); // this connection is done
        })
}
// ANCHOR_END: upgrade

// ANCHOR: run
/// Serves until `app.shutdown` is cancelled, then waits for every
/// connection to say goodbye. axum's graceful shutdown covers HTTP
/// requests; a WebSocket has left HTTP behind, so the tracker counts those.
async fn run(listener: TcpListener, app: App) -> std::io::Result<()> {
    let (shutdown, grace) = (app.shutdown.clone(), app.shutdown_grace);
    let connections = app.connections.clone();
    let server = axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown.clone().cancelled_owned());
    let drained = async {
        server.await?;
        connections.close();
        connections.wait().await;
        Ok(())
    };
    // A client that stopped reading, or never finished its request
    // headers, would hold the wait forever: after the grace, return, and
    // the runtime's end cuts what is still open.
    let grace_over = async {
        shutdown.cancelled().await;
        time::sleep(grace).await;
    };
    tokio::select! {
        drained = drained => drained,
        () = grace_over => {
            eprintln!("cut the connections still open after {grace:?}");
            Ok(())
        }
    }
}
// ANCHOR_END: run

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
    let room = app.room.clone();
    // Subscribe before announcing, so the client hears its own join.
    let events = room.events.subscribe();
    room.publish(ServerMessage::Joined { name: name.clone() });

    let (sink, stream) = socket.split();
    let mut writer = tokio::spawn(write_loop(sink, events, app.shutdown.clone()));
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

// ANCHOR: write_loop
async fn write_loop(
    mut sink: SplitSink<WebSocket, Message>,
    mut events: broadcast::Receiver<ServerMessage>,
    shutdown: CancellationToken,
) {
    loop {
        let event = tokio::select! {
            () = shutdown.cancelled() => {
                let _ = sink.send(close(close_code::AWAY, "server shutting down")).await;
                return;
            }
            event = events.recv() => event,
        };
        let message = match event {
            Ok(message) => message,
            Err(RecvError::Lagged(missed)) => error("lagged", format!("missed {missed} messages")),
            Err(RecvError::Closed) => return,
        };
        if sink.send(text(&message)).await.is_err() {
            return;
        }
    }
}
// ANCHOR_END: write_loop
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

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let listener = TcpListener::bind(&addr).await?;
    let app = App {
        room: Room::new(64),
        join_timeout: Duration::from_secs(2),
        shutdown_grace: Duration::from_secs(5),
        shutdown: CancellationToken::new(),
        connections: TaskTracker::new(),
    };
    // Installed before the server says it listens: a SIGTERM from then on
    // is a shutdown, not the default action, which kills the process.
    let mut terminate = signal(SignalKind::terminate())?;
    let shutdown = app.shutdown.clone();
    tokio::spawn(async move {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
        shutdown.cancel();
    });
    println!("listening on {}", listener.local_addr()?);
    run(listener, app).await
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use tokio_tungstenite::tungstenite;

    type Client = tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >;

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
    async fn shutdown_closes_every_client_with_going_away() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shutdown = CancellationToken::new();
        let app = App {
            room: Room::new(16),
            join_timeout: Duration::from_secs(2),
            shutdown_grace: Duration::from_secs(5),
            shutdown: shutdown.clone(),
            connections: TaskTracker::new(),
        };
        let server = tokio::spawn(run(listener, app));
        let mut clients = [join(addr, "ada").await, join(addr, "bob").await];
        shutdown.cancel();
        for ws in &mut clients {
            // Skip what was said before the close frame.
            let code = loop {
                match ws
                    .next()
                    .await
                    .expect("a close frame before the end")
                    .unwrap()
                {
                    tungstenite::Message::Close(Some(frame)) => break u16::from(frame.code),
                    _ => continue,
                }
            };
            assert_eq!(code, close_code::AWAY);
        }
        drop(clients);
        let finished = time::timeout(Duration::from_secs(10), server).await;
        assert!(
            matches!(finished, Ok(Ok(Ok(())))),
            "run returns once all clients are gone"
        );
    }
    // ANCHOR_END: tests

    /// A connection that sends half its request headers and then nothing
    /// would hold axum's graceful shutdown forever; `run` returns once the
    /// grace is over. (The grace is short here; a `run` that waited for
    /// good would fail the ten-second bound below.)
    #[tokio::test]
    async fn a_stuck_connection_does_not_outlast_the_grace() {
        use tokio::io::AsyncWriteExt;
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shutdown = CancellationToken::new();
        let app = App {
            room: Room::new(16),
            join_timeout: Duration::from_secs(2),
            shutdown_grace: Duration::from_millis(200),
            shutdown: shutdown.clone(),
            connections: TaskTracker::new(),
        };
        let server = tokio::spawn(run(listener, app));
        let mut stuck = tokio::net::TcpStream::connect(addr).await.unwrap();
        stuck
            .write_all(b"GET /ws HTTP/1.1\r\nHost: te")
            .await
            .unwrap();
        // The server accepts in order: once this client has joined, the
        // stuck connection is accepted and its half request read.
        let _client = join(addr, "ada").await;
        shutdown.cancel();
        let finished = time::timeout(Duration::from_secs(10), server).await;
        assert!(
            matches!(finished, Ok(Ok(Ok(())))),
            "run returns after the grace: {finished:?}"
        );
    }
}
