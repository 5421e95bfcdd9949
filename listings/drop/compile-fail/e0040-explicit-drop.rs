//! Calls a destructor by hand, as a Go programmer calls `Close`. Rust runs
//! `Drop::drop` itself and refuses a direct call: E0040.

struct Connection;

impl Drop for Connection {
    fn drop(&mut self) {
        println!("closing");
    }
}

fn main() {
    let conn = Connection;
    conn.drop();
    println!("closed early");
}
