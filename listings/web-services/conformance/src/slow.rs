//! Slow clients on raw TCP sockets: a connection that sends half a request,
//! or nothing, and waits to see what the twin does with it. Every wait is
//! bounded by [`PATIENCE`], so a twin that never acts fails the case
//! instead of hanging it.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use testkit::{PATIENCE, Server};

/// Request headers cut off before the blank line that ends them.
pub const HALF_A_REQUEST: &str = "GET /notes HTTP/1.1\r\nHost: notes\r\nAccept: applic";

/// A raw connection to the twin.
pub fn connect(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(server.addr())
        .unwrap_or_else(|e| panic!("connecting to the {} twin: {e}", server.language));
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("a read timeout can be set");
    stream
}

/// Writes `bytes`; the twin may already have closed the connection, which
/// the next read reports.
pub fn send(stream: &mut TcpStream, bytes: &str) {
    testkit::conformance::raw_request(bytes);
    let _ = stream.write_all(bytes.as_bytes());
}

/// Reads until the twin closes the connection; how long that took, or
/// `None` if it was still open after [`PATIENCE`].
pub fn until_closed(stream: &mut TcpStream) -> Option<Duration> {
    let start = Instant::now();
    let mut buffer = [0; 4096];
    while start.elapsed() < PATIENCE {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(start.elapsed()),
        }
    }
    None
}

/// Whether the twin has not closed `stream` (nor sent anything on it).
pub fn is_open(stream: &TcpStream) -> bool {
    stream
        .set_nonblocking(true)
        .expect("the socket can be non-blocking");
    let open = matches!(
        stream.peek(&mut [0; 1]),
        Err(e) if e.kind() == ErrorKind::WouldBlock
    );
    stream
        .set_nonblocking(false)
        .expect("the socket can block again");
    open
}

/// Sends one whole `GET` and reads its whole answer (headers and a body of
/// `Content-Length` bytes): after this, the twin has surely accepted the
/// connection and is serving it. Returns the status line.
pub fn round_trip(stream: &mut TcpStream, path: &str) -> String {
    send(
        stream,
        &format!("GET {path} HTTP/1.1\r\nHost: notes\r\nAccept: application/json\r\n\r\n"),
    );
    let start = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or_else(|| panic!("no Content-Length in {head:?}"));
            if body.len() >= length {
                return head.lines().next().unwrap_or_default().to_owned();
            }
        }
        assert!(
            start.elapsed() < PATIENCE,
            "no whole answer to GET {path} within {PATIENCE:?}: {text:?}"
        );
        match stream.read(&mut buffer) {
            Ok(0) => panic!("the connection closed mid-answer: {text:?}"),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("reading the answer: {e}"),
        }
    }
}

/// Reads the status line of the answer to what was sent on `stream`.
pub fn status_line(stream: &mut TcpStream) -> String {
    let start = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0; 4096];
    loop {
        if let Some(end) = received.windows(2).position(|w| w == b"\r\n") {
            return String::from_utf8_lossy(&received[..end]).into_owned();
        }
        assert!(
            start.elapsed() < PATIENCE,
            "no status line within {PATIENCE:?}: {:?}",
            String::from_utf8_lossy(&received)
        );
        match stream.read(&mut buffer) {
            Ok(0) => panic!(
                "the connection closed before a status line: {:?}",
                String::from_utf8_lossy(&received)
            ),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("reading the answer: {e}"),
        }
    }
}
