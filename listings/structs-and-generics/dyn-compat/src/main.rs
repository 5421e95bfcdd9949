//! A trait that can be used as `dyn Shape`: every method the vtable holds
//! takes `&self` and has no type parameters, and the one generic method is
//! kept out of the vtable with `where Self: Sized`.

use std::fmt;

// ANCHOR: shape
/// Anything with an area that can be scaled.
pub trait Shape {
    fn area(&self) -> f64;

    /// A scaled copy, boxed: `-> Self` would need the concrete type, which
    /// a caller holding a `dyn Shape` does not know.
    fn scaled(&self, factor: f64) -> Box<dyn Shape>;

    /// Writes the area to any writer. A generic method cannot go in a
    /// vtable (there would be one entry per `W`), so `where Self: Sized`
    /// leaves it out: it can be called on a `Square`, not on a `dyn Shape`.
    fn report<W: fmt::Write>(&self, out: &mut W) -> fmt::Result
    where
        Self: Sized,
    {
        write!(out, "area {:.1}", self.area())
    }
}

pub struct Square {
    pub side: f64,
}

impl Shape for Square {
    fn area(&self) -> f64 {
        self.side * self.side
    }

    fn scaled(&self, factor: f64) -> Box<dyn Shape> {
        Box::new(Square {
            side: self.side * factor,
        })
    }
}

pub struct Circle {
    pub radius: f64,
}

impl Shape for Circle {
    /// 3 times the radius squared, to keep the numbers round.
    fn area(&self) -> f64 {
        3.0 * self.radius * self.radius
    }

    fn scaled(&self, factor: f64) -> Box<dyn Shape> {
        Box::new(Circle {
            radius: self.radius * factor,
        })
    }
}

/// Adds up the areas of shapes of any types.
pub fn total_area(shapes: &[Box<dyn Shape>]) -> f64 {
    shapes.iter().map(|s| s.area()).sum()
}
// ANCHOR_END: shape

// ANCHOR: main
fn main() {
    let mut shapes: Vec<Box<dyn Shape>> = vec![
        Box::new(Square { side: 2.0 }),
        Box::new(Circle { radius: 1.0 }),
    ];
    shapes.push(shapes[0].scaled(3.0));
    println!("{}", total_area(&shapes));
    let mut out = String::new();
    Square { side: 2.0 }.report(&mut out).unwrap();
    println!("{out}");
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_every_type_in_one_vec() {
        let mut shapes: Vec<Box<dyn Shape>> = vec![
            Box::new(Square { side: 2.0 }),
            Box::new(Circle { radius: 1.0 }),
        ];
        shapes.push(shapes[0].scaled(3.0));
        assert_eq!(total_area(&shapes), 4.0 + 3.0 + 36.0);
    }

    #[test]
    fn report_on_a_known_type() {
        let mut out = String::new();
        Square { side: 2.0 }.report(&mut out).unwrap();
        assert_eq!(out, "area 4.0");
    }
}
// ANCHOR_END: tests
