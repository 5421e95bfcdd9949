//! The shapes exercise: port `../go/shapes.go` to Rust here.
//!
//! Replace each `todo!()` with code that does what the doc comment above it
//! says, then run `cargo xtask exercise shapes`: it runs the tests of
//! `../tests/cases.rs`, the Go tests case for case, against this crate.
// The `todo!()` bodies do not use their parameters yet; delete this line once
// they all do (the compiler says so).
#![expect(unused_variables, reason = "the exercise's todo!() bodies")]

use std::fmt;

// ANCHOR: trait
/// Go's `Shape` interface. Go embeds `fmt.Stringer` in it; here `Display`
/// is a supertrait, so every shape can be printed with `{}` and has
/// `to_string()`.
pub trait Shape: fmt::Display {
    fn area(&self) -> f64;
    fn perimeter(&self) -> f64;
}
// ANCHOR_END: trait

/// Go's `Circle`: a circle of radius `r`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub r: f64,
}

/// Go's `Rect`: a rectangle `w` wide and `h` high.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub w: f64,
    pub h: f64,
}

// ANCHOR: impls
/// Area π r², perimeter 2π r (`std::f64::consts::PI`).
impl Shape for Circle {
    fn area(&self) -> f64 {
        todo!()
    }

    fn perimeter(&self) -> f64 {
        todo!()
    }
}

/// Go's `String`: `circle(r=1.5)`. Go's `%g` and Rust's `{}` print these
/// numbers alike.
impl fmt::Display for Circle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}

/// Area w h, perimeter 2 (w + h).
impl Shape for Rect {
    fn area(&self) -> f64 {
        todo!()
    }

    fn perimeter(&self) -> f64 {
        todo!()
    }
}

/// Go's `String`: `rect(2x3)`.
impl fmt::Display for Rect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        todo!()
    }
}
// ANCHOR_END: impls

// ANCHOR: functions
/// Go's `Largest`: the shape with the largest area, the first of them when
/// several tie; `None` (Go's `false`) when there are no shapes.
pub fn largest(shapes: &[Box<dyn Shape>]) -> Option<&dyn Shape> {
    todo!()
}

/// Go's `TotalArea`: the sum of the shapes' areas.
pub fn total_area(shapes: &[Box<dyn Shape>]) -> f64 {
    todo!()
}
// ANCHOR_END: functions
