//! The word-count exercise's tests, case for case the Go tests of
//! `go/wordcount_test.go` under the same names. Your port (`start/`) and the
//! reference solution (`solution/`) both run this file: `cargo xtask exercise
//! word-count` runs it against yours.

use std::collections::HashMap;

use word_count::{WordCount, count, top};

/// A map of counts from a list of pairs.
fn counts(pairs: &[(&str, usize)]) -> HashMap<String, usize> {
    pairs.iter().map(|&(w, n)| (w.to_owned(), n)).collect()
}

/// Checks `count(text)` against the expected pairs, reporting a failure at
/// the case's line.
#[track_caller]
fn check_count(text: &str, want: &[(&str, usize)]) {
    assert_eq!(count(text), counts(want), "count({text:?})");
}

#[test]
fn empty_text_has_no_words() {
    check_count("", &[]);
}

#[test]
fn punctuation_only_has_no_words() {
    check_count(" ,.; -- !", &[]);
}

#[test]
fn words_are_split_on_anything_but_letters_and_digits() {
    check_count(
        "one,two  three\nfour-five",
        &[
            ("one", 1),
            ("two", 1),
            ("three", 1),
            ("four", 1),
            ("five", 1),
        ],
    );
}

#[test]
fn case_is_ignored() {
    check_count("Go go GO gopher", &[("go", 3), ("gopher", 1)]);
}

#[test]
fn digits_belong_to_words() {
    check_count(
        "http2 and http3 and http2",
        &[("http2", 2), ("and", 2), ("http3", 1)],
    );
}

#[test]
fn letters_beyond_ascii_are_letters() {
    check_count("Café, café! Über über", &[("café", 2), ("über", 2)]);
}

/// Checks `top` of the Go test's counts against the expected ranking,
/// reporting a failure at the case's line.
#[track_caller]
fn check_top(n: usize, want: &[(&str, usize)]) {
    let given = counts(&[("b", 2), ("a", 2), ("c", 5), ("d", 1)]);
    let want: Vec<WordCount> = want
        .iter()
        .map(|&(word, count)| WordCount {
            word: word.to_owned(),
            count,
        })
        .collect();
    assert_eq!(top(&given, n), want, "top({given:?}, {n})");
}

#[test]
fn most_frequent_first_ties_alphabetical() {
    check_top(3, &[("c", 5), ("a", 2), ("b", 2)]);
}

#[test]
fn fewer_words_than_asked() {
    check_top(10, &[("c", 5), ("a", 2), ("b", 2), ("d", 1)]);
}

#[test]
fn zero_asked_gives_none() {
    check_top(0, &[]);
}
