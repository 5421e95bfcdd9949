//! A golden-file test: parse every line of `testdata/inputs.txt` and compare
//! the rendered results with `testdata/parse.golden`, which the Go twin
//! checks too, so the two parsers cannot drift apart unnoticed.
//!
//! After an intended change, rewrite the file and review the diff:
//! `UPDATE_GOLDEN=1 cargo test -p testing-query --test golden`

use std::fs;
use std::path::Path;

// ANCHOR: golden
/// One line per input: the input, then its pairs or its error.
fn render(input: &str) -> String {
    match testing_query::parse(input) {
        Ok(pairs) => {
            let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("[{k}]=[{v}]")).collect();
            format!("{input:<24} ok {}\n", pairs.join(" "))
        }
        Err(e) => format!("{input:<24} error: {e}\n"),
    }
}

#[test]
fn parse_matches_the_golden_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let inputs = fs::read_to_string(dir.join("inputs.txt")).unwrap();
    let got: String = inputs.lines().map(render).collect();
    let golden = dir.join("parse.golden");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&golden, &got).unwrap();
    }
    let want = fs::read_to_string(&golden).unwrap();
    assert_eq!(got, want, "rerun with UPDATE_GOLDEN=1 and review the diff");
}
// ANCHOR_END: golden
