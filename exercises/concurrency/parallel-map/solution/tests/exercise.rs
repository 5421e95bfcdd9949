//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate parallel_map_solution as parallel_map;

#[path = "../../tests/cases.rs"]
mod cases;
