//! The reference solution of the shapes exercise: `go/shapes.go` in Rust.

use std::f64::consts::PI;
use std::fmt;

// ANCHOR: trait
/// What every shape can say about itself; `Display` prints it, as
/// `fmt.Stringer` does in Go.
pub trait Shape: fmt::Display {
    fn area(&self) -> f64;
    fn perimeter(&self) -> f64;
}
// ANCHOR_END: trait

/// A circle of radius `r`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub r: f64,
}

/// A rectangle `w` wide and `h` high.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub w: f64,
    pub h: f64,
}

// ANCHOR: impls
impl Shape for Circle {
    fn area(&self) -> f64 {
        PI * self.r * self.r
    }

    fn perimeter(&self) -> f64 {
        2.0 * PI * self.r
    }
}

impl fmt::Display for Circle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "circle(r={})", self.r)
    }
}

impl Shape for Rect {
    fn area(&self) -> f64 {
        self.w * self.h
    }

    fn perimeter(&self) -> f64 {
        2.0 * (self.w + self.h)
    }
}

impl fmt::Display for Rect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rect({}x{})", self.w, self.h)
    }
}
// ANCHOR_END: impls

// ANCHOR: functions
/// The shape with the largest area, the first of those that tie; `None`
/// when there are no shapes.
pub fn largest(shapes: &[Box<dyn Shape>]) -> Option<&dyn Shape> {
    let mut shapes = shapes.iter();
    let mut largest = shapes.next()?;
    for shape in shapes {
        if shape.area() > largest.area() {
            largest = shape;
        }
    }
    Some(largest.as_ref())
}

/// The sum of the shapes' areas.
pub fn total_area(shapes: &[Box<dyn Shape>]) -> f64 {
    shapes.iter().map(|s| s.area()).sum()
}
// ANCHOR_END: functions
