//! Calls a function of another module that is not marked `pub`, as Go code
//! cannot call a lower-case function of another package. rustc refuses:
//! E0603.

mod slug {
    fn make(name: &str) -> String {
        name.to_lowercase().replace(' ', "-")
    }
}

fn main() {
    println!("{}", slug::make("Blue Pen"));
}
