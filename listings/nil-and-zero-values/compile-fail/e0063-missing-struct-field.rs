//! A struct literal that leaves fields out, which Go fills with zeros.
//! rustc refuses: E0063.

use std::time::Duration;

#[derive(Debug)]
struct ServerConfig {
    addr: String,
    workers: usize,
    read_timeout: Duration,
    verbose: bool,
}

fn main() {
    let config = ServerConfig { verbose: true };
    println!("{config:?}");
}
