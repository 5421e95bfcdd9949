//! `Debug` and `Display` beside Go's `%v`, `%+v`, `%#v` and `String()`:
//! `#[derive(Debug)]` writes the form for programmers, and `Display` is
//! written by hand for the form users read.

use std::fmt;

// ANCHOR: types
/// A server's settings. `Debug` is derived: every field, by name.
#[derive(Debug)]
struct Server {
    name: String,
    port: u16,
    tags: Vec<String>,
}

/// A point on a grid. `Debug` is derived and `Display` is written by hand;
/// the two are separate traits and `{:?}` keeps using the derived one.
#[derive(Debug)]
struct Point {
    x: i32,
    y: i32,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}
// ANCHOR_END: types

// ANCHOR: main
fn main() {
    let server = Server {
        name: "api".to_string(),
        port: 8080,
        tags: vec!["web".to_string(), "prod".to_string()],
    };
    println!("{server:?}");
    println!("{server:#?}");
    println!("{}:{} {}", server.name, server.port, server.tags.join(","));

    let p = Point { x: 1, y: -2 };
    println!("{p} {p:?}");
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> Server {
        Server {
            name: "api".to_string(),
            port: 8080,
            tags: vec!["web".to_string(), "prod".to_string()],
        }
    }

    #[test]
    fn each_format_spec() {
        let p = Point { x: 1, y: -2 };
        let cases = [
            (
                format!("{:?}", server()),
                r#"Server { name: "api", port: 8080, tags: ["web", "prod"] }"#,
            ),
            (
                format!("{:#?}", server()),
                r#"Server {
    name: "api",
    port: 8080,
    tags: [
        "web",
        "prod",
    ],
}"#,
            ),
            (format!("{p}"), "(1, -2)"),
            (format!("{p:?}"), "Point { x: 1, y: -2 }"),
            (p.to_string(), "(1, -2)"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}
// ANCHOR_END: tests
