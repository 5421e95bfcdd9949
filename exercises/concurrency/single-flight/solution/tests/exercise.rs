//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate single_flight_solution as single_flight;

#[path = "../../tests/cases.rs"]
mod cases;
