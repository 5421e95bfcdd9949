//! Building the book in this process with the mdBook library (the
//! mdbook-driver the doctests use), and the `book` stage's checks.
//!
//! Nothing here runs an installed `mdbook`: `cargo xtask serve` and
//! `cargo xtask test` need no tool but cargo. Readers who have mdBook
//! 0.5.4 installed can still run `mdbook serve`/`mdbook build`; book.toml
//! then runs the same captions through `cargo xtask preprocess`.

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use mdbook_renderer::{RenderContext, Renderer};

use crate::captions::Captions;
use crate::env::{Env, cargo_with};

/// What a change to any of these can change in the built book.
pub const SOURCES: &[&str] = &["book.toml", "src", "listings", "exercises", "theme"];

/// The book as book.toml describes it, with the captions preprocessor run
/// in-process instead of as `cargo xtask preprocess`, and the link checker
/// left to the `book` stage's test (see [`LinkcheckInTests`]).
pub fn load(root: &Path) -> Result<MDBook> {
    let mut book = MDBook::load(root)
        .with_context(|| format!("cannot load the book in {}", root.display()))?;
    book.with_preprocessor(Captions);
    book.with_renderer(LinkcheckInTests);
    Ok(book)
}

/// Stands in for book.toml's `[output.linkcheck2]`, which would run an
/// installed `mdbook-linkcheck2`: here the link checker is the library that
/// `xtask/tests/linkcheck.rs` calls, and the `book` stage runs it.
struct LinkcheckInTests;

impl Renderer for LinkcheckInTests {
    fn name(&self) -> &str {
        "linkcheck2"
    }

    fn render(&self, _: &RenderContext) -> Result<()> {
        Ok(())
    }
}

/// Builds every output book.toml names (HTML in `book/html`, the expanded
/// chapters in `book/markdown`), as `mdbook build` would.
pub fn build(root: &Path) -> Result<()> {
    let started = Instant::now();
    eprintln!("building the book into book/ with mdBook 0.5.4 (a few seconds)");
    load(root)?
        .build()
        .context("mdBook could not build the book")?;
    eprintln!("built the book in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Builds the book unless `book/html` is newer than every file it is made
/// from, so a check never reads a book left by an earlier build.
pub fn ensure_built(root: &Path) -> Result<()> {
    match stale(root)? {
        None => Ok(()),
        Some(why) => {
            eprintln!("{why}");
            build(root)
        }
    }
}

/// Why `book/html` cannot be checked as it is, or `None` when it is current.
fn stale(root: &Path) -> Result<Option<String>> {
    let built = root.join("book").join("html").join("index.html");
    let Ok(built_at) = built.metadata().and_then(|m| m.modified()) else {
        return Ok(Some("book/html has no built book".to_owned()));
    };
    let newest = SOURCES
        .iter()
        .filter_map(|source| newest_file(&root.join(source)))
        .max_by_key(|(time, _)| *time);
    Ok(newest.and_then(|(time, path)| {
        (time > built_at).then(|| {
            format!(
                "book/html is older than {}",
                path.strip_prefix(root).unwrap_or(&path).display()
            )
        })
    }))
}

/// The most recently modified file under `path` (or `path` itself), skipping
/// hidden entries and build output (`target`, Go binaries go there too).
fn newest_file(path: &Path) -> Option<(SystemTime, PathBuf)> {
    let metadata = path.symlink_metadata().ok()?;
    if !metadata.is_dir() {
        return Some((metadata.modified().ok()?, path.to_owned()));
    }
    std::fs::read_dir(path)
        .ok()?
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.') && name != "target"
        })
        .filter_map(|entry| newest_file(&entry.path()))
        .max_by_key(|(time, _)| *time)
}

/// The `book` stage: the in-process build, the reference pages' rows
/// checked against it (`reference.rs`), then two tests: the link check
/// (mdbook-linkcheck2 as a library, xtask/tests/linkcheck.rs) and the check
/// that the doctests compiled what mdBook renders (book-doctests).
pub fn build_and_check(env: &Env) -> Result<()> {
    build(&env.root)?;
    // The phrasebook and the std map, row by row, against the book just
    // built; reported with the tests' failures rather than instead of them.
    let reference = crate::reference::check(&env.root);
    // `--workspace`, not `-p book-doctests`: the features of every shared
    // dependency are unified as in the `rust` stage, which built these tests
    // already, so nothing compiles again here.
    let tests = cargo_with(
        env,
        &[
            "test",
            "--workspace",
            "--test",
            "linkcheck",
            "--test",
            "expansion",
            "--",
            "--ignored",
        ],
        &[("BOOK_MARKDOWN_DIR", env.root.join("book").join("markdown"))],
    );
    match (reference, tests) {
        (Err(reference), Err(tests)) => Err(anyhow::anyhow!("{reference:#}\n{tests:#}")),
        (reference, tests) => reference.and(tests),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{self, File};
    use std::time::Duration;

    fn touch(path: &Path, time: SystemTime) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "x").unwrap();
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(time)
            .unwrap();
    }

    #[test]
    fn a_book_older_than_a_source_is_stale_and_a_newer_one_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("book-root");
        let then = SystemTime::now() - Duration::from_secs(3600);
        let now = SystemTime::now();

        assert_eq!(
            stale(&root).unwrap().as_deref(),
            Some("book/html has no built book")
        );

        touch(&root.join("book/html/index.html"), then);
        touch(&root.join("src/chapter.md"), now);
        // Build output and editor state under the sources do not count.
        touch(
            &root.join("listings/a/target/debug/x"),
            now + Duration::from_secs(60),
        );
        touch(
            &root.join("listings/a/.x.swp"),
            now + Duration::from_secs(60),
        );
        assert_eq!(
            stale(&root).unwrap().as_deref(),
            Some("book/html is older than src/chapter.md")
        );

        touch(
            &root.join("book/html/index.html"),
            now + Duration::from_secs(1),
        );
        assert_eq!(stale(&root).unwrap(), None);
    }
}
