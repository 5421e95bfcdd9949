//! Passes a string literal to a function that takes an owned `String`, as
//! Go code passes a literal to any `string` parameter. rustc refuses: E0308.

fn register(name: String) -> usize {
    name.len()
}

fn main() {
    let id = register("gopher");
    println!("registered as {id}");
}
