//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate shapes_solution as shapes;

#[path = "../../tests/cases.rs"]
mod cases;
