//! The doctests compile what mdBook renders.
//!
//! build.rs expands the chapters with the mdBook library on its own; the
//! book readers see is built from book.toml, with every renderer and
//! preprocessor it configures (`cargo xtask test`'s book stage, or `mdbook
//! build`). This test compares the code blocks of both, chapter by chapter,
//! so a version drift or a preprocessor that only the full build runs cannot
//! make the tests check other code than the page shows. It needs that
//! build's markdown output, so it is ignored by plain `cargo test`; `cargo
//! xtask test` builds the book, sets BOOK_MARKDOWN_DIR and runs it with
//! `--ignored`.

use std::fs;
use std::path::{Path, PathBuf};

#[test]
#[ignore = "needs the built book's markdown output; cargo xtask test runs it"]
fn doctests_compile_the_code_mdbook_renders() {
    let rendered = PathBuf::from(
        std::env::var("BOOK_MARKDOWN_DIR").expect("BOOK_MARKDOWN_DIR names book/markdown"),
    );
    let expanded = Path::new(env!("OUT_DIR")).join("expanded");
    // Both sides hold the same chapters: one only mdbook renders is not
    // tested, one only the doctests have is stale.
    let names = |dir: &Path| -> Vec<PathBuf> {
        markdown_files(dir)
            .into_iter()
            .map(|f| f.strip_prefix(dir).unwrap().to_owned())
            .collect()
    };
    let (ours, theirs) = (names(&expanded), names(&rendered));
    let show = |list: Vec<&PathBuf>| {
        list.iter()
            .map(|c| format!("src/{}", c.display()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let untested: Vec<_> = theirs.iter().filter(|c| !ours.contains(c)).collect();
    assert!(
        untested.is_empty(),
        "{}: mdbook renders these chapters, but the doctests did not expand them \
         (rebuild book-doctests: cargo test --workspace --test chapters)",
        show(untested)
    );
    let stale: Vec<_> = ours.iter().filter(|c| !theirs.contains(c)).collect();
    assert!(
        stale.is_empty(),
        "{}: the doctests expanded these chapters, but mdbook does not render them; are they \
         still in src/SUMMARY.md? ({} may be stale)",
        show(stale),
        expanded.display()
    );
    let mut compared = 0;
    for chapter in markdown_files(&expanded) {
        let relative = chapter.strip_prefix(&expanded).unwrap();
        let ours = fs::read_to_string(&chapter).unwrap();
        let theirs = fs::read_to_string(rendered.join(relative))
            .unwrap_or_else(|e| panic!("mdbook did not render {}: {e}", relative.display()));
        let (ours, theirs) = (code_blocks(&ours), code_blocks(&theirs));
        assert_eq!(
            ours.len(),
            theirs.len(),
            "src/{}: the doctests see {} code blocks, mdbook renders {}",
            relative.display(),
            ours.len(),
            theirs.len()
        );
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            assert_eq!(
                a,
                b,
                "src/{}: code block {} differs between the doctests and mdbook's rendering",
                relative.display(),
                i + 1
            );
        }
        compared += ours.len();
    }
    assert!(
        compared > 0,
        "no code blocks compared; is {} empty?",
        expanded.display()
    );
    println!("{compared} code blocks are identical in the doctests and the rendered book");
}

/// The fenced code blocks of a markdown text, fence line included.
fn code_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let fence = line.trim_start().starts_with("```");
        match (&mut current, fence) {
            (None, true) => current = Some(format!("{line}\n")),
            (Some(block), true) => {
                block.push_str(line);
                blocks.push(current.take().unwrap());
            }
            (Some(block), false) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, false) => {}
        }
    }
    blocks
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found.sort();
    found
}
