//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate word_count_solution as word_count;

#[path = "../../tests/cases.rs"]
mod cases;
