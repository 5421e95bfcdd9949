//! An mdBook preprocessor that captions every listing the text includes
//! with its path and the command that runs it, in both languages.
//!
//! book.toml runs it as `cargo xtask preprocess` for the HTML renderer only,
//! before mdBook's `links` preprocessor, so it still sees the `{{#include}}`
//! directives and knows which file each block shows. Writers never type a
//! caption, so no caption can name a file the block does not show.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use serde_json::Value;

/// The same preprocessor inside xtask: `serve` and the `book` stage build
/// the book in-process and register this one under the name book.toml
/// gives the command, so it replaces `cargo xtask preprocess` there and
/// no second cargo runs for each build.
pub struct Captions;

/// The `[preprocessor.NAME]` table in book.toml.
pub const NAME: &str = "listing-captions";

impl Preprocessor for Captions {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src = ctx.root.join(&ctx.config.book.src);
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item
                && let Some(path) = chapter.source_path.as_ref().or(chapter.path.as_ref())
            {
                let chapter_dir = src.join(path).parent().unwrap().to_owned();
                chapter.content = caption(&ctx.root, &chapter_dir, &chapter.content);
            }
        });
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(renderer == "html")
    }
}

/// `cargo xtask preprocess [supports RENDERER]`: the mdBook preprocessor
/// protocol on stdin and stdout.
pub fn preprocess(root: &Path, supports: Option<&str>) -> Result<()> {
    if let Some(renderer) = supports {
        // Only HTML shows captions; book.toml restricts it to html anyway.
        std::process::exit(if Captions.supports_renderer(renderer)? {
            0
        } else {
            1
        });
    }
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let [_, mut book]: [Value; 2] = serde_json::from_str::<Vec<Value>>(&input)
        .context("mdBook sends [context, book] as JSON")?
        .try_into()
        .map_err(|_| anyhow::anyhow!("mdBook sends exactly [context, book]"))?;
    caption_chapters(root, &mut book);
    serde_json::to_writer(std::io::stdout(), &book)?;
    Ok(())
}

/// Walks the book's JSON and captions every chapter's content.
fn caption_chapters(root: &Path, value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(content)), Some(Value::String(path))) = (
                map.get("content"),
                map.get("source_path").or_else(|| map.get("path")),
            ) {
                let chapter_dir = root.join("src").join(path).parent().unwrap().to_owned();
                let captioned = caption(root, &chapter_dir, content);
                map.insert("content".into(), Value::String(captioned));
            }
            for child in map.values_mut() {
                caption_chapters(root, child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| caption_chapters(root, i)),
        _ => {}
    }
}

/// Adds a caption after each fenced block that includes listing files, or
/// after the `</div>` of a Go/Rust pair, naming the files of both blocks.
pub fn caption(root: &Path, chapter_dir: &Path, markdown: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    let mut in_pair = false;
    let mut pending: Vec<PathBuf> = Vec::new();
    for line in markdown.lines() {
        out.push_str(line);
        out.push('\n');
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            if !in_fence && !in_pair {
                flush(root, &mut pending, &mut out);
            }
            continue;
        }
        if in_fence {
            pending.extend(included_files(line).map(|p| normalize(&chapter_dir.join(p))));
        } else if trimmed.starts_with("<div class=\"pair\"") {
            in_pair = true;
        } else if in_pair && trimmed == "</div>" {
            in_pair = false;
            flush(root, &mut pending, &mut out);
        }
    }
    out
}

/// The paths of `{{#include}}`-style directives on a line, without anchors.
pub(crate) fn included_files(line: &str) -> impl Iterator<Item = &str> {
    line.split("{{#").skip(1).filter_map(|directive| {
        let mut words = directive.split_whitespace();
        let kind = words.next()?;
        let target = words.next()?.trim_end_matches("}}");
        matches!(kind, "include" | "rustdoc_include").then(|| target.split(':').next().unwrap())
    })
}

fn flush(root: &Path, pending: &mut Vec<PathBuf>, out: &mut String) {
    let mut lines: Vec<String> = Vec::new();
    for file in pending.drain(..) {
        if let Some(line) = describe(root, &file)
            && !lines.contains(&line)
        {
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        out.push_str("\n<p class=\"listing-caption\">");
        out.push_str(&lines.join("<br>\n"));
        out.push_str("</p>\n\n");
    }
}

/// One caption line: the file and how to run what it belongs to.
fn describe(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let shown = relative.display().to_string();
    let extension = file.extension()?.to_str()?;
    let parent = relative.parent()?;
    let command = match extension {
        "stderr" => return None,
        "rs" if parent.ends_with("compile-fail") => {
            "cargo test -p book-doctests --test compile_fail".to_owned()
        }
        // An exercise's start and shared tests run through xtask (the
        // start's tests are left out of a plain `cargo test`).
        "rs" if relative.starts_with("exercises")
            && !relative.components().any(|c| c.as_os_str() == "solution") =>
        {
            let name = relative.components().nth(2)?.as_os_str().to_string_lossy();
            format!("cargo xtask exercise {name}")
        }
        "rs" => {
            let crate_dir = nearest(root, file, "Cargo.toml")?;
            let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).ok()?;
            let name = package_name(&manifest)?;
            let is_test = relative.components().any(|c| c.as_os_str() == "tests");
            let runs = crate_dir.join("src/main.rs").is_file() || manifest.contains("[[bin]]");
            let verb = if runs && !is_test { "run" } else { "test" };
            format!("cargo {verb} -p {name}")
        }
        "go" => {
            let module_dir = nearest(root, file, "go.mod")?;
            let dir = module_dir.strip_prefix(root).ok()?.display();
            let is_test = file.to_string_lossy().ends_with("_test.go");
            if is_main_package(&module_dir) && !is_test {
                format!("cd {dir} && go run .")
            } else {
                format!("cd {dir} && go test ./...")
            }
        }
        _ => return Some(format!("<code>{shown}</code>")),
    };
    Some(format!("<code>{shown}</code> · <code>{command}</code>"))
}

/// The nearest directory above `file`, inside the book, holding `marker`.
fn nearest(root: &Path, file: &Path, marker: &str) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .take_while(|dir| *dir != root)
        .find(|dir| dir.join(marker).is_file())
        .map(Path::to_path_buf)
}

fn package_name(manifest: &str) -> Option<String> {
    let table: toml::Table = manifest.parse().ok()?;
    Some(table.get("package")?.get("name")?.as_str()?.to_owned())
}

fn is_main_package(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| {
            let path = entry.path();
            path.extension().is_some_and(|e| e == "go")
                && std::fs::read_to_string(&path)
                    .is_ok_and(|text| text.lines().any(|l| l.trim() == "package main"))
        })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        crate::root()
    }

    #[test]
    fn a_pair_gets_one_caption_naming_both_twins() {
        let chapter = "<div class=\"pair\">\n\n```go\n\
                       {{#include ../listings/toolchain/hello/main.go:greeting}}\n```\n\n\
                       ```rust\n{{#rustdoc_include ../listings/toolchain/hello/src/main.rs:greeting}}\n\
                       ```\n\n</div>\n\nAfter.\n";
        let out = caption(&root(), &root().join("src"), chapter);
        let expected = "</div>\n\n<p class=\"listing-caption\">\
            <code>listings/toolchain/hello/main.go</code> · \
            <code>cd listings/toolchain/hello && go run .</code><br>\n\
            <code>listings/toolchain/hello/src/main.rs</code> · \
            <code>cargo run -p toolchain-hello</code></p>\n\n\nAfter.\n";
        assert!(out.ends_with(expected), "{out}");
    }

    #[test]
    fn a_lone_block_is_captioned_after_its_fence() {
        let chapter =
            "```rust\n{{#rustdoc_include ../listings/toolchain/hello/src/main.rs}}\n```\nText\n";
        let out = caption(&root(), &root().join("src"), chapter);
        assert!(
            out.contains("```\n\n<p class=\"listing-caption\"><code>listings/toolchain/hello/src/main.rs</code>"),
            "{out}"
        );
        assert!(out.ends_with("</p>\n\nText\n"));
    }

    #[test]
    fn an_exercise_start_is_run_by_xtask_and_its_solution_by_cargo() {
        let chapter = "```rust,excerpt\n{{#include ../exercises/language/word-count/start/src/lib.rs:count}}\n```\n\n\
                       ```rust,excerpt\n{{#include ../exercises/language/word-count/solution/src/lib.rs:count}}\n```\n";
        let out = caption(&root(), &root().join("src"), chapter);
        assert!(
            out.contains("<code>exercises/language/word-count/start/src/lib.rs</code> · <code>cargo xtask exercise word-count</code>"),
            "{out}"
        );
        assert!(
            out.contains("<code>exercises/language/word-count/solution/src/lib.rs</code> · <code>cargo test -p word-count-solution</code>"),
            "{out}"
        );
    }

    #[test]
    fn blocks_without_includes_and_compiler_output_get_no_caption() {
        let chapter = "```console\n$ cargo test\n```\n\n```text\n{{#include ../listings/x/compile-fail/e0502-y.stderr}}\n```\n";
        assert_eq!(caption(&root(), &root().join("src"), chapter), chapter);
    }
}
