//! Embedding, translated: Go promotes an embedded struct's methods to the
//! outer struct; Rust has no embedding, so the outer struct holds a field
//! and forwards to it in the methods it chooses to offer.

// ANCHOR: logger
/// Collects log lines, each with a prefix.
#[derive(Debug, Default)]
pub struct Logger {
    prefix: String,
    lines: Vec<String>,
}

impl Logger {
    pub fn new(prefix: &str) -> Self {
        Self {
            prefix: prefix.to_string(),
            lines: Vec::new(),
        }
    }

    pub fn log(&mut self, message: &str) {
        self.lines.push(format!("{}{message}", self.prefix));
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }
}
// ANCHOR_END: logger

// ANCHOR: server
/// A server that logs. The logger is a field like any other.
pub struct Server {
    logger: Logger,
    addr: String,
}

impl Server {
    pub fn new(addr: &str) -> Self {
        Self {
            logger: Logger::new("[server] "),
            addr: addr.to_string(),
        }
    }

    pub fn start(&mut self) {
        let message = format!("listening on {}", self.addr);
        self.logger.log(&message);
    }

    /// Forwarding is written out: `Server` offers `log` because this method
    /// says so, not because a field happens to have one.
    pub fn log(&mut self, message: &str) {
        self.logger.log(message);
    }

    pub fn logger(&self) -> &Logger {
        &self.logger
    }
}
// ANCHOR_END: server

// ANCHOR: main
fn main() {
    let mut server = Server::new("127.0.0.1:8080");
    server.start();
    server.log("ready");
    assert_eq!(
        server.logger().lines(),
        ["[server] listening on 127.0.0.1:8080", "[server] ready"]
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_logs_through_its_logger() {
        let cases = [
            ("started only", vec![], vec!["[server] listening on a:1"]),
            (
                "started and logged",
                vec!["ready", "busy"],
                vec![
                    "[server] listening on a:1",
                    "[server] ready",
                    "[server] busy",
                ],
            ),
        ];
        for (case, messages, want) in cases {
            let mut server = Server::new("a:1");
            server.start();
            for message in messages {
                server.log(message);
            }
            assert_eq!(server.logger().lines(), want, "{case}");
        }
    }
}
