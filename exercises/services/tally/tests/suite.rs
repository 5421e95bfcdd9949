//! The tally exercise's black-box suite: each case starts the server on a
//! free loopback port and talks its line protocol over TCP. Your port
//! (`start/`), the reference solution (`solution/`) and the Go original
//! (`go/`) all pass it; `cargo xtask exercise tally` runs it against yours.
//!
//! Every read waits at most five seconds, a bound for a wrong server that a
//! right one never reaches.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use testkit::{Server, Twin};

/// How long a read waits for the server.
const PATIENCE: Duration = Duration::from_secs(5);

/// The server under test, started with `args`: the including crate's
/// binary, or the one `EXERCISE_BINARY` names.
fn start(args: &[&str]) -> Server {
    let twin = match std::env::var_os("EXERCISE_BINARY") {
        Some(binary) => Twin::prebuilt("go", binary),
        None => Twin::rust(super::BINARY),
    };
    twin.start_with(args.iter().copied())
}

/// One connection to the server.
struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    #[track_caller]
    fn connect(server: &Server) -> Client {
        let stream = TcpStream::connect(server.addr()).expect("the server accepts");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        Client {
            reader: BufReader::new(stream),
        }
    }

    /// Sends `bytes` as they are.
    #[track_caller]
    fn send_raw(&mut self, bytes: &[u8]) {
        self.reader
            .get_mut()
            .write_all(bytes)
            .expect("the server reads");
    }

    /// The server's next line, without its newline.
    #[track_caller]
    fn answer(&mut self) -> String {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) => panic!("the server closed the connection instead of answering"),
            Ok(_) => line.trim_end_matches('\n').to_owned(),
            Err(e) => panic!("no answer within {PATIENCE:?} ({e})"),
        }
    }

    /// Sends `line` and a newline; the server's answer.
    #[track_caller]
    fn ask(&mut self, line: &str) -> String {
        self.send_raw(format!("{line}\n").as_bytes());
        self.answer()
    }

    /// Checks that the server has closed the connection: the next read
    /// finds its end.
    #[track_caller]
    fn assert_closed(&mut self, after: &str) {
        let mut rest = Vec::new();
        match self.reader.read_to_end(&mut rest) {
            Ok(_) if rest.is_empty() => {}
            Ok(_) => panic!(
                "after {after} the server sent {:?}, want the connection closed",
                String::from_utf8_lossy(&rest)
            ),
            Err(e) => panic!("after {after}, the connection is still open ({e})"),
        }
    }
}

#[test]
fn incr_adds_to_a_counter() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    assert_eq!(client.ask("INCR a"), "OK 1", "INCR a on a new counter");
    assert_eq!(client.ask("INCR a 41"), "OK 42", "INCR a 41 after INCR a");
    assert_eq!(client.ask("INCR a -2"), "OK 40", "INCR a -2 after 42");
    assert_eq!(client.ask("GET a"), "OK 40", "GET a after INCRs");
}

#[test]
fn get_of_a_new_counter_is_zero() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    assert_eq!(client.ask("GET nothing"), "OK 0", "GET of a new counter");
}

#[test]
fn counters_are_shared_by_connections() {
    let server = start(&[]);
    let (mut first, mut second) = (Client::connect(&server), Client::connect(&server));
    assert_eq!(
        first.ask("INCR hits 2"),
        "OK 2",
        "INCR hits 2, first client"
    );
    assert_eq!(second.ask("INCR hits"), "OK 3", "INCR hits, second client");
    assert_eq!(first.ask("GET hits"), "OK 3", "GET hits, first client");
}

#[test]
fn bad_input_gets_a_clear_error() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    for (line, want) in [
        ("FLY away", r#"ERR unknown command "FLY""#),
        ("INCR a lots", r#"ERR bad number "lots""#),
        ("INCR", "ERR usage: INCR name [n]"),
        ("INCR a 1 2", "ERR usage: INCR name [n]"),
        ("GET", "ERR usage: GET name"),
        ("   ", "ERR empty line"),
    ] {
        assert_eq!(client.ask(line), want, "the answer to {line:?}");
    }
    assert_eq!(
        client.ask("GET a"),
        "OK 0",
        "GET a after the errors: the connection stays open"
    );
}

#[test]
fn overflow_is_refused() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    let max = i64::MAX.to_string();
    assert_eq!(
        client.ask(&format!("INCR big {max}")),
        format!("OK {max}"),
        "INCR big by i64::MAX"
    );
    assert_eq!(
        client.ask("INCR big"),
        "ERR overflow",
        "INCR big past i64::MAX"
    );
    assert_eq!(
        client.ask("GET big"),
        format!("OK {max}"),
        "GET big after the refused INCR: unchanged"
    );
}

#[test]
fn quit_says_bye_and_closes() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    assert_eq!(client.ask("QUIT"), "BYE", "QUIT");
    client.assert_closed("BYE");
}

#[test]
fn a_line_of_1024_bytes_is_read() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    let line = format!("GET {}", "x".repeat(1020));
    assert_eq!(line.len(), 1024);
    assert_eq!(client.ask(&line), "OK 0", "GET of a 1020-byte name");
}

#[test]
fn a_longer_line_is_refused_and_closed() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    // 1025 bytes and no newline: the server must stop reading at its limit
    // (and reads all that was sent, so closing sends no reset).
    client.send_raw("x".repeat(1025).as_bytes());
    assert_eq!(
        client.answer(),
        "ERR line too long",
        "1025 bytes without a newline"
    );
    client.assert_closed("ERR line too long");
}

#[test]
fn a_line_that_is_not_utf8_is_refused_and_closed() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    assert_eq!(client.ask("INCR a"), "OK 1", "INCR a");
    // 0xff never occurs in UTF-8. Go's strings would carry it; Rust's
    // cannot, so both twins refuse the line alike.
    client.send_raw(b"INCR \xff\n");
    assert_eq!(client.answer(), "ERR line is not UTF-8", "INCR 0xff");
    client.assert_closed("ERR line is not UTF-8");
}

#[test]
fn an_idle_connection_is_closed() {
    let server = start(&["--idle-timeout-ms", "300"]);
    let mut client = Client::connect(&server);
    // Taken before the last line is sent: the server starts its idle clock
    // after it has read that line, so no right server answers sooner.
    let asked = Instant::now();
    assert_eq!(client.ask("GET a"), "OK 0", "GET a");
    assert_eq!(
        client.answer(),
        "ERR idle timeout",
        "300 ms after the last line"
    );
    let waited = asked.elapsed();
    assert!(
        waited >= Duration::from_millis(300),
        "closed for idleness {waited:?} after the last line was sent, before the 300 ms \
         of --idle-timeout-ms"
    );
    client.assert_closed("ERR idle timeout");
}

#[test]
fn sigterm_closes_connections_and_exits_cleanly() {
    let server = start(&[]);
    let mut client = Client::connect(&server);
    assert_eq!(client.ask("INCR a"), "OK 1", "INCR a");
    server.signal(nix::sys::signal::Signal::SIGTERM);
    assert_eq!(
        client.answer(),
        "ERR shutting down",
        "to a connection waiting for its next line, after SIGTERM"
    );
    client.assert_closed("ERR shutting down");
    let status = server.wait();
    assert!(
        status.success(),
        "after SIGTERM the server exited with {status}; want a clean exit (0)"
    );
}
