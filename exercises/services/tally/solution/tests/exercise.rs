//! The exercise's black-box suite (`../tests/suite.rs`) against the
//! reference solution's binary, or the Go original's when `EXERCISE_BINARY`
//! names it (the `exercises` stage of `cargo xtask test`).

/// The binary the suite starts, unless `EXERCISE_BINARY` names another.
const BINARY: &str = env!("CARGO_BIN_EXE_tally-solution");

#[path = "../../tests/suite.rs"]
mod suite;
