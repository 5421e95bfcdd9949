//! The book's chat server: one room, WebSocket clients, a page to chat from.
//!
//! Run it and open http://127.0.0.1:8080/ in two browser tabs:
//!
//! ```console
//! cargo run -p chat-server -- --addr 127.0.0.1:8080
//! ```
//!
//! Routes: `GET /` serves the client page (`static/index.html`, compiled
//! into the binary), `GET /ws` upgrades to the chat protocol described in
//! `protocol.rs`. The flags are listed in `config.rs`. On SIGTERM (or
//! Ctrl-C) every client that reads gets a close frame with code 1001, what
//! is still open after `--shutdown-grace-ms` is cut, and the process exits
//! 0. It exits 1 when it cannot start (the address is taken, say) and 2 for
//! a bad flag.
//!
//! To watch each client's tasks in tokio-console:
//!
//! ```console
//! RUSTFLAGS="--cfg tokio_unstable" cargo run -p chat-server --features console
//! tokio-console   # in another terminal
//! ```

mod client;
mod config;
mod limits;
mod protocol;
mod room;

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use clap::Parser;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use socket2::SockRef;
use tokio::net::TcpListener;
use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::error::{Error, ProtocolError};
use tokio_tungstenite::tungstenite::handshake::server::create_response;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::request_id::{MakeRequestUuid, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::room::Room;

/// What every connection shares.
pub struct App {
    pub room: Room,
    pub config: Config,
    /// Cancelled on SIGTERM; every connection watches it.
    pub shutdown: CancellationToken,
    /// Counts live connections, HTTP and WebSocket, so shutdown can wait
    /// for them.
    pub connections: TaskTracker,
}

/// Connections served at once, HTTP and WebSocket; more wait in the
/// kernel's backlog. Each costs a file descriptor, and a joined client three
/// tasks; `cargo xtask bench chat` holds up to 10,000 idle ones.
const MAX_CONNECTIONS: usize = 16_384;

/// A connection's place among the `MAX_CONNECTIONS`, held by its hyper
/// task and, once it upgrades, by its WebSocket task: it is free again when
/// both have ended.
#[derive(Clone)]
struct Slot {
    _permit: Arc<OwnedSemaphorePermit>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    init_tracing();
    // Caught before the server says it listens: from then on, a signal
    // starts the shutdown instead of killing the process.
    let signals = (
        signal(SignalKind::terminate())?,
        signal(SignalKind::interrupt())?,
    );
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let app = Arc::new(App {
        room: Room::new(config.buffer),
        config,
        shutdown: CancellationToken::new(),
        connections: TaskTracker::new(),
    });
    tokio::spawn(cancel_on_signal(signals, app.shutdown.clone()));
    tracing::info!("listening on {}", listener.local_addr()?);

    // ANCHOR: shutdown
    // `serve` stops accepting on shutdown and asks each HTTP connection to
    // close, but an upgraded WebSocket is no longer hyper's business: the
    // tracker waits for both, while each WebSocket sends its close frame.
    // What is still open when the grace runs out is cut: returning from
    // main drops the runtime, its tasks and their sockets.
    serve(listener, router(Arc::clone(&app)), &app).await;
    app.connections.close();
    let grace = app.config.shutdown_grace;
    if tokio::time::timeout(grace, app.connections.wait())
        .await
        .is_err()
    {
        tracing::warn!("cut the connections still open after {grace:?}");
    }
    Ok(())
    // ANCHOR_END: shutdown
}

// ANCHOR: serve
/// Accepts connections until shutdown, at most `MAX_CONNECTIONS` at once,
/// and serves each with hyper's HTTP/1 server. `axum::serve` would do the same but sets no timer, so a
/// connection that never finishes its request headers would stay open for
/// good; here it is closed after `--header-timeout-ms`, as Go's
/// `http.Server.ReadHeaderTimeout` does.
async fn serve(listener: TcpListener, router: Router, app: &App) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(app.config.header_timeout);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(permit) => Slot { _permit: Arc::new(permit) },
                Err(_closed) => return, // nothing closes it
            },
            () = app.shutdown.cancelled() => return,
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = app.shutdown.cancelled() => return,
        };
        let stream = match accepted {
            // Chat frames are small and each should leave at once: no
            // waiting for the client's delayed ACK (Nagle's algorithm),
            // as Go's net package sets for every TCP connection.
            Ok((stream, _)) => {
                let _ = stream.set_nodelay(true);
                // A fixed kernel buffer: the writes to a client that stops
                // reading block after kilobytes rather than megabytes, so
                // it reaches `--buffer` and lags that much sooner.
                let bytes = app.config.send_buffer_bytes;
                if bytes > 0
                    && let Err(e) = SockRef::from(&stream).set_send_buffer_size(bytes as usize)
                {
                    tracing::warn!("cannot set the send buffer to {bytes} bytes: {e}");
                }
                stream
            }
            Err(e) => {
                // Out of file descriptors, say: wait for some to close
                // rather than spin.
                tracing::warn!("accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // The upgrade handler finds the slot among the request's extensions.
        let service = router
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(slot.clone());
                request
            });
        let service = TowerToHyperService::new(service);
        let connection = http
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        let shutdown = app.shutdown.clone();
        app.connections.spawn(async move {
            let mut connection = pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                () = shutdown.cancelled() => connection.as_mut().graceful_shutdown(),
            }
            let _ = connection.await;
        });
    }
}
// ANCHOR_END: serve

// ANCHOR: router
fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/ws", get(upgrade))
        .with_state(app)
        .layer(
            // Outermost first: each request gets an id (the client's
            // `x-request-id`, or a new UUID) and a span that carries it;
            // tower-http logs requests at the debug level
            // (`RUST_LOG=info,tower_http=debug`).
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http().make_span_with(|request: &Request| {
                        let id = request.headers().get("x-request-id");
                        let id = id.and_then(|v| v.to_str().ok()).unwrap_or("-");
                        tracing::info_span!("request", method = %request.method(), uri = %request.uri(), id)
                    }),
                ),
        )
}

async fn page() -> Html<&'static str> {
    Html(include_str!("../static/index.html"))
}

// ANCHOR: upgrade
/// Upgrades `GET /ws` to a WebSocket. tungstenite checks the handshake and
/// computes the answer; hyper hands over the connection once the `101`
/// answer is sent, and a task then serves the client on it. (axum's
/// `WebSocketUpgrade` does the same, but its `WebSocket` hides tungstenite's
/// raw frames, which the welcome needs: see `send_welcome` in client.rs.)
async fn upgrade(State(app): State<Arc<App>>, mut request: Request) -> Response {
    let same_site = same_origin(request.headers());
    let upgraded = hyper::upgrade::on(&mut request);
    let slot = request.extensions_mut().remove::<Slot>();
    let (head, _) = request.into_parts();
    // The checks in gorilla's order, which the Go twin keeps: a request
    // that is not a WebSocket handshake is refused (400) before its origin
    // is looked at, and its key only after the origin.
    let checked = create_response(&axum::http::Request::from_parts(head, ()));
    let bad_key = matches!(
        checked,
        Err(Error::Protocol(
            ProtocolError::MissingSecWebSocketKey | ProtocolError::InvalidSecWebSocketKey
        ))
    );
    if !same_site && (checked.is_ok() || bad_key) {
        return (
            StatusCode::FORBIDDEN,
            "a page from another site may not connect",
        )
            .into_response();
    }
    let answer = match checked {
        Ok(answer) => answer,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let limit = app.config.max_message_bytes;
    // ANCHOR: buffers
    // tungstenite allocates a 128 KiB read buffer for each connection by
    // default, which an idle chat client never fills; its documentation
    // suggests 4 KiB when there are many connections that read little.
    // `cargo xtask bench chat` measures what a connection costs with these.
    let config = WebSocketConfig::default()
        .max_message_size(Some(limit))
        .max_frame_size(Some(limit))
        .read_buffer_size(4096)
        .write_buffer_size(4096);
    // ANCHOR_END: buffers
    let connection = app.connections.token();
    tokio::spawn(async move {
        let Ok(upgraded) = upgraded.await else {
            return; // the connection ended before the answer was sent
        };
        let io = TokioIo::new(upgraded);
        let socket = WebSocketStream::from_raw_socket(io, Role::Server, Some(config)).await;
        client::serve(socket, app).await;
        drop((connection, slot));
    });
    answer.map(|()| Body::empty())
}
// ANCHOR_END: upgrade
// ANCHOR_END: router

// ANCHOR: same_origin
/// A browser sends the page's origin with the handshake. A page on another
/// site must not chat in its visitor's name, so the origin's host (and
/// port) must be the host the request was sent to, as gorilla/websocket
/// checks by default. The origin is read as a URI, so a trailing `/`, a
/// path or a `user@` does not change its host. Programs that are not
/// browsers send no `Origin`.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let origin: Option<Uri> = origin.to_str().ok().and_then(|o| o.parse().ok());
    let origin_host = origin.as_ref().and_then(Uri::authority).map(|a| {
        a.as_str()
            .rsplit_once('@')
            .map_or(a.as_str(), |(_, host)| host)
    });
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}
// ANCHOR_END: same_origin

/// Cancels `shutdown` at SIGTERM (what `kill` and container runtimes send)
/// or SIGINT (Ctrl-C).
async fn cancel_on_signal(
    (mut terminate, mut interrupt): (Signal, Signal),
    shutdown: CancellationToken,
) {
    tokio::select! {
        _ = terminate.recv() => {}
        _ = interrupt.recv() => {}
    }
    tracing::info!("shutting down");
    shutdown.cancel();
}

/// Logs to stderr (`RUST_LOG` filters); with the `console` feature, also
/// feeds tokio-console.
fn init_tracing() {
    use tracing_subscriber::prelude::*;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    let log = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_filter(filter);
    let registry = tracing_subscriber::registry();
    #[cfg(feature = "console")]
    let registry = registry.with(console_subscriber::spawn());
    registry.with(log).init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_of_this_site_may_connect() {
        let cases = [
            ("no origin: not a browser", None, true),
            ("the same host", Some("http://127.0.0.1:8080"), true),
            (
                "the same host, other case",
                Some("http://LOCALHOST:8080"),
                true,
            ),
            ("another site", Some("http://evil.example"), false),
            ("another port", Some("http://127.0.0.1:9090"), false),
            ("an opaque origin", Some("null"), false),
            ("a trailing slash", Some("http://127.0.0.1:8080/"), true),
            ("a path", Some("http://127.0.0.1:8080/chat"), true),
            ("a user", Some("http://user@127.0.0.1:8080"), true),
            ("another scheme", Some("https://127.0.0.1:8080"), true),
            ("not a URI", Some("::not a url"), false),
            ("empty", Some(""), false),
        ];
        for (case, origin, want) in cases {
            let mut headers = HeaderMap::new();
            let host = if case.contains("case") {
                "localhost:8080"
            } else {
                "127.0.0.1:8080"
            };
            headers.insert(header::HOST, host.parse().unwrap());
            if let Some(origin) = origin {
                headers.insert(header::ORIGIN, origin.parse().unwrap());
            }
            assert_eq!(same_origin(&headers), want, "{case}");
        }
    }
}
