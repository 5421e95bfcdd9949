//! Passes a type that does not implement `Display` to a function that
//! needs it. rustc refuses at the call: E0277.

use std::fmt;

fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

struct Point {
    x: i32,
    y: i32,
}

fn main() {
    let path = [Point { x: 0, y: 0 }, Point { x: 3, y: 4 }];
    println!("{} from {}", join(&path), path[0].x + path[0].y);
}
