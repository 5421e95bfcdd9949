//! A program that holds a guard and then leaves in the way its argument
//! names: `return`, `panic`, `exit` or `abort`. Its test runs it once per
//! way and checks whether the guard's destructor printed its line.

// ANCHOR: main
/// Prints a line when it is dropped.
struct Announce(&'static str);

impl Drop for Announce {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "return".into());
    let _guard = Announce("guard");
    println!("mode {mode}");
    match mode.as_str() {
        "panic" => panic!("a bug"),       // unwinds: `_guard` is dropped
        "exit" => std::process::exit(3),  // no destructor runs
        "abort" => std::process::abort(), // no destructor runs
        _ => {}                           // returns: `_guard` is dropped
    }
}
// ANCHOR_END: main
