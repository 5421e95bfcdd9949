//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate fan_in_solution as fan_in;

#[path = "../../tests/cases.rs"]
mod cases;
