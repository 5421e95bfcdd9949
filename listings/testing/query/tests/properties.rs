//! Property tests, the stable-Rust stand-in for fuzzing: proptest feeds the
//! parser hundreds of generated inputs per run, from a fixed seed so a run
//! is repeatable, and shrinks any failure to a minimal input.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use testing_query::{format, parse};

// ANCHOR: properties
proptest! {
    #![proptest_config(Config {
        cases: 2_000,
        rng_seed: RngSeed::Fixed(0x5EED),
        rng_algorithm: RngAlgorithm::ChaCha,
        ..Config::default()
    })]

    /// Any input at all: the parser returns Ok or Err, and never panics.
    /// The pattern favours the characters the parser cares about.
    #[test]
    fn parse_never_panics(query in "([a-z=&+%]|[0-9A-Fa-f]|é|\\PC){0,40}") {
        let _ = parse(&query);
    }

    /// Whatever parses, formats back to a string that parses the same.
    #[test]
    fn parsed_pairs_survive_a_round_trip(query in "\\PC{0,40}") {
        if let Ok(pairs) = parse(&query) {
            prop_assert_eq!(parse(&format(&pairs)), Ok(pairs));
        }
    }

    /// Any pairs of strings survive format then parse.
    #[test]
    fn format_then_parse_is_identity(pairs in prop::collection::vec((".*", ".*"), 0..5)) {
        prop_assert_eq!(parse(&format(&pairs)), Ok(pairs));
    }
}
// ANCHOR_END: properties
