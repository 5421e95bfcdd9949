//! Declares a variable without a value and reads it on a path where nothing
//! was assigned, as Go code relies on `var level uint8` being zero.
//! rustc refuses: E0381.

fn main() {
    let quiet = std::env::args().any(|arg| arg == "-q");
    let level: u8;
    if !quiet {
        level = 2;
    }
    println!("log level {level}");
}
