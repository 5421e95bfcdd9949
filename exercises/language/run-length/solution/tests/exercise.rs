//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate run_length_solution as run_length;

#[path = "../../tests/cases.rs"]
mod cases;
