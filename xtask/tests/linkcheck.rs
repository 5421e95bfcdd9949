//! Every link and image of the book leads somewhere: mdbook-linkcheck2, the
//! link checker book.toml configures under `[output.linkcheck2]`, run as a
//! library on the chapters as mdBook hands them to that renderer (includes
//! expanded).
//!
//! The checker locates a problem in the expanded chapter, thousands of
//! lines longer than the file a writer edits; this test reports it at the
//! line of the chapter file (or of the included file) that holds the link.
//! `cargo xtask test book` runs it (it is ignored by plain `cargo test`,
//! like the expansion check of book-doctests the stage runs with it); by
//! hand: `cargo test --workspace --test linkcheck -- --ignored`.

use std::fs;
use std::path::{Path, PathBuf};

use codespan::{FileId, Files};
use codespan_reporting::diagnostic::Severity;
use linkcheck2::validation::Cache;
use mdbook_driver::MDBook;
use mdbook_linkcheck2::Config;
use mdbook_renderer::Renderer;

#[test]
#[ignore = "the `book` stage of cargo xtask test runs it"]
fn every_link_and_image_of_the_book_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let problems = check(root);
    assert!(
        problems.is_empty(),
        "{} broken link(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The checker's errors, each as `path:line: message`, as a writer finds it.
fn check(root: &Path) -> Vec<String> {
    let book = MDBook::load(root).expect("mdBook loads book.toml and src/SUMMARY.md");
    // The preprocessors book.toml runs for this renderer (mdBook's `links`
    // expands the includes; the captions are HTML only).
    let (mut book_for_checker, _) = book
        .preprocess_book(&Named("linkcheck2"))
        .expect("the preprocessors run");
    // The captions preprocessor (HTML only) defines `[repository]`, from
    // book.toml, in every chapter; the checker sees it defined the same way.
    let repository: Option<String> = book
        .config
        .get("output.html.git-repository-url")
        .expect("git-repository-url is a string");
    if let Some(url) = repository {
        book_for_checker.for_each_mut(|item| {
            if let mdbook_driver::book::BookItem::Chapter(chapter) = item {
                chapter
                    .content
                    .push_str(&format!("\n[repository]: {url}\n"));
            }
        });
    }
    let cfg: Config = book
        .config
        .get("output.linkcheck2")
        .expect("[output.linkcheck2] reads as mdbook-linkcheck2's settings")
        .unwrap_or_default();

    let mut files: Files<String> = Files::new();
    let (web_files, all_files) =
        mdbook_linkcheck2::load_files_into_memory(&book_for_checker, &mut files, |_| true);
    let (links, incomplete) = mdbook_linkcheck2::extract_links(&cfg, all_files.clone(), &files);
    let src = fs::canonicalize(book.source_dir()).unwrap();
    let outcome = mdbook_linkcheck2::validate(
        &links,
        &cfg,
        &src,
        &mut Cache::default(),
        &files,
        &web_files,
        &all_files,
        incomplete,
    )
    .expect("the link checker runs");
    println!("{} links checked", outcome.valid_links.len());

    let mut problems = Vec::new();
    for diagnostic in outcome.generate_diagnostics(&files, cfg.warning_policy) {
        if diagnostic.severity < Severity::Error {
            continue;
        }
        let Some(label) = diagnostic.labels.first() else {
            problems.push(diagnostic.message);
            continue;
        };
        let place = source_place(root, &src, &files, label.file_id, label.range.clone());
        problems.push(format!("{place}: {}", diagnostic.message));
    }
    problems
}

/// Where a writer finds the text at `range` of an expanded chapter: the
/// line of the chapter file that holds it, or of a file the chapter
/// includes; failing both, the line of the expanded chapter, said as such.
fn source_place(
    root: &Path,
    src: &Path,
    files: &Files<String>,
    file: FileId,
    range: std::ops::Range<usize>,
) -> String {
    let chapter = PathBuf::from(files.name(file));
    let expanded = files.source(file);
    let snippet = &expanded[range.clone()];
    // The how-manieth occurrence of the snippet this is, in the expanded text.
    let nth = expanded[..range.start].matches(snippet).count();
    let chapter_file = src.join(&chapter);
    let shown = |path: &Path| {
        path.strip_prefix(root)
            .or_else(|_| path.strip_prefix(fs::canonicalize(root).unwrap()))
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let text = fs::read_to_string(&chapter_file).unwrap_or_default();
    if let Some(line) = nth_line_of(&text, snippet, nth).or_else(|| nth_line_of(&text, snippet, 0))
    {
        return format!("{}:{line}", shown(&chapter_file));
    }
    for included in includes(&text) {
        let path = chapter_file.parent().unwrap().join(included);
        if let Some(line) = fs::read_to_string(&path)
            .ok()
            .and_then(|t| nth_line_of(&t, snippet, 0))
        {
            return format!(
                "{}:{line} (included by {})",
                shown(&path),
                shown(&chapter_file)
            );
        }
    }
    let line = expanded[..range.start].lines().count().max(1);
    format!(
        "{} (line {line} of the chapter with its includes expanded)",
        shown(&chapter_file)
    )
}

/// The 1-based line of the `nth` (0-based) occurrence of `needle`.
fn nth_line_of(text: &str, needle: &str, nth: usize) -> Option<usize> {
    let (at, _) = text.match_indices(needle).nth(nth)?;
    Some(text[..at].matches('\n').count() + 1)
}

/// The files named by `{{#include}}`-style directives, without anchors.
fn includes(text: &str) -> Vec<&str> {
    text.split("{{#")
        .skip(1)
        .filter_map(|directive| {
            let mut words = directive.split_whitespace();
            let kind = words.next()?;
            let target = words.next()?.trim_end_matches("}}");
            kind.ends_with("include")
                .then(|| target.split(':').next().unwrap())
        })
        .collect()
}

/// A renderer that is only a name, to ask mdBook which preprocessors run
/// for `[output.linkcheck2]`.
struct Named(&'static str);

impl Renderer for Named {
    fn name(&self) -> &str {
        self.0
    }

    fn render(&self, _: &mdbook_renderer::RenderContext) -> anyhow::Result<()> {
        unreachable!("only asked for its name")
    }
}

#[test]
fn a_link_is_found_at_its_line_in_the_chapter_file() {
    let text = "# Title\n\nSee ![x](a.png).\n\nAnd ![x](a.png) again.\n";
    assert_eq!(nth_line_of(text, "![x](a.png)", 0), Some(3));
    assert_eq!(nth_line_of(text, "![x](a.png)", 1), Some(5));
    assert_eq!(nth_line_of(text, "![x](b.png)", 0), None);
    assert_eq!(
        includes(
            "```go\n{{#include ../listings/a/main.go:anchor}}\n```\n{{#rustdoc_include b.rs}}"
        ),
        ["../listings/a/main.go", "b.rs"]
    );
}
