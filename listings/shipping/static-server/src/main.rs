//! A tiny HTTP server, the program the "Shipping static binaries" chapter
//! builds as one self-contained file: `GET /healthz` answers `ok`, and
//! SIGTERM stops it after in-flight requests finish (or fails it after
//! `SHUTDOWN_TIMEOUT` if they do not), which is what a container runtime
//! sends before it kills a process.
//!
//! Run: `cargo run -p shipping-static-server -- --addr 127.0.0.1:8080`

use std::io;
use std::time::Duration;

use axum::{Router, routing::get};
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::oneshot;

// ANCHOR: server
/// The routes: one health check, enough to prove the binary runs.
fn app() -> Router {
    Router::new().route("/healthz", get(|| async { "ok" }))
}

/// How long requests in flight get after SIGTERM: less than the 10 seconds
/// `docker stop` waits before it sends SIGKILL.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(5);

#[tokio::main]
async fn main() -> io::Result<()> {
    // `--addr HOST:PORT`, defaulting to loopback: a container maps the port.
    let args: Vec<String> = std::env::args().collect();
    let addr = match args.iter().position(|a| a == "--addr") {
        Some(i) => args.get(i + 1).cloned().unwrap_or_default(),
        None => "127.0.0.1:8080".to_owned(),
    };
    let listener = TcpListener::bind(&addr).await?;
    let mut terminate = signal(SignalKind::terminate())?;
    serve(listener, app(), async move {
        terminate.recv().await;
    })
    .await
}

/// Serves `app` until `shutdown` completes, then stops accepting and
/// returns once the requests in flight have finished.
async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    println!("listening on {}", listener.local_addr()?);
    let (stopping, stopped) = oneshot::channel();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown.await;
        println!("shutting down");
        let _ = stopping.send(());
    });
    // axum waits for the requests in flight without a limit.
    let deadline = async {
        let _ = stopped.await;
        tokio::time::sleep(SHUTDOWN_TIMEOUT).await;
    };
    tokio::select! {
        served = server.into_future() => served,
        () = deadline => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("requests still running {SHUTDOWN_TIMEOUT:?} after the signal"),
        )),
    }
}
// ANCHOR_END: server

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    /// A route whose handler tells the test it has started, then waits
    /// until the test releases it.
    fn slow_app(entered: oneshot::Sender<()>, release: oneshot::Receiver<()>) -> Router {
        let channels = Arc::new(Mutex::new(Some((entered, release))));
        Router::new().route(
            "/slow",
            get(move || {
                let taken = channels.lock().unwrap().take();
                async move {
                    let (entered, release) = taken.expect("one request");
                    let _ = entered.send(());
                    let _ = release.await;
                    "done"
                }
            }),
        )
    }

    /// Sends `GET /slow` and returns the whole response.
    async fn get_slow(addr: std::net::SocketAddr) -> String {
        let mut stream = TcpStream::connect(addr).await.expect("connects");
        stream
            .write_all(b"GET /slow HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            .await
            .expect("sends");
        let mut response = String::new();
        stream.read_to_string(&mut response).await.expect("reads");
        response
    }

    /// The signal arrives while a request is inside its handler; the
    /// handler blocks until the test releases it, so no step depends on
    /// timing.
    #[tokio::test]
    async fn a_request_in_flight_finishes_after_the_signal() {
        let (entered_tx, entered) = oneshot::channel();
        let (release, release_rx) = oneshot::channel();
        let (signal, signal_rx) = oneshot::channel::<()>();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(serve(listener, slow_app(entered_tx, release_rx), async {
            let _ = signal_rx.await;
        }));
        let response = tokio::spawn(get_slow(addr));
        entered.await.expect("the request reaches the handler");
        signal.send(()).unwrap();
        // Once the server stops accepting, it only waits for the request.
        while TcpStream::connect(addr).await.is_ok() {
            tokio::task::yield_now().await;
        }
        assert!(
            !server.is_finished(),
            "serve returned with a request in flight"
        );
        release.send(()).unwrap();
        let response = response.await.unwrap();
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(response.ends_with("\r\n\r\ndone"), "{response}");
        server
            .await
            .unwrap()
            .expect("serve returns Ok once the request is done");
    }

    /// A request that never finishes makes `serve` give up after
    /// `SHUTDOWN_TIMEOUT`, on a paused clock that skips the wait.
    #[tokio::test(start_paused = true)]
    async fn a_request_that_never_finishes_is_abandoned() {
        let (entered_tx, entered) = oneshot::channel();
        let (_release, release_rx) = oneshot::channel();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = serve(listener, slow_app(entered_tx, release_rx), async {
            entered.await.expect("the request reaches the handler");
        });
        let _response = tokio::spawn(get_slow(addr));
        let err = tokio::time::timeout(SHUTDOWN_TIMEOUT * 2, server)
            .await
            .expect("serve gives up at its deadline")
            .expect_err("the request never finishes");
        assert_eq!(err.kind(), io::ErrorKind::TimedOut, "{err}");
    }
}
