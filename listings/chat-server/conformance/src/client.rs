//! A chat client for the cases: a real WebSocket connection, JSON values in
//! and out, and every wait bounded so a broken twin fails a test instead of
//! hanging it.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use testkit::{Server, conformance};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
use tokio_tungstenite::tungstenite::{self, Message, client::IntoClientRequest};
use tokio_tungstenite::{WebSocketStream, client_async};

/// The longest any single step may take: generous, since a test machine
/// may be busy. No case depends on being faster than this.
const WAIT: Duration = Duration::from_secs(15);

pub struct Client {
    ws: WebSocketStream<TcpStream>,
}

impl Client {
    /// Opens `/ws` without joining.
    pub async fn connect(server: &Server) -> Client {
        conformance::request("GET", "/ws");
        let stream = TcpStream::connect(server.addr())
            .await
            .expect("the server accepts");
        Client::handshake(server, stream).await
    }

    /// Opens `/ws` with a receive buffer of a few kilobytes, so that a
    /// client that stops reading stops the server's writes soon.
    pub async fn connect_with_small_window(server: &Server) -> Client {
        conformance::request("GET", "/ws");
        let socket = TcpSocket::new_v4().expect("a socket");
        socket
            .set_recv_buffer_size(4096)
            .expect("a small receive buffer");
        let stream = socket
            .connect(server.addr())
            .await
            .expect("the server accepts");
        Client::handshake(server, stream).await
    }

    /// Opens `/ws` with an `Origin` header, as a browser would; the HTTP
    /// status instead when the server refuses the handshake.
    pub async fn connect_from(server: &Server, origin: &str) -> Result<Client, u16> {
        conformance::request("GET", "/ws");
        let stream = TcpStream::connect(server.addr())
            .await
            .expect("the server accepts");
        let url = format!("ws://{}/ws", server.addr());
        let mut request = url.into_client_request().expect("a valid URL");
        let origin = origin.parse().expect("a valid header value");
        request.headers_mut().insert("Origin", origin);
        let handshake = timeout(WAIT, client_async(request, stream));
        match handshake.await.expect("the handshake finishes in time") {
            Ok((ws, _)) => Ok(Client { ws }),
            Err(tungstenite::Error::Http(response)) => Err(response.status().as_u16()),
            Err(e) => panic!("the handshake failed without an HTTP answer: {e}"),
        }
    }

    /// Opens `/ws` with extra handshake headers (replacing tungstenite's
    /// own of the same name); the HTTP status when the server refuses.
    pub async fn connect_with_headers(
        server: &Server,
        headers: &[(&'static str, String)],
    ) -> Result<Client, u16> {
        let stream = TcpStream::connect(server.addr())
            .await
            .expect("the server accepts");
        let url = format!("ws://{}/ws", server.addr());
        let mut request = url.into_client_request().expect("a valid URL");
        for (name, value) in headers {
            let value = value.parse().expect("a valid header value");
            request.headers_mut().insert(*name, value);
        }
        let handshake = timeout(WAIT, client_async(request, stream));
        match handshake.await.expect("the handshake finishes in time") {
            Ok((ws, _)) => Ok(Client { ws }),
            Err(tungstenite::Error::Http(response)) => Err(response.status().as_u16()),
            Err(e) => panic!("the handshake failed without an HTTP answer: {e}"),
        }
    }

    /// Opens `/ws` and hands back the bare TCP stream after the handshake,
    /// for cases that must write frames no well-behaved client writes, or
    /// must not answer the server's close frame.
    pub async fn connect_raw(server: &Server) -> TcpStream {
        conformance::request("GET", "/ws");
        let mut stream = TcpStream::connect(server.addr())
            .await
            .expect("the server accepts");
        let url = format!("ws://{}/ws", server.addr());
        // The server sends nothing before it hears from the client, so no
        // frame is left behind in the dropped WebSocketStream's buffer.
        timeout(WAIT, client_async(url, &mut stream))
            .await
            .expect("the handshake finishes in time")
            .expect("the server upgrades /ws to a WebSocket");
        stream
    }

    async fn handshake(server: &Server, stream: TcpStream) -> Client {
        let url = format!("ws://{}/ws", server.addr());
        let (ws, _) = timeout(WAIT, client_async(url, stream))
            .await
            .expect("the handshake finishes in time")
            .expect("the server upgrades /ws to a WebSocket");
        Client { ws }
    }

    /// Connects and joins as `name`.
    pub async fn join(server: &Server, name: &str) -> Client {
        let mut client = Client::connect(server).await;
        client.join_as(name).await;
        client
    }

    /// Sends `join` and returns the welcome, which must name us and list
    /// the members.
    pub async fn join_as(&mut self, name: &str) -> Value {
        self.send(json!({"type": "join", "name": name})).await;
        let welcome = self.recv_type("joined").await;
        assert_eq!(welcome["name"], name, "{welcome}");
        assert!(
            welcome["members"].is_array(),
            "the welcome lists the members: {welcome}"
        );
        welcome
    }

    pub async fn send(&mut self, frame: Value) {
        self.send_text(&frame.to_string()).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        note_type(text);
        self.send_message(Message::text(text)).await;
    }

    pub async fn send_binary(&mut self, data: Vec<u8>) {
        self.send_message(Message::binary(data)).await;
    }

    /// Sends a text frame whose payload is `bytes` as they are, valid UTF-8
    /// or not: tungstenite sends a raw `Frame` without checking it.
    pub async fn send_text_bytes(&mut self, bytes: &[u8]) {
        let frame = Frame::message(bytes.to_vec(), OpCode::Data(Data::Text), true);
        self.send_message(Message::Frame(frame)).await;
    }

    /// Sends one frame as it is, whatever the rules say (tungstenite masks
    /// it, and checks nothing else).
    pub async fn send_frame(&mut self, frame: Frame) {
        self.send_message(Message::Frame(frame)).await;
    }

    /// Sends a text frame, or returns false when the connection did not take
    /// it within `wait` (a frame cut short stays queued in tungstenite and
    /// goes out first with the next send or read).
    pub async fn try_send_within(&mut self, frame: Value, wait: Duration) -> bool {
        note_type(&frame.to_string());
        let sending = timeout(wait, self.ws.send(Message::text(frame.to_string())));
        matches!(sending.await, Ok(Ok(())))
    }

    /// The next frame if one arrives within `wait`.
    pub async fn try_recv(&mut self, wait: Duration) -> Option<Value> {
        match timeout(wait, self.ws.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => {
                Some(serde_json::from_str(&text).expect("server frames are JSON"))
            }
            _ => None,
        }
    }

    async fn send_message(&mut self, message: Message) {
        timeout(WAIT, self.ws.send(message))
            .await
            .expect("the frame is sent in time")
            .expect("the connection is open");
    }

    /// The next frame, which must be JSON text.
    pub async fn recv(&mut self) -> Value {
        self.recv_or_end()
            .await
            .expect("the connection closed while a frame was expected")
    }

    /// The next frame, or `None` when the connection ends instead.
    pub async fn recv_or_end(&mut self) -> Option<Value> {
        loop {
            let next = timeout(WAIT, self.ws.next())
                .await
                .expect("a frame arrives in time");
            match next {
                Some(Ok(Message::Text(text))) => {
                    return Some(serde_json::from_str(&text).expect("server frames are JSON"));
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                Some(Ok(Message::Binary(_))) => panic!("the server sent a binary frame"),
                Some(Ok(Message::Close(_)) | Err(_)) | None => return None,
            }
        }
    }

    /// The next frame, which must be of type `kind`.
    pub async fn recv_type(&mut self, kind: &str) -> Value {
        let frame = self.recv().await;
        assert_eq!(frame["type"], kind, "expected a {kind} frame, got {frame}");
        frame
    }

    /// The next frame must announce that `name` joined.
    pub async fn expect_joined(&mut self, name: &str) {
        assert_eq!(self.recv().await, json!({"type": "joined", "name": name}));
    }

    /// Reads until the server's close frame and returns its code; frames
    /// sent before it are skipped. `None`: a close frame without a code.
    pub async fn expect_close(&mut self) -> Option<u16> {
        loop {
            let next = timeout(WAIT, self.ws.next())
                .await
                .expect("the server closes in time");
            match next {
                Some(Ok(Message::Close(frame))) => return frame.map(|f| u16::from(f.code)),
                Some(Ok(_)) => continue,
                Some(Err(e)) => panic!("the connection broke without a close frame: {e}"),
                None => panic!("the connection ended without a close frame"),
            }
        }
    }
}

/// Writes one masked client text frame straight onto `stream`, formatted by
/// tungstenite.
pub async fn write_raw_text(stream: &mut TcpStream, text: &str) {
    note_type(text);
    let mut frame = Frame::message(text.as_bytes().to_vec(), OpCode::Data(Data::Text), true);
    frame.header_mut().mask = Some([0x5a, 0x17, 0xc3, 0x09]);
    let mut bytes = Vec::new();
    frame
        .format(&mut bytes)
        .expect("formatting into a Vec cannot fail");
    timeout(WAIT, stream.write_all(&bytes))
        .await
        .expect("the frame is sent in time")
        .expect("the connection is open");
}

/// Tells the runner the `type` of a frame the case sends, if it has one, so
/// that a failure names the twin's code that handles that type.
fn note_type(text: &str) {
    if let Ok(frame) = serde_json::from_str::<Value>(text)
        && let Some(kind) = frame["type"].as_str()
    {
        conformance::message(kind);
    }
}
