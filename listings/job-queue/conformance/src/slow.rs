//! Slow clients on raw TCP sockets: connections that send part of a request
//! and then wait, to see what the twin does with them. Every wait here is
//! bounded, so a twin that never acts fails the case instead of hanging it.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use testkit::{PATIENCE, Server};

/// How long one read waits before the client sends its next dribble.
const TICK: Duration = Duration::from_millis(200);

/// A connection to the twin, after writing `start` on it.
pub fn connect(server: &Server, start: &str) -> TcpStream {
    testkit::conformance::raw_request(start);
    let mut stream = TcpStream::connect(server.addr())
        .unwrap_or_else(|e| panic!("connecting to the {} twin: {e}", server.language));
    stream.set_read_timeout(Some(TICK)).unwrap();
    stream.write_all(start.as_bytes()).unwrap();
    stream
}

/// How a connection ended, as the client saw it.
#[derive(Debug)]
pub struct Closed {
    /// Everything the twin sent before it closed the connection.
    pub received: String,
    /// How long after the call the connection was closed.
    pub after: Duration,
}

/// Reads until the twin closes the connection, writing `dribble` (if not
/// empty) after each quiet [`TICK`]; `None` if it is still open after
/// [`PATIENCE`].
pub fn until_closed(stream: &mut TcpStream, dribble: &str) -> Option<Closed> {
    let start = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0; 4096];
    while start.elapsed() < PATIENCE {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                // A write to a connection the twin has closed may fail;
                // the next read then reports the end.
                if !dribble.is_empty() {
                    let _ = stream.write_all(dribble.as_bytes());
                }
                continue;
            }
            Err(_) => break,
        }
    }
    (start.elapsed() < PATIENCE).then(|| Closed {
        received: String::from_utf8_lossy(&received).into_owned(),
        after: start.elapsed(),
    })
}

/// Whether anything arrives on `stream` within `window`.
pub fn answers_within(stream: &mut TcpStream, window: Duration) -> bool {
    let start = Instant::now();
    let mut buffer = [0; 1];
    while start.elapsed() < window {
        match stream.read(&mut buffer) {
            Ok(n) => return n > 0,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return false,
        }
    }
    false
}
