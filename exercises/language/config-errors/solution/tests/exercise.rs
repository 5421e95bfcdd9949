//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate config_errors_solution as config_errors;

#[path = "../../tests/cases.rs"]
mod cases;
