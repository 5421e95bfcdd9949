//! The exercise's tests (`../tests/cases.rs`) against the reference solution,
//! under the name they use for the reader's crate.
extern crate lru_cache_solution as lru_cache;

#[path = "../../tests/cases.rs"]
mod cases;
