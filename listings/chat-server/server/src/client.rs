//! One client's connection, from the upgrade to the close frame.
//!
//! A connection lives in two phases. Until the client has joined, one task
//! reads its frames, under the join timeout. After it has joined, the socket
//! is split: a reader task handles what the client sends, a writer task
//! sends it what the room broadcasts, and neither waits for the other. The
//! writer alone owns the sending half, so the reader hands it frames (error
//! replies, the final close frame) through a small queue.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, WebSocket, close_code};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time;
use tokio_util::sync::CancellationToken;

use crate::App;
use crate::limits::RateLimiter;
use crate::protocol::{self, ClientMessage, ErrorCode, ServerMessage};
use crate::room::Membership;

/// How long a closing connection waits for the client's own close frame.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// Frames the reader hands the writer. The reader waits when it is full,
/// which slows down only the client that floods.
const DIRECT_QUEUE: usize = 16;

/// How a connection ends.
#[derive(Debug)]
enum Ending {
    /// The client closed it, or the connection broke: nothing left to say.
    ClientGone,
    /// We close it, with this code and reason.
    Close(u16, &'static str),
}

/// What the writer sends besides broadcasts.
enum Outbound {
    Frame(ServerMessage),
    Close(u16, &'static str),
}

// ANCHOR: serve
/// Serves one client until it leaves, breaks a rule that ends the
/// connection, or the server shuts down.
pub async fn serve(mut socket: WebSocket, app: Arc<App>) {
    // ANCHOR: join_timeout
    let joining = time::timeout(app.config.join_timeout, join(&mut socket, &app));
    let Ok(joined) = joining.await else {
        let refusal = ServerMessage::error(ErrorCode::JoinTimeout, "send join sooner");
        send_within(&mut socket, text(&refusal), &app).await;
        return close(
            socket,
            Ending::Close(close_code::POLICY, "join timeout"),
            &app,
        )
        .await;
    };
    // ANCHOR_END: join_timeout
    let (name, membership) = match joined {
        Ok(joined) => joined,
        Err(ending) => return close(socket, ending, &app).await,
    };
    tracing::info!(%name, "joined");
    chat(socket, &app, &name, membership).await;
    app.room.leave(&name);
    tracing::info!(%name, "left");
}
// ANCHOR_END: serve

// ANCHOR: join
/// Reads frames until one is a `join` the room accepts. Anything else gets
/// an error frame and the client may try again, until the timeout.
async fn join(socket: &mut WebSocket, app: &App) -> Result<(String, Membership), Ending> {
    loop {
        let frame = tokio::select! {
            frame = socket.recv() => frame,
            () = app.shutdown.cancelled() => {
                return Err(Ending::Close(close_code::AWAY, "server shutting down"));
            }
        };
        let reply = match frame {
            None | Some(Ok(Message::Close(_))) => return Err(Ending::ClientGone),
            Some(Err(e)) => return Err(ending_for(&e)),
            Some(Ok(Message::Text(frame))) => match protocol::parse(&frame) {
                Ok(ClientMessage::Join { name }) => match app.room.join(&name) {
                    Ok(membership) => return Ok((name, membership)),
                    Err(refusal) => refusal,
                },
                Ok(ClientMessage::Message { .. }) => {
                    ServerMessage::error(ErrorCode::NotJoined, "send join first")
                }
                Ok(ClientMessage::Leave) => return Err(Ending::Close(close_code::NORMAL, "bye")),
                Err(refusal) => refusal,
            },
            Some(Ok(Message::Binary(_))) => binary_refusal(),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
        };
        socket
            .send(text(&reply))
            .await
            .map_err(|_| Ending::ClientGone)?;
    }
}
// ANCHOR_END: join

/// The second phase: tell the client who is here, then run the reader and
/// the writer until both are done.
async fn chat(mut socket: WebSocket, app: &Arc<App>, name: &str, membership: Membership) {
    // ANCHOR: welcome
    // The welcome lists every member, so it grows with the room. It is
    // built and serialized inside `welcome`, which returns only the frame,
    // and the frame is moved into the send: nothing of it lives on in this
    // function's state while the connection lasts.
    if !send_within(&mut socket, welcome(name, membership.members), app).await {
        return;
    }
    // ANCHOR_END: welcome
    // ANCHOR: split
    let (sink, stream) = socket.split();
    let (direct_tx, direct_rx) = mpsc::channel(DIRECT_QUEUE);
    let mut writer = spawn(
        &format!("writer {name}"),
        write_loop(
            sink,
            membership.events,
            direct_rx,
            app.shutdown.clone(),
            app.config.write_timeout,
            name.to_owned(),
        ),
    );
    let mut reader = spawn(
        &format!("reader {name}"),
        read_loop(stream, Arc::clone(app), name.to_owned(), direct_tx),
    );
    // The writer finishes last in every orderly ending, since it sends the
    // close frame. A reader still running then is waiting for the client's
    // answering close, or is stuck with a client that stopped reading.
    let _ = (&mut writer).await;
    if time::timeout(CLOSE_GRACE, &mut reader).await.is_err() {
        reader.abort();
    }
    // ANCHOR_END: split
}

// ANCHOR: read_loop
/// Handles what a joined client sends. Every refusal is an error frame; only
/// `leave`, an oversize frame or a broken connection end the loop.
async fn read_loop(
    mut stream: SplitStream<WebSocket>,
    app: Arc<App>,
    name: String,
    direct: mpsc::Sender<Outbound>,
) {
    let mut limiter = RateLimiter::new(app.config.rate_per_sec, Instant::now());
    let ending = loop {
        let Some(frame) = stream.next().await else {
            break Ending::ClientGone;
        };
        let reply = match frame {
            Err(e) => break ending_for(&e),
            Ok(Message::Text(frame)) => match protocol::parse(&frame) {
                Ok(ClientMessage::Message { text }) => {
                    if limiter.try_take(Instant::now()) {
                        app.room.say(&name, text);
                        continue;
                    }
                    let why = format!("at most {} messages a second", app.config.rate_per_sec);
                    ServerMessage::error(ErrorCode::RateLimited, why)
                }
                Ok(ClientMessage::Join { .. }) => {
                    ServerMessage::error(ErrorCode::AlreadyJoined, format!("you are {name}"))
                }
                Ok(ClientMessage::Leave) => break Ending::Close(close_code::NORMAL, "bye"),
                Err(refusal) => refusal,
            },
            Ok(Message::Binary(_)) => binary_refusal(),
            Ok(Message::Close(_)) => break Ending::ClientGone,
            Ok(Message::Ping(_) | Message::Pong(_)) => continue,
        };
        if direct.send(Outbound::Frame(reply)).await.is_err() {
            break Ending::ClientGone; // the writer has stopped
        }
    };
    if let Ending::Close(code, reason) = ending {
        let _ = direct.send(Outbound::Close(code, reason)).await;
    }
    // Dropping `direct` tells the writer that nothing more will come.
}
// ANCHOR_END: read_loop

// ANCHOR: write_loop
/// Sends the client the room's broadcasts and the reader's replies. A client
/// that reads too slowly is told how many broadcasts it missed and carries
/// on from the oldest one kept; one that cannot take a single frame within
/// `write_timeout` is dropped.
async fn write_loop(
    mut sink: SplitSink<WebSocket, Message>,
    mut events: broadcast::Receiver<ServerMessage>,
    mut direct: mpsc::Receiver<Outbound>,
    shutdown: CancellationToken,
    write_timeout: Duration,
    name: String,
) {
    loop {
        let outbound = tokio::select! {
            biased;
            () = shutdown.cancelled() => Outbound::Close(close_code::AWAY, "server shutting down"),
            queued = direct.recv() => match queued {
                Some(outbound) => outbound,
                None => break, // the reader is done and said all it had to say
            },
            event = events.recv() => match event {
                // The member list in the welcome already said so.
                Ok(ServerMessage::Joined { name: joiner, .. }) if joiner == name => continue,
                Ok(message) => Outbound::Frame(message),
                Err(RecvError::Lagged(missed)) => Outbound::Frame(ServerMessage::error(
                    ErrorCode::Lagged,
                    format!("you read too slowly and missed {missed} messages"),
                )),
                Err(RecvError::Closed) => Outbound::Close(close_code::AWAY, "room closed"),
            },
        };
        let (frame, last) = match outbound {
            Outbound::Frame(message) => (text(&message), false),
            Outbound::Close(code, reason) => (
                Message::Close(Some(CloseFrame {
                    code,
                    reason: reason.into(),
                })),
                true,
            ),
        };
        match time::timeout(write_timeout, sink.send(frame)).await {
            Ok(Ok(())) if last => break,
            Ok(Ok(())) => {}
            Ok(Err(_)) => return, // the connection is broken
            Err(_) => {
                tracing::warn!(%name, "dropped: could not take a frame for {write_timeout:?}");
                return;
            }
        }
    }
    // Flushes an answer to the client's close frame, if it sent one.
    let _ = time::timeout(CLOSE_GRACE, sink.close()).await;
}
// ANCHOR_END: write_loop

/// The answer to a successful `join`: the new member's name and everyone
/// present.
fn welcome(name: &str, members: Vec<String>) -> Message {
    text(&ServerMessage::Joined {
        name: name.to_owned(),
        members: Some(members),
    })
}

/// Ends a connection that never got to the second phase.
async fn close(mut socket: WebSocket, ending: Ending, app: &App) {
    if let Ending::Close(code, reason) = ending {
        let frame = Message::Close(Some(CloseFrame {
            code,
            reason: reason.into(),
        }));
        if send_within(&mut socket, frame, app).await {
            // Wait briefly for the client's answering close, so that the
            // connection ends cleanly and the client reads our close frame.
            let drained = async { while let Some(Ok(_)) = socket.recv().await {} };
            let _ = time::timeout(CLOSE_GRACE, drained).await;
        }
    }
    let _ = time::timeout(CLOSE_GRACE, socket.close()).await;
}

// ANCHOR: ending_for
/// A read error ends the connection. tungstenite reports a frame over
/// `--max-message-bytes` as "Space limit exceeded", and a text frame that is
/// not UTF-8 as "UTF-8 encoding error"; axum wraps tungstenite's error
/// without re-exporting its type, so its message is what we can check.
/// RFC 6455 (section 8.1) says to fail a connection whose text is not UTF-8,
/// with close code 1007 (section 7.4.1).
fn ending_for(error: &axum::Error) -> Ending {
    let error = error.to_string();
    if error.contains("Space limit exceeded") {
        Ending::Close(close_code::SIZE, "message too big")
    } else if error.contains("UTF-8 encoding error") {
        Ending::Close(close_code::INVALID, "text frames must be UTF-8")
    } else {
        Ending::ClientGone
    }
}
// ANCHOR_END: ending_for

/// Sends one frame before the split, within `--write-timeout-ms`, so that a
/// client that never reads cannot hold the connection's task; false if the
/// client did not take it.
async fn send_within(socket: &mut WebSocket, frame: Message, app: &App) -> bool {
    let sending = time::timeout(app.config.write_timeout, socket.send(frame));
    matches!(sending.await, Ok(Ok(())))
}

fn binary_refusal() -> ServerMessage {
    ServerMessage::error(ErrorCode::BadMessage, "frames are JSON text, not binary")
}

fn text(message: &ServerMessage) -> Message {
    Message::Text(message.to_json().into())
}

// ANCHOR: spawn
/// Spawns a task that tokio-console lists under `name`. Naming tasks is an
/// unstable tokio API, so it exists only in builds with
/// `RUSTFLAGS="--cfg tokio_unstable"`; other builds spawn as usual.
#[cfg(tokio_unstable)]
fn spawn<F>(name: &str, task: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    tokio::task::Builder::new()
        .name(name)
        .spawn(task)
        .expect("spawning fails only outside a runtime")
}

#[cfg(not(tokio_unstable))]
fn spawn<F>(_name: &str, task: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    tokio::spawn(task)
}
// ANCHOR_END: spawn
