//! The shapes exercise's tests, case for case the Go tests of
//! `go/shapes_test.go` under the same names. Your port (`start/`) and the
//! reference solution (`solution/`) both run this file: `cargo xtask
//! exercise shapes` runs it against yours.

use std::f64::consts::PI;

use shapes::{Circle, Rect, Shape, largest, total_area};

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn circle_area_and_perimeter() {
    let c = Circle { r: 2.0 };
    assert!(
        near(c.area(), 4.0 * PI) && near(c.perimeter(), 4.0 * PI),
        "{c}: area {}, perimeter {}; want 4π and 4π",
        c.area(),
        c.perimeter()
    );
}

#[test]
fn rect_area_and_perimeter() {
    let r = Rect { w: 3.0, h: 4.0 };
    assert!(
        near(r.area(), 12.0) && near(r.perimeter(), 14.0),
        "{r}: area {}, perimeter {}; want 12 and 14",
        r.area(),
        r.perimeter()
    );
}

#[test]
fn shapes_print_like_their_go_stringers() {
    let cases: [(Box<dyn Shape>, &str); 3] = [
        (Box::new(Circle { r: 1.5 }), "circle(r=1.5)"),
        (Box::new(Rect { w: 2.0, h: 3.0 }), "rect(2x3)"),
        (Box::new(Rect { w: 0.25, h: 10.0 }), "rect(0.25x10)"),
    ];
    for (shape, want) in cases {
        assert_eq!(shape.to_string(), want, "to_string()");
    }
}

#[test]
fn largest_has_the_most_area() {
    let shapes: Vec<Box<dyn Shape>> = vec![
        Box::new(Rect { w: 1.0, h: 1.0 }),
        Box::new(Circle { r: 1.0 }),
        Box::new(Rect { w: 2.0, h: 2.0 }),
    ];
    let got = largest(&shapes).map(|s| s.to_string());
    assert_eq!(got.as_deref(), Some("rect(2x2)"), "largest");
}

#[test]
fn largest_of_a_tie_is_the_first() {
    let shapes: Vec<Box<dyn Shape>> = vec![
        Box::new(Rect { w: 2.0, h: 2.0 }),
        Box::new(Rect { w: 1.0, h: 4.0 }),
    ];
    let got = largest(&shapes).map(|s| s.to_string());
    assert_eq!(got.as_deref(), Some("rect(2x2)"), "largest");
}

#[test]
fn largest_of_none_is_none() {
    let got = largest(&[]).map(|s| s.to_string());
    assert_eq!(got, None, "largest(&[])");
}

#[test]
fn total_area_adds_up() {
    let shapes: Vec<Box<dyn Shape>> = vec![
        Box::new(Rect { w: 1.0, h: 2.0 }),
        Box::new(Rect { w: 3.0, h: 1.0 }),
    ];
    let got = total_area(&shapes);
    assert!(near(got, 5.0), "total_area = {got}, want 5");
}
