//! Turns every chapter of the book into tests.
//!
//! mdBook itself (the `mdbook-driver` library, the same version as the pinned
//! `mdbook` binary) expands the `{{#include}}` and `{{#rustdoc_include}}`
//! directives, so the code compiled here is exactly the code a reader sees,
//! hidden `# ` lines included. Each fenced block of the expanded chapter is
//! paired with the same block of the chapter's source, which tells us where
//! it came from; then every block becomes one test in `tests/chapters.rs`,
//! named after the chapter and the line the block starts on.

#[path = "src/blocks.rs"]
#[allow(dead_code)]
mod blocks;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use blocks::{Fence, Mode};
use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Tag};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

fn main() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let root = manifest_dir
        .parent()
        .expect("book-doctests sits in the workspace")
        .to_owned();
    let out_dir = PathBuf::from(env("OUT_DIR"));
    for watched in ["src", "listings", "book.toml"] {
        println!("cargo::rerun-if-changed={}", root.join(watched).display());
    }
    println!("cargo::rustc-env=BOOK_DOCTESTS_TARGET={}", env("TARGET"));
    println!("cargo::rustc-env=BOOK_ROOT={}", root.display());

    let book = MDBook::load(&root).unwrap_or_else(|e| {
        panic!(
            "mdBook could not load the book at {}: {e:#}",
            root.display()
        )
    });
    let (book, _) = book
        .preprocess_book(&MarkdownRenderer::new())
        .unwrap_or_else(|e| panic!("mdBook could not expand the chapters: {e:#}"));

    let expanded_dir = out_dir.join("expanded");
    let mut tests = String::new();
    let mut chapters_in_summary = BTreeSet::new();
    let mut included = BTreeSet::new();
    for item in book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(source_path) = &chapter.source_path else {
            continue;
        };
        chapters_in_summary.insert(source_path.clone());
        let chapter_dir = root
            .join("src")
            .join(source_path)
            .parent()
            .unwrap()
            .to_owned();
        let source_file = root.join("src").join(source_path);
        let source = fs::read_to_string(&source_file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", source_file.display()));
        let expanded_file = expanded_dir.join(source_path);
        fs::create_dir_all(expanded_file.parent().unwrap()).unwrap();
        fs::write(&expanded_file, &chapter.content).unwrap();
        let chapter_includes: BTreeSet<PathBuf> = blocks::includes(&source)
            .iter()
            .map(|inc| normalize(&chapter_dir.join(&inc.path)))
            .collect();
        tests.push_str(&chapter_tests(
            &root,
            source_path,
            &chapter_dir,
            &chapter_includes,
            &source,
            &chapter.content,
        ));
        included.extend(chapter_includes);
    }
    tests.push_str(&orphan_test(&root, &chapters_in_summary, &included));
    write_if_changed(&out_dir.join("chapter-tests.rs"), &tests);
}

/// One fenced block as pulldown-cmark sees it.
struct Block {
    info: String,
    text: String,
    line: usize,
}

/// The fenced blocks of a markdown text, and the lines of any indented
/// code block (which carries no language and so could hide Rust).
fn fenced_blocks(text: &str) -> (Vec<Block>, Vec<usize>) {
    let mut fenced = Vec::new();
    let mut indented = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in new_cmark_parser(text, &MarkdownOptions::default()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some(Block {
                    info: info.to_string(),
                    text: String::new(),
                    line: blocks::line_of(text, range.start),
                });
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                indented.push(blocks::line_of(text, range.start));
            }
            Event::Text(t) => {
                if let Some(block) = current.as_mut() {
                    block.text.push_str(&t);
                }
            }
            Event::End(mdbook_markdown::pulldown_cmark::TagEnd::CodeBlock) => {
                if let Some(block) = current.take() {
                    fenced.push(block);
                }
            }
            _ => {}
        }
    }
    (fenced, indented)
}

/// The tests for one chapter, in a module named after it. `all_includes`
/// are the files the chapter includes, resolved against `chapter_dir`.
fn chapter_tests(
    root: &Path,
    source_path: &Path,
    chapter_dir: &Path,
    all_includes: &BTreeSet<PathBuf>,
    source: &str,
    expanded: &str,
) -> String {
    let chapter = format!("src/{}", source_path.display());
    let (raw_blocks, indented) = fenced_blocks(source);
    let (expanded_blocks, _) = fenced_blocks(expanded);

    let mut out = String::new();
    let module = sanitize(&source_path.with_extension("").display().to_string());
    writeln!(
        out,
        "mod {module} {{\n    #[allow(unused_imports)]\n    use super::*;"
    )
    .unwrap();
    let fail = |out: &mut String, line: usize, why: String| {
        writeln!(
            out,
            "    #[test]\n    fn line_{line}() {{\n        \
             panic!(\"{{}}\", {:?});\n    }}",
            format!("{chapter}:{line}: {why}")
        )
        .unwrap();
    };
    for line in indented {
        fail(
            &mut out,
            line,
            "an indented code block has no language and is not tested; \
                               use a fenced block (```rust, ```console, …)"
                .into(),
        );
    }
    if raw_blocks.len() != expanded_blocks.len() {
        fail(
            &mut out,
            1,
            format!(
                "the source has {} fenced blocks but mdBook's expansion has {}; \
                 an included file must not contain ``` fences",
                raw_blocks.len(),
                expanded_blocks.len()
            ),
        );
        out.push_str("}\n");
        return out;
    }

    for (raw, expanded) in raw_blocks.iter().zip(&expanded_blocks) {
        let line = raw.line;
        let fence = match blocks::classify(&raw.info) {
            Ok(fence) => fence,
            Err(e) => {
                fail(&mut out, line, e.to_string());
                continue;
            }
        };
        let includes = blocks::includes(&raw.text);
        if fence != Fence::Other && expanded.text.contains("{{#") {
            fail(
                &mut out,
                line,
                format!(
                    "mdBook left an include unexpanded (a missing file or anchor?): {}",
                    expanded
                        .text
                        .lines()
                        .find(|l| l.contains("{{#"))
                        .unwrap_or_default()
                        .trim()
                ),
            );
            continue;
        }
        let files: Vec<String> = includes
            .iter()
            .map(|inc| relative(root, &normalize(&chapter_dir.join(&inc.path))))
            .collect();
        let shown = files
            .first()
            .map_or("None".to_owned(), |f| format!("Some({f:?})"));
        match fence {
            Fence::Other => {}
            Fence::Go => {
                if files.is_empty() || !files.iter().all(|f| f.ends_with(".go")) {
                    fail(
                        &mut out,
                        line,
                        "a Go block must include a .go file of a listing \
                                          (so go vet and go test cover it), not inline code"
                            .into(),
                    );
                } else {
                    writeln!(
                        out,
                        "    #[test]\n    fn line_{line}() {{\n        \
                         check_go_listing({chapter:?}, {line}, &{files:?});\n    }}"
                    )
                    .unwrap();
                }
            }
            Fence::Rust(Mode::CompileFail) => {
                let [file] = files.as_slice() else {
                    fail(
                        &mut out,
                        line,
                        "a compile_fail block includes exactly one compile-fail listing".into(),
                    );
                    continue;
                };
                let stderr = Path::new(file).with_extension("stderr");
                let stderr_shown = all_includes.contains(&root.join(&stderr));
                writeln!(
                    out,
                    "    #[test]\n    fn line_{line}() {{\n        \
                     check_compile_fail({chapter:?}, {line}, {file:?}, {stderr_shown});\n    }}"
                )
                .unwrap();
            }
            Fence::Rust(Mode::Excerpt) => {
                if files.is_empty() || includes.iter().any(|i| i.kind != "include") {
                    fail(
                        &mut out,
                        line,
                        "an excerpt block consists of {{#include file:anchor}} \
                                          lines from a workspace crate"
                            .into(),
                    );
                    continue;
                }
                writeln!(
                    out,
                    "    #[test]\n    fn line_{line}() {{\n        \
                     check_excerpt({chapter:?}, {line}, &{files:?});\n    }}"
                )
                .unwrap();
            }
            Fence::Rust(mode) => {
                if mode == Mode::Ignore && !explains_ignore(source, line) {
                    fail(
                        &mut out,
                        line,
                        "an `ignore` block needs a sentence just before it \
                                          saying why it is not compiled (mention `ignore` or \
                                          `not compiled`)"
                            .into(),
                    );
                    continue;
                }
                let code = blocks::compiled_code(&expanded.text);
                let attribute = if mode == Mode::Ignore {
                    format!("    #[ignore = \"marked `ignore` at {chapter}:{line}\"]\n")
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "{attribute}    #[test]\n    fn line_{line}() {{\n        \
                     check_block(&Block {{ chapter: {chapter:?}, line: {line}, source: {shown}, \
                     mode: Mode::{mode:?}, code: {code:?}, test: \"{module}::line_{line}\" }});\n    }}"
                )
                .unwrap();
            }
        }
    }
    out.push_str("}\n\n");
    out
}

/// Whether the paragraph just before the fence on `line` says why the block
/// is not compiled.
fn explains_ignore(source: &str, line: usize) -> bool {
    let paragraph: Vec<&str> = source
        .lines()
        .take(line - 1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect();
    let text = paragraph.join(" ").to_lowercase();
    text.contains("ignore") || text.contains("not compiled")
}

/// A test that fails when a markdown file under `src/` is not in SUMMARY.md,
/// since mdBook would neither render nor test it. A fragment that a chapter
/// includes (the generated measurement tables) is part of that chapter.
fn orphan_test(
    root: &Path,
    in_summary: &BTreeSet<PathBuf>,
    included: &BTreeSet<PathBuf>,
) -> String {
    let src = root.join("src");
    let mut orphans = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = path.strip_prefix(&src).unwrap().to_owned();
                // SUMMARY.md is the table of contents and 404.md mdBook's
                // "not found" page; neither is a chapter.
                let special = rel == Path::new("SUMMARY.md")
                    || rel == Path::new("404.md")
                    || included.contains(&path);
                if !special && !in_summary.contains(&rel) {
                    orphans.push(format!("src/{}", rel.display()));
                }
            }
        }
    }
    orphans.sort();
    format!(
        "#[test]\nfn every_chapter_file_is_in_summary() {{\n    \
         let orphans: &[&str] = &{orphans:?};\n    \
         assert!(orphans.is_empty(), \"not listed in src/SUMMARY.md, so neither rendered nor \
         tested: {{orphans:?}}\");\n}}\n"
    )
}

/// Resolves `..` without touching the file system, so a missing file still
/// gets a readable path in the error.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn sanitize(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name} for build scripts"))
}

/// Rewriting an unchanged file would make cargo recompile the tests.
fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).unwrap();
    }
}
