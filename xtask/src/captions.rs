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
        let repository: Option<String> = ctx.config.get(REPOSITORY_KEY)?;
        let mut failures = Vec::new();
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item
                && let Some(path) = chapter.source_path.as_ref().or(chapter.path.as_ref())
            {
                let chapter_dir = src.join(path).parent().unwrap().to_owned();
                let number = chapter.number.as_ref().map(|n| n.to_string());
                let content = match compiler_output(&ctx.root, &chapter_dir, &chapter.content) {
                    Ok(content) => content,
                    Err(e) => {
                        failures.push(format!("{}: {e:#}", path.display()));
                        return;
                    }
                };
                chapter.content = caption(
                    &ctx.root,
                    &chapter_dir,
                    &content,
                    repository.as_deref(),
                    number.as_deref().map(|n| n.trim_end_matches('.')),
                );
            }
        });
        if !failures.is_empty() {
            anyhow::bail!("{}", failures.join("\n"));
        }
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(renderer == "html")
    }
}

/// Puts in place of each `{{#include}}` of a compile-fail listing's
/// `.stderr` (normalised for trybuild) the output as rustc prints it
/// (`xtask/src/rustc_output.rs`). HTML only, like the captions: the
/// doctests still see the include of the file that trybuild checks.
pub fn compiler_output(root: &Path, chapter_dir: &Path, markdown: &str) -> Result<String> {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let stderr = match includes(chapter_dir, line).as_slice() {
            [include] if include.file.extension().is_some_and(|e| e == "stderr") => {
                include.file.clone()
            }
            _ => {
                out.push_str(line);
                continue;
            }
        };
        let name = stderr
            .strip_prefix(root)
            .unwrap_or(&stderr)
            .display()
            .to_string();
        let text = std::fs::read_to_string(&stderr).with_context(|| format!("reading {name}"))?;
        if !text.contains("$WORKSPACE/") {
            out.push_str(line);
            continue;
        }
        let shown = crate::rustc_output::real_shape(root, &name, &text)?;
        out.push_str(&shown);
        if !shown.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}

/// The second preprocessor: run after mdBook's `links`, it takes off the
/// indentation that every shown line of a Rust or Go block shares, so an
/// excerpt of a method or of `mod tests` starts at the left margin. Hidden
/// (`# `) lines neither count nor change. HTML only, like the captions: the
/// doctests and the expanded chapters keep the listing's own lines.
pub struct Dedent;

/// Its `[preprocessor.NAME]` table in book.toml.
pub const DEDENT: &str = "listing-dedent";

impl Preprocessor for Dedent {
    fn name(&self) -> &str {
        DEDENT
    }

    fn run(&self, _: &PreprocessorContext, mut book: Book) -> Result<Book> {
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                chapter.content = dedent(&chapter.content);
            }
        });
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(renderer == "html")
    }
}

/// Whether mdBook hides this line of a Rust block (`# ` or a lone `#`).
fn hidden(line: &str) -> bool {
    let t = line.trim_start();
    t == "#" || t.starts_with("# ")
}

/// Every ```rust and ```go block of `markdown`, its shown lines dedented.
pub fn dedent(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut block: Option<(bool, Vec<&str>)> = None;
    for line in markdown.split_inclusive('\n') {
        let fence = line.trim_start().starts_with("```");
        match &mut block {
            None => {
                out.push_str(line);
                if fence {
                    let info = line.trim().trim_start_matches('`');
                    let language = info.split([',', ' ']).next().unwrap_or("");
                    if matches!(language, "rust" | "go") {
                        block = Some((language == "rust", Vec::new()));
                    }
                }
            }
            Some((_, lines)) if !fence => lines.push(line),
            Some((rust, lines)) => {
                let rust = *rust;
                let shown = |l: &str| !(l.trim().is_empty() || rust && hidden(l));
                let indent = lines
                    .iter()
                    .filter(|l| shown(l))
                    .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
                    .min()
                    .unwrap_or(0);
                for l in lines.iter() {
                    if shown(l) {
                        out.push_str(&l[indent..]);
                    } else if !(rust && hidden(l)) && l.trim().is_empty() {
                        out.push_str(l.trim_start_matches([' ', '\t']));
                    } else {
                        out.push_str(l);
                    }
                }
                out.push_str(line);
                block = None;
            }
        }
    }
    if let Some((_, lines)) = block {
        lines.iter().for_each(|l| out.push_str(l));
    }
    out
}

/// `cargo xtask preprocess [supports RENDERER]`: the mdBook preprocessor
/// protocol on stdin and stdout.
pub fn preprocess(root: &Path, supports: Option<&str>, dedent_only: bool) -> Result<()> {
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
    let [context, mut book]: [Value; 2] = serde_json::from_str::<Vec<Value>>(&input)
        .context("mdBook sends [context, book] as JSON")?
        .try_into()
        .map_err(|_| anyhow::anyhow!("mdBook sends exactly [context, book]"))?;
    let repository = context["config"]["output"]["html"]["git-repository-url"].as_str();
    let mut failures = Vec::new();
    each_chapter(&mut book, &mut |path, number, content| {
        if dedent_only {
            dedent(content)
        } else {
            let chapter_dir = root.join("src").join(path).parent().unwrap().to_owned();
            match compiler_output(root, &chapter_dir, content) {
                Ok(content) => caption(root, &chapter_dir, &content, repository, number),
                Err(e) => {
                    failures.push(format!("{path}: {e:#}"));
                    content.to_owned()
                }
            }
        }
    });
    if !failures.is_empty() {
        anyhow::bail!("{}", failures.join("\n"));
    }
    serde_json::to_writer(std::io::stdout(), &book)?;
    Ok(())
}

/// Walks the book's JSON and rewrites every chapter's content with
/// `rewrite(path, number, content)` (number: `13` or `13.2`, if it has one).
fn each_chapter(value: &mut Value, rewrite: &mut dyn FnMut(&str, Option<&str>, &str) -> String) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(content)), Some(Value::String(path))) = (
                map.get("content"),
                map.get("source_path").or_else(|| map.get("path")),
            ) {
                let number = map.get("number").and_then(Value::as_array).map(|parts| {
                    parts
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                        .join(".")
                });
                let rewritten = rewrite(path, number.as_deref(), content);
                map.insert("content".into(), Value::String(rewritten));
            }
            for child in map.values_mut() {
                each_chapter(child, rewrite);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| each_chapter(i, rewrite)),
        _ => {}
    }
}

/// The key of book.toml that names the book's repository, the one place
/// its address is written; captions and the `[repository]` link of every
/// chapter come from it.
pub const REPOSITORY_KEY: &str = "output.html.git-repository-url";

/// The branch the book is published from; captions link its files.
const BRANCH: &str = "main";

/// One `{{#include}}` or `{{#rustdoc_include}}` of a listing file.
#[derive(Clone, Debug, PartialEq)]
pub struct Include {
    pub file: PathBuf,
    pub anchor: Option<String>,
}

/// Adds a caption after each fenced block that includes listing files, or
/// after the `</div>` of a Go/Rust pair, naming the files of both blocks,
/// and defines `[repository]` (book.toml's repository URL) for the
/// chapter's links. In a numbered chapter each caption starts with the
/// listing's number, `Listing 13-2`, which is also its anchor
/// (`#listing-13-2`); xtask/page-manifest.txt records those anchors.
pub fn caption(
    root: &Path,
    chapter_dir: &Path,
    markdown: &str,
    repository: Option<&str>,
    number: Option<&str>,
) -> String {
    let mut listing = Listing {
        chapter: number,
        count: 0,
        names: Vec::new(),
    };
    let mut out = String::new();
    let mut in_fence = false;
    let mut in_pair = false;
    let mut pending: Vec<Include> = Vec::new();
    for line in markdown.lines() {
        out.push_str(line);
        out.push('\n');
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            if !in_fence && !in_pair {
                flush(root, &mut pending, &mut out, repository, &mut listing);
            }
            continue;
        }
        if in_fence {
            pending.extend(includes(chapter_dir, line));
        } else if trimmed.starts_with("<div class=\"pair\"") {
            in_pair = true;
        } else if in_pair && trimmed == "</div>" {
            in_pair = false;
            flush(root, &mut pending, &mut out, repository, &mut listing);
        }
    }
    if let Some(url) = repository {
        out.push_str(&format!("\n[repository]: {url}\n"));
    }
    out
}

/// The `{{#include}}`-style directives on a line of a chapter in
/// `chapter_dir`, each with its file and anchor.
pub fn includes(chapter_dir: &Path, line: &str) -> Vec<Include> {
    line.split("{{#")
        .skip(1)
        .filter_map(|directive| {
            let mut words = directive.split_whitespace();
            let kind = words.next()?;
            let target = words.next()?.trim_end_matches("}}");
            if !matches!(kind, "include" | "rustdoc_include") {
                return None;
            }
            let (path, anchor) = match target.split_once(':') {
                Some((path, anchor)) => (path, Some(anchor.to_owned())),
                None => (target, None),
            };
            Some(Include {
                file: normalize(&chapter_dir.join(path)),
                anchor: anchor.filter(|a| !a.is_empty() && !a.as_bytes()[0].is_ascii_digit()),
            })
        })
        .collect()
}

/// The numbering of a chapter's listings, and the stable names given so far.
struct Listing<'a> {
    chapter: Option<&'a str>,
    count: usize,
    names: Vec<String>,
}

/// The stable anchor of a listing: `listing-` and the path of the first
/// file it shows, below `listings/` or `exercises/`, with its `ANCHOR` name,
/// in lowercase words joined by `-`
/// (`listing-goroutines-and-tasks-leak-leak-go-leaky`); `-2`, `-3` … when
/// the chapter shows the same excerpt again. It changes only when the file
/// or anchor is renamed, unlike the number, which moves when a listing is
/// added before it.
fn stable_name(root: &Path, first: &Include, taken: &[String]) -> String {
    let path = first.file.strip_prefix(root).unwrap_or(&first.file);
    let path = path.strip_prefix("listings").unwrap_or(path);
    let mut text = path.display().to_string();
    if let Some(anchor) = &first.anchor {
        text.push('-');
        text.push_str(anchor);
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let name = format!("listing-{}", words.join("-"));
    let mut candidate = name.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{name}-{n}");
    }
    candidate
}

fn flush(
    root: &Path,
    pending: &mut Vec<Include>,
    out: &mut String,
    repository: Option<&str>,
    listing: &mut Listing,
) {
    let compile_fail = pending
        .iter()
        .any(|i| i.file.parent().is_some_and(|d| d.ends_with("compile-fail")));
    let stable = pending
        .first()
        .map(|first| stable_name(root, first, &listing.names));
    let mut lines: Vec<String> = Vec::new();
    for include in pending.drain(..) {
        if let Some(line) = describe(root, &include, repository)
            && !lines.contains(&line)
        {
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        out.push_str("\n<p class=\"listing-caption\"");
        if let (Some(chapter), Some(stable)) = (listing.chapter, stable) {
            listing.count += 1;
            let name = format!("{}-{}", chapter.replace('.', "-"), listing.count);
            // The number's own anchor stays for links made before listings
            // had stable ones; the number links to the stable one, so a
            // link copied from it survives listings added before it.
            out.push_str(&format!(
                " id=\"listing-{name}\"><a class=\"listing-number\" id=\"{stable}\" \
                 href=\"#{stable}\">Listing {}-{}</a>",
                chapter, listing.count
            ));
            listing.names.push(stable);
        } else {
            out.push('>');
        }
        if compile_fail {
            out.push_str(" <strong class=\"does-not-compile\">does not compile</strong>");
        }
        if listing.chapter.is_some() || compile_fail {
            out.push_str("<br>\n");
        }
        out.push_str(&lines.join("<br>\n"));
        out.push_str("</p>\n\n");
    }
}

/// One caption line: the file, linked to the repository, and the command
/// that runs the code shown.
fn describe(root: &Path, include: &Include, repository: Option<&str>) -> Option<String> {
    let relative = include.file.strip_prefix(root).ok()?;
    let shown = relative.display().to_string();
    if include.file.extension()? == "stderr" {
        return None;
    }
    let path = match repository {
        Some(url) => format!(
            "<a href=\"{}/blob/{BRANCH}/{shown}\"><code>{shown}</code></a>",
            url.trim_end_matches('/')
        ),
        None => format!("<code>{shown}</code>"),
    };
    Some(match command(root, include) {
        Some(command) => format!("{path} · <code>{}</code>", escape(&command)),
        None => path,
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The lines an include shows: the anchor's, without the `ANCHOR` marker
/// lines of anchors inside it, or the whole file.
pub fn excerpt(include: &Include) -> Option<String> {
    let text = std::fs::read_to_string(&include.file).ok()?;
    let marker = |l: &str| l.contains("ANCHOR:") || l.contains("ANCHOR_END:");
    let Some(anchor) = &include.anchor else {
        return Some(
            text.lines()
                .filter(|l| !marker(l))
                .map(|l| format!("{l}\n"))
                .collect(),
        );
    };
    let is = |l: &str, what: &str| {
        l.split_once(what)
            .is_some_and(|(_, name)| name.trim() == anchor.as_str())
    };
    let mut shown = String::new();
    let mut inside = false;
    for line in text.lines() {
        if is(line, "ANCHOR:") {
            inside = true;
        } else if is(line, "ANCHOR_END:") {
            inside = false;
        } else if inside && !marker(line) {
            shown.push_str(line);
            shown.push('\n');
        }
    }
    Some(shown)
}

/// The names of the test functions in Rust code: each `fn` after a
/// `#[test]` or `#[tokio::test…]` attribute.
fn rust_tests(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut attribute = false;
    for line in code.lines().map(str::trim) {
        if line.starts_with("#[test]") || line.starts_with("#[tokio::test") {
            attribute = true;
        } else if attribute && let Some(name) = fn_name(line) {
            names.push(name);
            attribute = false;
        }
    }
    names
}

fn fn_name(line: &str) -> Option<String> {
    let at = line.find("fn ")?;
    let rest = &line[at + 3..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(rest[..end].to_owned())
}

/// The Go test, benchmark, fuzz and example functions of `code`.
fn go_tests(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| l.strip_prefix("func "))
        .filter(|rest| {
            ["Test", "Benchmark", "Fuzz", "Example"]
                .iter()
                .any(|p| rest.starts_with(p))
        })
        .filter_map(|rest| rest.split('(').next().map(str::to_owned))
        .collect()
}

/// The command that runs the code an include shows: its tests when it
/// shows tests, the program when it shows a program's code, a library's
/// tests otherwise.
pub fn command(root: &Path, include: &Include) -> Option<String> {
    let file = &include.file;
    let relative = file.strip_prefix(root).ok()?;
    let parent = relative.parent()?;
    let code = excerpt(include)?;
    match file.extension()?.to_str()? {
        "rs" if parent.ends_with("compile-fail") => {
            Some("cargo test -p book-doctests --test compile_fail".to_owned())
        }
        // An exercise's start and shared tests run through xtask (the
        // start's tests are left out of a plain `cargo test`).
        "rs" if relative.starts_with("exercises")
            && !relative.components().any(|c| c.as_os_str() == "solution") =>
        {
            let name = relative.components().nth(2)?.as_os_str().to_string_lossy();
            Some(format!("cargo xtask exercise {name}"))
        }
        "rs" => {
            let crate_dir = nearest(root, file, "Cargo.toml")?;
            let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).ok()?;
            let name = package_name(&manifest)?;
            let inner = file.strip_prefix(&crate_dir).ok()?;
            let mut parts = inner.iter().map(|p| p.to_string_lossy().into_owned());
            if parts.next().as_deref() == Some("tests") {
                // An integration test: `tests/NAME.rs` or `tests/NAME/main.rs`.
                let target = parts.next()?.trim_end_matches(".rs").to_owned();
                return Some(format!("cargo test -p {name} --test {target}"));
            }
            let tests = rust_tests(&code);
            if tests.is_empty() && !code.contains("#[cfg(test)]") {
                let runs = crate_dir.join("src/main.rs").is_file() || manifest.contains("[[bin]]");
                let verb = if runs { "run" } else { "test" };
                return Some(format!("cargo {verb} -p {name}"));
            }
            let filter = match tests.as_slice() {
                [one] => one.clone(),
                _ => test_module(file, include)?,
            };
            Some(format!("cargo test -p {name} {filter}"))
        }
        "go" => {
            let module_dir = nearest(root, file, "go.mod")?;
            let dir = module_dir.strip_prefix(root).ok()?.display();
            let package = match file.parent()?.strip_prefix(&module_dir).ok()? {
                p if p.as_os_str().is_empty() => ".".to_owned(),
                p => format!("./{}", p.display()),
            };
            if !file.to_string_lossy().ends_with("_test.go") {
                return Some(if package == "." && is_main_package(&module_dir) {
                    format!("cd {dir} && go run .")
                } else {
                    format!("cd {dir} && go test {package}")
                });
            }
            let tests = go_tests(&code);
            let benches: Vec<&String> = tests
                .iter()
                .filter(|t| t.starts_with("Benchmark"))
                .collect();
            let runs: Vec<&String> = tests
                .iter()
                .filter(|t| !t.starts_with("Benchmark"))
                .collect();
            let alternatives = |names: &[&String]| {
                let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
                match names.as_slice() {
                    [one] => format!("'^{one}$'"),
                    many => format!("'^({})$'", many.join("|")),
                }
            };
            Some(match (runs.is_empty(), benches.is_empty()) {
                (true, true) => format!("cd {dir} && go test {package}"),
                (false, true) => {
                    format!("cd {dir} && go test -run {} {package}", alternatives(&runs))
                }
                (true, false) => format!(
                    "cd {dir} && go test -run '^$' -bench {} {package}",
                    alternatives(&benches)
                ),
                (false, false) => format!(
                    "cd {dir} && go test -run {} -bench {} {package}",
                    alternatives(&runs),
                    alternatives(&benches)
                ),
            })
        }
        _ => None,
    }
}

/// The path of the test module an excerpt of several tests shows, as
/// `cargo test` filters it: `queue::tests` for `mod tests` in
/// `src/queue.rs` (the module the excerpt opens, or the one it sits in).
fn test_module(file: &Path, include: &Include) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let code = excerpt(include)?;
    let first = code.lines().find(|l| !l.trim().is_empty())?;
    let mod_name = |l: &str| {
        l.trim()
            .strip_prefix("mod ")
            .and_then(|r| r.strip_suffix(" {"))
            .map(str::to_owned)
    };
    // The module the excerpt opens, or the innermost one open above it.
    let module = code.lines().find_map(mod_name).or_else(|| {
        let at = text.find(first)?;
        text[..at].lines().rev().find_map(mod_name)
    })?;
    let src = file
        .ancestors()
        .find(|d| d.file_name().is_some_and(|n| n == "src"))?;
    let mut path: Vec<String> = file
        .strip_prefix(src)
        .ok()?
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(
        path.last().map(String::as_str),
        Some("lib" | "main" | "mod")
    ) {
        path.pop();
    }
    path.push(module);
    Some(path.join("::"))
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
        let out = caption(&root(), &root().join("src"), chapter, None, None);
        let expected = "</div>\n\n<p class=\"listing-caption\">\
            <code>listings/toolchain/hello/main.go</code> · \
            <code>cd listings/toolchain/hello &amp;&amp; go run .</code><br>\n\
            <code>listings/toolchain/hello/src/main.rs</code> · \
            <code>cargo run -p toolchain-hello</code></p>\n\n\nAfter.\n";
        assert!(out.ends_with(expected), "{out}");
    }

    #[test]
    fn paths_link_to_the_repository_and_chapters_get_its_reference() {
        let chapter =
            "```rust\n{{#rustdoc_include ../listings/toolchain/hello/src/main.rs}}\n```\n";
        let out = caption(
            &root(),
            &root().join("src"),
            chapter,
            Some("https://example.com/r"),
            None,
        );
        assert!(
            out.contains(
                "<a href=\"https://example.com/r/blob/main/listings/toolchain/hello/src/main.rs\">"
            ),
            "{out}"
        );
        assert!(
            out.ends_with("\n[repository]: https://example.com/r\n"),
            "{out}"
        );
    }

    #[test]
    fn listings_are_numbered_per_chapter_and_compile_fail_ones_marked() {
        let chapter = "```rust\n{{#rustdoc_include ../listings/toolchain/hello/src/main.rs}}\n```\n\n\
                       ```rust,compile_fail\n\
                       {{#include ../listings/closures-and-iterators/compile-fail/e0382-vec-after-for.rs}}\n```\n";
        let out = caption(&root(), &root().join("src"), chapter, None, Some("13"));
        assert!(
            out.contains(
                "<p class=\"listing-caption\" id=\"listing-13-1\"><a class=\"listing-number\" \
                 id=\"listing-toolchain-hello-src-main-rs\" \
                 href=\"#listing-toolchain-hello-src-main-rs\">Listing 13-1</a><br>"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "id=\"listing-13-2\"><a class=\"listing-number\" \
                 id=\"listing-closures-and-iterators-compile-fail-e0382-vec-after-for-rs\" \
                 href=\"#listing-closures-and-iterators-compile-fail-e0382-vec-after-for-rs\">\
                 Listing 13-2</a> <strong class=\"does-not-compile\">does not compile</strong><br>"
            ),
            "{out}"
        );
        let unnumbered = caption(&root(), &root().join("src"), chapter, None, None);
        assert!(!unnumbered.contains("Listing"), "{unnumbered}");
    }

    #[test]
    fn a_listing_keeps_its_stable_anchor_when_one_is_added_before_it() {
        let hello =
            "```rust\n{{#rustdoc_include ../listings/toolchain/hello/src/main.rs}}\n```\n\n";
        let other = "```rust\n{{#include ../listings/closures-and-iterators/compile-fail/\
                     e0382-vec-after-for.rs}}\n```\n\n";
        let src = root().join("src");
        let before = caption(&root(), &src, hello, None, Some("13"));
        let after = caption(
            &root(),
            &src,
            &format!("{other}{hello}{hello}"),
            None,
            Some("13"),
        );
        let link =
            |number: &str, id: &str| format!("id=\"{id}\" href=\"#{id}\">Listing {number}</a>");
        assert!(
            before.contains(&link("13-1", "listing-toolchain-hello-src-main-rs")),
            "{before}"
        );
        // Renumbered, but at the same stable anchor; the repeat gets its own.
        assert!(
            after.contains(&link("13-2", "listing-toolchain-hello-src-main-rs")),
            "{after}"
        );
        assert!(
            after.contains(&link("13-3", "listing-toolchain-hello-src-main-rs-2")),
            "{after}"
        );
    }

    #[test]
    fn dedent_takes_off_the_shared_indentation_of_shown_lines_only() {
        let chapter = "Text\n    indented prose stays\n\n```rust\n# fn main() {\n    let a = 1;\n\n        a + 1;\n# }\n```\n\n\
                       ```go\n\tx := 1\n\t\tif x {\n```\n\n```text\n    output stays\n```\n";
        let expected = "Text\n    indented prose stays\n\n```rust\n# fn main() {\nlet a = 1;\n\n    a + 1;\n# }\n```\n\n\
                        ```go\nx := 1\n\tif x {\n```\n\n```text\n    output stays\n```\n";
        assert_eq!(dedent(chapter), expected);
    }

    /// What the shown code is, read from it alone (not from `command`).
    fn kind(include: &Include, code: &str) -> &'static str {
        let path = include.file.to_string_lossy();
        let rust_test = ["#[test]", "#[tokio::test", "#[cfg(test)]"]
            .iter()
            .any(|m| code.contains(m))
            || path.contains("/tests/");
        if path.ends_with(".rs") && path.contains("/compile-fail/") {
            "compile-fail"
        } else if path.ends_with(".rs") && rust_test {
            "rust-test"
        } else if path.ends_with("_test.go") && code.lines().any(|l| l.starts_with("func Test")) {
            "go-test"
        } else {
            "other"
        }
    }

    /// Every caption of every chapter names a command that runs the code
    /// it stands under: `cargo test -p CRATE NAME` (or `--test NAME`) for
    /// Rust tests, never `cargo run`; `go test -run` selecting each shown
    /// Go test. Failures name the chapter's line.
    #[test]
    fn every_caption_command_runs_the_code_it_captions() {
        let src = root().join("src");
        let mut checked = 0;
        let mut failures = Vec::new();
        for entry in std::fs::read_dir(&src).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                for include in includes(&src, line) {
                    let Some(code) = excerpt(&include) else {
                        continue;
                    };
                    let Some(command) = command(&root(), &include) else {
                        continue;
                    };
                    checked += 1;
                    let place = format!(
                        "src/{}:{}",
                        path.file_name().unwrap().to_string_lossy(),
                        n + 1
                    );
                    let wrong = match kind(&include, &code) {
                        "rust-test" => {
                            !command.starts_with("cargo test -p ")
                                || command.split_whitespace().count() < 5
                        }
                        "go-test" => {
                            let names: Vec<&str> = code
                                .lines()
                                .filter_map(|l| l.strip_prefix("func "))
                                .filter(|r| r.starts_with("Test"))
                                .filter_map(|r| r.split('(').next())
                                .collect();
                            !command.contains("go test -run ")
                                || names.iter().any(|name| !command.contains(name))
                        }
                        "compile-fail" => !command.contains("--test compile_fail"),
                        _ => false,
                    };
                    if wrong {
                        failures.push(format!(
                            "{place}: the caption of {} says `{command}`, which does not run the {} it shows",
                            include.file.strip_prefix(root()).unwrap().display(),
                            kind(&include, &code),
                        ));
                    }
                }
            }
        }
        assert!(checked > 300, "only {checked} captions checked");
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn a_lone_block_is_captioned_after_its_fence() {
        let chapter =
            "```rust\n{{#rustdoc_include ../listings/toolchain/hello/src/main.rs}}\n```\nText\n";
        let out = caption(&root(), &root().join("src"), chapter, None, None);
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
        let out = caption(&root(), &root().join("src"), chapter, None, None);
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
        assert_eq!(
            caption(&root(), &root().join("src"), chapter, None, None),
            chapter
        );
    }
}
