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

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::error::{CapacityError, ProtocolError};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
use tokio_tungstenite::tungstenite::{Error, Message, Utf8Bytes};
use tokio_util::sync::CancellationToken;

use crate::App;
use crate::limits::RateLimiter;
use crate::protocol::{self, ClientMessage, ErrorCode, ServerMessage};
use crate::room::Membership;

/// How long a closing connection waits for the client's own close frame.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// A client's WebSocket: tungstenite on the connection hyper hands over
/// after the upgrade (see `upgrade` in main.rs).
pub type Socket = WebSocketStream<TokioIo<Upgraded>>;

/// The largest frame the welcome is cut into (see `send_welcome`).
const WELCOME_FRAGMENT: usize = 4096;

/// Frames the reader hands the writer. The reader waits when it is full,
/// which slows down only the client that floods.
const DIRECT_QUEUE: usize = 16;

/// How a connection ends.
#[derive(Debug)]
enum Ending {
    /// The client closed it, or the connection broke: nothing left to say.
    ClientGone,
    /// We close it, with this code and reason.
    Close(CloseCode, &'static str),
}

/// What the writer sends besides broadcasts.
enum Outbound {
    Frame(ServerMessage),
    Close(CloseCode, &'static str),
}

// ANCHOR: serve
/// Serves one client until it leaves, breaks a rule that ends the
/// connection, or the server shuts down.
pub async fn serve(mut socket: Socket, app: Arc<App>) {
    // ANCHOR: join_timeout
    let joining = time::timeout(app.config.join_timeout, join(&mut socket, &app));
    let Ok(joined) = joining.await else {
        let refusal = ServerMessage::error(ErrorCode::JoinTimeout, "send join sooner");
        send_within(&mut socket, text(&refusal), &app).await;
        return close(
            socket,
            Ending::Close(CloseCode::Policy, "join timeout"),
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
async fn join(socket: &mut Socket, app: &App) -> Result<(String, Membership), Ending> {
    loop {
        let frame = tokio::select! {
            frame = socket.next() => frame,
            () = app.shutdown.cancelled() => {
                return Err(Ending::Close(CloseCode::Away, "server shutting down"));
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
                Ok(ClientMessage::Leave) => return Err(Ending::Close(CloseCode::Normal, "bye")),
                Err(refusal) => refusal,
            },
            Some(Ok(Message::Binary(_))) => binary_refusal(),
            Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
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
async fn chat(mut socket: Socket, app: &Arc<App>, name: &str, membership: Membership) {
    if !send_welcome(&mut socket, name, membership.members, app).await {
        return;
    }
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
    mut stream: SplitStream<Socket>,
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
                Ok(ClientMessage::Leave) => break Ending::Close(CloseCode::Normal, "bye"),
                Err(refusal) => refusal,
            },
            Ok(Message::Binary(_)) => binary_refusal(),
            Ok(Message::Close(_)) => break Ending::ClientGone,
            Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_)) => continue,
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
    mut sink: SplitSink<Socket, Message>,
    mut events: broadcast::Receiver<ServerMessage>,
    mut direct: mpsc::Receiver<Outbound>,
    shutdown: CancellationToken,
    write_timeout: Duration,
    name: String,
) {
    loop {
        let outbound = tokio::select! {
            biased;
            () = shutdown.cancelled() => Outbound::Close(CloseCode::Away, "server shutting down"),
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
                Err(RecvError::Closed) => Outbound::Close(CloseCode::Away, "room closed"),
            },
        };
        let (frame, last) = match outbound {
            Outbound::Frame(message) => (text(&message), false),
            Outbound::Close(code, reason) => (
                Message::Close(Some(CloseFrame {
                    code,
                    reason: Utf8Bytes::from_static(reason),
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

// ANCHOR: send_welcome
/// Sends the answer to a successful `join`, which lists every member and so
/// grows with the room. tungstenite formats each frame whole into its write
/// buffer and keeps that buffer's capacity for the rest of the connection,
/// so a welcome in one frame would cost every connection the size of the
/// room for good. Cut into frames of at most `WELCOME_FRAGMENT` bytes, each
/// sent and flushed before the next, it is still one text message to the
/// client (RFC 6455, section 5.4), and the buffer stays small.
async fn send_welcome(socket: &mut Socket, name: &str, members: Vec<String>, app: &App) -> bool {
    let welcome = ServerMessage::Joined {
        name: name.to_owned(),
        members: Some(members),
    }
    .to_json();
    let mut fragments = welcome.as_bytes().chunks(WELCOME_FRAGMENT).peekable();
    let mut opcode = OpCode::Data(Data::Text);
    while let Some(fragment) = fragments.next() {
        let last = fragments.peek().is_none();
        let frame = Frame::message(fragment.to_vec(), opcode, last);
        if !send_within(socket, Message::Frame(frame), app).await {
            return false;
        }
        opcode = OpCode::Data(Data::Continue);
    }
    true
}
// ANCHOR_END: send_welcome

/// Ends a connection that never got to the second phase.
async fn close(mut socket: Socket, ending: Ending, app: &App) {
    if let Ending::Close(code, reason) = ending {
        let frame = Message::Close(Some(CloseFrame {
            code,
            reason: Utf8Bytes::from_static(reason),
        }));
        if send_within(&mut socket, frame, app).await {
            // Wait briefly for the client's answering close, so that the
            // connection ends cleanly and the client reads our close frame.
            let drained = async { while let Some(Ok(_)) = socket.next().await {} };
            let _ = time::timeout(CLOSE_GRACE, drained).await;
        }
    }
    // Flushes the answer to the client's own close frame, if it sent one.
    // (`SinkExt::close`: the inherent `WebSocketStream::close` sends a new
    // close frame, which tungstenite refuses once the client has closed,
    // and then the answer would never leave its buffer.)
    let _ = time::timeout(CLOSE_GRACE, SinkExt::close(&mut socket)).await;
}

// ANCHOR: ending_for
/// A read error ends the connection. tungstenite refuses a frame over
/// `--max-message-bytes` with a capacity error, and a text message that is
/// not UTF-8 with `Error::Utf8`; RFC 6455 (section 8.1) says to fail such a
/// connection, with close code 1007 (section 7.4.1). Frames that break the
/// framing rules (a reserved bit or opcode, a continuation with nothing to
/// continue, a control frame fragmented or over 125 bytes) are protocol
/// errors, 1002, as gorilla answers them too.
fn ending_for(error: &Error) -> Ending {
    match error {
        Error::Capacity(CapacityError::MessageTooLong { .. }) => {
            Ending::Close(CloseCode::Size, "message too big")
        }
        Error::Utf8(_) => Ending::Close(CloseCode::Invalid, "text frames must be UTF-8"),
        Error::Protocol(ProtocolError::ResetWithoutClosingHandshake) => Ending::ClientGone,
        Error::Protocol(_) => Ending::Close(CloseCode::Protocol, "protocol error"),
        _ => Ending::ClientGone,
    }
}
// ANCHOR_END: ending_for

/// Sends one frame before the split, within `--write-timeout-ms`, so that a
/// client that never reads cannot hold the connection's task; false if the
/// client did not take it.
async fn send_within(socket: &mut Socket, frame: Message, app: &App) -> bool {
    let sending = time::timeout(app.config.write_timeout, socket.send(frame));
    matches!(sending.await, Ok(Ok(())))
}

fn binary_refusal() -> ServerMessage {
    ServerMessage::error(ErrorCode::BadMessage, "frames are JSON text, not binary")
}

fn text(message: &ServerMessage) -> Message {
    Message::text(message.to_json())
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
