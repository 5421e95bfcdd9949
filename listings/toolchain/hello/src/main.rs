//! Prints a greeting: the program the toolchain chapter builds, tests,
//! formats and lints with cargo, beside the same program in Go.

// ANCHOR: program
// ANCHOR: greeting
/// Returns the greeting for `name`, or for the world when `name` is empty,
/// the way the Go twin treats its zero-value string.
pub fn greeting(name: &str) -> String {
    let name = if name.is_empty() { "world" } else { name };
    format!("Hello, {name}!")
}
// ANCHOR_END: greeting

// ANCHOR: main
fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    println!("{}", greeting(&name));
}
// ANCHOR_END: main
// ANCHOR_END: program

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::greeting;

    #[test]
    fn greets_by_name() {
        let cases = [
            ("empty name greets the world", "", "Hello, world!"),
            ("a name is used as given", "Gopher", "Hello, Gopher!"),
            ("unicode passes through", "Ferris 🦀", "Hello, Ferris 🦀!"),
        ];
        for (case, name, want) in cases {
            assert_eq!(greeting(name), want, "{case}");
        }
    }
}
// ANCHOR_END: tests
