//! Every compile-fail listing must fail to compile with exactly the errors in
//! its committed `.stderr`, which the chapter shows. After a rustc upgrade
//! changes the wording, refresh them with
//! `TRYBUILD=overwrite cargo test -p book-doctests --test compile_fail`
//! and read the diff: the text around each listing may need the same change.

use std::fs;

use book_doctests::{COMPILE_FAIL_GLOB, root};

#[test]
fn compile_fail_listings_fail_as_shown() {
    trybuild::TestCases::new().compile_fail(root().join(COMPILE_FAIL_GLOB));
}

/// A listing named `e0502-…` exists to show error E0502: its `.stderr` must
/// contain that error, so a listing that starts failing for another reason
/// cannot pass by accident.
#[test]
fn each_listing_shows_the_error_its_name_promises() {
    let mut checked = 0;
    for dir in fs::read_dir(root().join("listings")).unwrap().flatten() {
        let Ok(entries) = fs::read_dir(dir.path().join("compile-fail")) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
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
            checked += 1;
        }
    }
    println!("{checked} compile-fail listings checked");
}
