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
#[path = "src/metadata.rs"]
mod metadata;

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
    // Cargo.toml: a new workspace member brings targets whose module trees
    // the excerpt check reads.
    for watched in ["src", "listings", "exercises", "book.toml", "Cargo.toml"] {
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

    // The expanded chapters of an earlier build would outlive a renamed or
    // removed chapter, and tests/expansion.rs compares every file here.
    let compiled = compiled_files(&root);
    let expanded_dir = out_dir.join("expanded");
    if expanded_dir.exists() {
        fs::remove_dir_all(&expanded_dir)
            .unwrap_or_else(|e| panic!("cannot clear {}: {e}", expanded_dir.display()));
    }
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
            &compiled,
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
    compiled: &BTreeSet<PathBuf>,
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
    for (line, why) in include_problems(root, chapter_dir, source) {
        writeln!(
            out,
            "    #[test]\n    fn include_line_{line}() {{\n        \
             panic!(\"{{}}\", {:?});\n    }}",
            format!("{chapter}:{line}: {why}")
        )
        .unwrap();
    }
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
        if !includes.is_empty()
            && !blocks::shows_code(&expanded.text, fence != Fence::Other && fence != Fence::Go)
        {
            fail(
                &mut out,
                line,
                "after mdBook's expansion this block shows the reader nothing (every line \
                 empty or hidden); check the include's anchor or line range"
                    .into(),
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
                if let Some(file) = files
                    .iter()
                    .find(|f| f.ends_with(".rs") && !compiled.contains(&root.join(f)))
                {
                    fail(
                        &mut out,
                        line,
                        format!(
                            "{file} is in no crate's module tree: no `mod` declaration reaches \
                             it from the root of any target that `cargo metadata` lists for the \
                             workspace (nor does a trybuild test name it), so nothing compiles \
                             it; declare it with `mod` in its crate"
                        ),
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
                if mode == Mode::Ignore
                    && !blocks::explains_ignore(&blocks::paragraph_before(source, line))
                {
                    fail(
                        &mut out,
                        line,
                        format!(
                            "an `ignore` block needs the paragraph just before it to say why, \
                             in a sentence with \"{} …\" and at least three words of reason",
                            blocks::IGNORE_REASON
                        ),
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

/// Every `{{#include}}` or `{{#rustdoc_include}}` of a chapter's source
/// whose file is missing, or whose anchor or line range selects nothing, as
/// (line, why). mdBook itself only logs a missing file, and shows a missing
/// anchor as an empty block (or, with rustdoc_include, hides the whole file).
fn include_problems(root: &Path, chapter_dir: &Path, source: &str) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    for (index, text) in source.lines().enumerate() {
        for name in blocks::unknown_directives(text) {
            problems.push((
                index + 1,
                format!(
                    "`{{{{#{name} …}}}}` is no mdBook directive (include, rustdoc_include, \
                     playground, title), so the page would show it as text; escape it as \
                     `\\{{{{#…}}}}` if that is meant"
                ),
            ));
        }
        for include in blocks::includes(text) {
            if include.kind == "playground" {
                continue;
            }
            let path = normalize(&chapter_dir.join(&include.path));
            let shown = relative(root, &path);
            let directive = format!(
                "{{{{#{} {}{}}}}}",
                include.kind,
                include.path,
                include
                    .selector
                    .as_ref()
                    .map(|s| format!(":{s}"))
                    .unwrap_or_default()
            );
            let problem = match fs::read_to_string(&path) {
                Err(e) => Some(format!("{shown} cannot be read ({e})")),
                Ok(file) => match blocks::selected(&file, &include.selection()) {
                    Err(why) => Some(format!("{shown}: {why}")),
                    // A fence in the included lines would end the block.
                    Ok(lines) => lines
                        .iter()
                        .find(|l| l.trim_start().starts_with("```"))
                        .map(|fence| {
                            format!(
                                "{shown}: the included lines hold a fence ({:?}), which would \
                                 close the chapter's block",
                                fence.trim()
                            )
                        }),
                },
            };
            if let Some(why) = problem {
                problems.push((index + 1, format!("{directive}: {why}")));
            }
        }
    }
    // One test per line, even with two problems on it.
    let mut merged: Vec<(usize, String)> = Vec::new();
    for (line, why) in problems {
        match merged.last_mut() {
            Some((last, text)) if *last == line => *text = format!("{text}; {why}"),
            _ => merged.push((line, why)),
        }
    }
    merged
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
         assert!(orphans.is_empty(), \"{{}}: not listed in src/SUMMARY.md, so neither rendered \
         nor tested\", orphans.join(\", \"));\n}}\n"
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

/// The Rust files the workspace's crates compile: from the root file of
/// every target `cargo metadata` lists (libraries, binaries, tests,
/// examples, benches, build scripts), every file reached by `mod name;`
/// (with `#[path]`) or `include!("…")`, and the files a trybuild test of
/// the crate names. Files that only a macro's output
/// declares are not found; the check then fails, it never passes wrongly.
///
/// Reading the module tree, rather than the `.d` dep-info files rustc writes,
/// keeps the answer independent of what was built before: dep-info lives in
/// a build directory shared between checkouts and outlives a removed `mod`.
fn compiled_files(root: &Path) -> BTreeSet<PathBuf> {
    let packages = metadata::workspace_packages(root);
    let mut files = BTreeSet::new();
    let roots = packages
        .iter()
        .flat_map(|package| package["targets"].as_array().into_iter().flatten())
        .filter_map(|target| target["src_path"].as_str());
    for target_root in roots {
        let path = normalize(Path::new(target_root));
        let dir = path.parent().unwrap().to_owned();
        walk_module(&path, &dir, &mut files);
    }
    // A trybuild test compiles the files it names (relative to its
    // package), expecting them to fail: those are compiled too.
    let manifests = packages
        .iter()
        .filter_map(|package| package["manifest_path"].as_str());
    let mut named = BTreeSet::new();
    for manifest in manifests {
        let package_dir = Path::new(manifest).parent().unwrap();
        for file in files.iter().filter(|f| f.starts_with(package_dir)) {
            let text = fs::read_to_string(file).unwrap_or_default();
            if text.contains("trybuild::") {
                named.extend(trybuild_files(package_dir, &text));
            }
        }
    }
    files.extend(named);
    files
}

/// The `.rs` files a trybuild test names in string literals (a `*` in the
/// file name matches any run of characters, as trybuild's globs do).
fn trybuild_files(package_dir: &Path, text: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for literal in text.split('"').skip(1).step_by(2) {
        if !literal.ends_with(".rs") {
            continue;
        }
        let path = normalize(&package_dir.join(literal));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match name.split_once('*') {
            None => found.push(path),
            Some((prefix, suffix)) => {
                let entries = fs::read_dir(path.parent().unwrap()).into_iter().flatten();
                found.extend(entries.flatten().map(|e| e.path()).filter(|p| {
                    let n = p.file_name().unwrap().to_string_lossy();
                    n.starts_with(prefix) && n.ends_with(suffix)
                }));
            }
        }
    }
    found
}

/// Adds `file` and the files its modules are in; `dir` is where its
/// `mod name;` children live.
fn walk_module(file: &Path, dir: &Path, files: &mut BTreeSet<PathBuf>) {
    if !files.insert(file.to_owned()) {
        return;
    }
    // A file that does not parse is rustc's to report; its own lines still
    // count as compiled.
    let Ok(text) = fs::read_to_string(file) else {
        return;
    };
    let Ok(parsed) = syn::parse_file(&text) else {
        return;
    };
    walk_items(&parsed.items, file, dir, false, files);
}

/// `inline` says whether `items` are inside a `mod name { … }` block.
fn walk_items(
    items: &[syn::Item],
    file: &Path,
    dir: &Path,
    inline: bool,
    files: &mut BTreeSet<PathBuf>,
) {
    let file_dir = file.parent().unwrap();
    for item in items {
        match item {
            syn::Item::Mod(module) => {
                let name = module.ident.to_string();
                let name = name.trim_start_matches("r#");
                let path_attribute = module.attrs.iter().find_map(|attr| match &attr.meta {
                    syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                });
                match (&module.content, path_attribute) {
                    (Some((_, inner)), _) => {
                        walk_items(inner, file, &dir.join(name), true, files);
                    }
                    (None, Some(path)) => {
                        // At the top of a file, relative to the file's
                        // directory; inside an inline module, to that
                        // module's directory. Either way the file found
                        // keeps its own children beside it, like a mod.rs.
                        let base = if inline { dir } else { file_dir };
                        let child = normalize(&base.join(path));
                        let child_dir = child.parent().unwrap().to_owned();
                        walk_module(&child, &child_dir, files);
                    }
                    (None, None) => {
                        let flat = dir.join(format!("{name}.rs"));
                        let nested = dir.join(name).join("mod.rs");
                        if flat.is_file() {
                            walk_module(&flat, &dir.join(name), files);
                        } else if nested.is_file() {
                            walk_module(&nested, &dir.join(name), files);
                        }
                    }
                }
            }
            syn::Item::Macro(mac) if mac.mac.path.is_ident("include") => {
                if let Ok(syn::Lit::Str(s)) = mac.mac.parse_body::<syn::Lit>() {
                    let child = normalize(&file_dir.join(s.value()));
                    files.insert(child);
                }
            }
            _ => {}
        }
    }
}
