//! The exercise's black-box suite (`../tests/suite.rs`) against this crate's
//! binary, your port.

/// The binary the suite starts, unless `EXERCISE_BINARY` names another.
const BINARY: &str = env!("CARGO_BIN_EXE_tally");

#[path = "../../tests/suite.rs"]
mod suite;
