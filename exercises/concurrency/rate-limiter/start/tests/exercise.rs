//! The exercise's tests (`../tests/cases.rs`) against this crate, your port.
#[path = "../../tests/cases.rs"]
mod cases;
