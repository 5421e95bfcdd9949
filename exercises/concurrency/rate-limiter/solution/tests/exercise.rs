//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate rate_limiter_solution as rate_limiter;

#[path = "../../tests/cases.rs"]
mod cases;
