//! Every compile-fail listing must fail to compile with exactly the errors in
//! its committed `.stderr`, which the chapter shows. After a rustc upgrade
//! changes the wording, refresh them with
//! `TRYBUILD=overwrite cargo test -p book-doctests --test compile_fail`
//! and read the diff: the text around each listing may need the same change.

use std::fs;
use std::path::PathBuf;

use book_doctests::{COMPILE_FAIL_GLOB, root};

/// The files matching [`COMPILE_FAIL_GLOB`], sorted. Fails when there are
/// none: trybuild passes an empty glob, and so would these tests.
fn listings() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in fs::read_dir(root().join("listings")).unwrap().flatten() {
        let Ok(entries) = fs::read_dir(dir.path().join("compile-fail")) else {
            continue;
        };
        found.extend(
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "rs")),
        );
    }
    found.sort();
    assert!(
        !found.is_empty(),
        "no compile-fail listing matches {COMPILE_FAIL_GLOB} under {}; the chapters show some, \
         so this test would check nothing",
        root().display()
    );
    found
}

#[test]
fn compile_fail_listings_fail_as_shown() {
    let cases = trybuild::TestCases::new();
    let listings = listings();
    for listing in &listings {
        cases.compile_fail(listing);
    }
    drop(cases);
    println!("{} compile-fail listings compiled", listings.len());
}

/// A listing named `e0502-…` exists to show error E0502: its `.stderr` must
/// contain that error, so a listing that starts failing for another reason
/// cannot pass by accident.
#[test]
fn each_listing_shows_the_error_its_name_promises() {
    let listings = listings();
    for path in &listings {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let code = name.split('-').next().unwrap_or_default().to_uppercase();
        assert!(
            code.len() == 5
                && code.starts_with('E')
                && code[1..].bytes().all(|b| b.is_ascii_digit()),
            "{}: a compile-fail listing's name starts with its error code, e.g. e0502-…",
            path.display()
        );
        let stderr = fs::read_to_string(path.with_extension("stderr")).unwrap_or_default();
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "{}: its .stderr does not contain error[{code}]",
            path.display()
        );
    }
    println!("{} compile-fail listings checked", listings.len());
}
