//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate tokenizer_solution as tokenizer;

#[path = "../../tests/cases.rs"]
mod cases;
