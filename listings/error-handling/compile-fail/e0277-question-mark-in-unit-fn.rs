//! `?` returns early with the error, so the function around it must return
//! a `Result` (or an `Option`) the error can go into. This `main` returns
//! `()`, so there is nowhere for the error to go.

fn main() {
    let n: i64 = "42".parse()?;
    println!("{n}");
}
