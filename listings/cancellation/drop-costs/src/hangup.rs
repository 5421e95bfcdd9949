//! A client that hangs up while its request is being handled. hyper notices
//! the closed connection and drops the handler's future, so work done
//! inside it stops at its `.await`; work spawned as a task runs on.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc};

/// What the tests observe, in order.
#[derive(Debug, PartialEq)]
pub enum Event {
    Started(&'static str),
    Finished(&'static str),
    Cancelled(&'static str),
}

/// The work a request does: it starts, waits until `release`, and finishes.
/// It stands in for a database write or a call to another service.
#[derive(Clone)]
pub struct Work {
    events: mpsc::UnboundedSender<Event>,
    go_on: Arc<Notify>,
}

impl Work {
    pub fn new() -> (Work, mpsc::UnboundedReceiver<Event>) {
        let (events, seen) = mpsc::unbounded_channel();
        let go_on = Arc::new(Notify::new());
        (Work { events, go_on }, seen)
    }

    /// Lets the one waiting run finish.
    pub fn release(&self) {
        self.go_on.notify_one();
    }

    async fn run(self) -> &'static str {
        let watch = self.watch("work");
        self.go_on.notified().await;
        watch.finish();
        "done\n"
    }

    fn watch(&self, who: &'static str) -> Watch {
        let _ = self.events.send(Event::Started(who));
        Watch {
            events: self.events.clone(),
            who,
            finished: false,
        }
    }
}

/// Reports `Finished` or `Cancelled` when dropped: a future that is dropped
/// at an `.await` runs its destructors, and nothing else.
struct Watch {
    events: mpsc::UnboundedSender<Event>,
    who: &'static str,
    finished: bool,
}

impl Watch {
    fn finish(mut self) {
        self.finished = true;
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let event = if self.finished {
            Event::Finished(self.who)
        } else {
            Event::Cancelled(self.who)
        };
        let _ = self.events.send(event);
    }
}

// ANCHOR: handlers
/// The work runs inside the handler's future, and stops where it waits
/// when hyper drops that future.
async fn inline(State(work): State<Work>) -> &'static str {
    work.run().await
}

/// The work runs in a task of its own. A hang-up drops the handler, and
/// with it the `JoinHandle`, which detaches the task: it runs to the end.
async fn spawned(State(work): State<Work>) -> &'static str {
    let watch = work.watch("handler");
    let answer = tokio::spawn(work.run()).await.unwrap_or("panicked\n");
    watch.finish();
    answer
}
// ANCHOR_END: handlers

/// Serves both handlers on a free loopback port, in a task of its own.
pub async fn serve_on_loopback(work: Work) -> SocketAddr {
    let app = Router::new()
        .route("/inline", get(inline))
        .route("/spawned", get(spawned))
        .with_state(work);
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    use tokio::net::TcpStream;

    /// Sends a GET for `path` and returns the open connection.
    async fn request(addr: SocketAddr, path: &str) -> TcpStream {
        let mut client = TcpStream::connect(addr).await.expect("connect");
        let head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        client.write_all(head.as_bytes()).await.expect("send");
        client
    }

    /// The next event; the time limit only turns a hang into a failure.
    async fn next(events: &mut mpsc::UnboundedReceiver<Event>) -> Event {
        tokio::time::timeout(Duration::from_secs(10), events.recv())
            .await
            .expect("no event within 10 s")
            .expect("the server is gone")
    }

    // ANCHOR: test-inline
    #[tokio::test]
    async fn a_hang_up_drops_the_work_inside_the_handler() {
        let (work, mut events) = Work::new();
        let addr = serve_on_loopback(work.clone()).await;
        let client = request(addr, "/inline").await;
        assert_eq!(next(&mut events).await, Event::Started("work"));

        drop(client);
        assert_eq!(next(&mut events).await, Event::Cancelled("work"));
    }
    // ANCHOR_END: test-inline

    // ANCHOR: test-spawned
    #[tokio::test]
    async fn a_hang_up_leaves_spawned_work_running() {
        let (work, mut events) = Work::new();
        let addr = serve_on_loopback(work.clone()).await;
        let client = request(addr, "/spawned").await;
        assert_eq!(next(&mut events).await, Event::Started("handler"));
        assert_eq!(next(&mut events).await, Event::Started("work"));

        drop(client);
        assert_eq!(next(&mut events).await, Event::Cancelled("handler"));
        work.release();
        assert_eq!(next(&mut events).await, Event::Finished("work"));
    }
    // ANCHOR_END: test-spawned
}
