//! Returns a reference to a local variable, as Go code returns `&t`.
//! rustc refuses: E0515.

struct Tally {
    name: String,
    count: u32,
}

fn new_tally(name: &str) -> &Tally {
    let tally = Tally {
        name: name.to_string(),
        count: 0,
    };
    &tally
}

fn main() {
    let tally = new_tally("visits");
    println!("{} {}", tally.name, tally.count);
}
