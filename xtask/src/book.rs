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

use crate::captions::{Captions, Dedent};
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
    book.with_preprocessor(Dedent);
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
    let book = load(root)?;
    book.build().context("mdBook could not build the book")?;
    let html = root.join("book").join("html");
    link_previews(&book, &html, published_site(&book)?.as_deref())?;
    search_without_captions(root, &html)?;
    eprintln!("built the book in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Replaces the search index of the HTML book in `html_dir` with one made
/// from the chapters without what a search should not find: the captions
/// under listings (a path and a command each, which matched every search
/// for a crate's name) and the `//!` doc comments that open listing files.
/// The pages stay as they are; only `searchindex-*.js` changes (under the
/// name the pages load). mdBook indexes the page it renders, so the index
/// comes from a second render, into a temporary directory.
pub fn search_without_captions(root: &Path, html_dir: &Path) -> Result<()> {
    let mut book = MDBook::load(root)?;
    // No renderer runs the captions: they stay out of this render.
    book.config.set(
        format!("preprocessor.{}.renderers", crate::captions::NAME),
        Vec::<String>::new(),
    )?;
    // After `links`, which expands the includes the `//!` lines come in by.
    book.config.set(
        "preprocessor.search-without-module-docs.after",
        vec!["links"],
    )?;
    book.with_preprocessor(crate::captions::Dedent);
    book.with_preprocessor(NoModuleDocs);
    let scratch = tempfile::tempdir()?;
    book.config.build.build_dir = scratch.path().to_owned();
    book.execute_build_process(&mdbook_html::HtmlHandlebars::new())
        .context("mdBook could not render the book for its search index")?;
    let index = |dir: &Path| -> Result<PathBuf> {
        let found = std::fs::read_dir(dir)?
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("searchindex"))
            });
        found.with_context(|| format!("{} has no searchindex-*.js", dir.display()))
    };
    let published = index(html_dir)?;
    let rendered = scratch.path().join("html");
    let fresh = index(if rendered.is_dir() {
        &rendered
    } else {
        scratch.path()
    })?;
    let before = published.metadata()?.len();
    std::fs::copy(&fresh, &published)?;
    eprintln!(
        "search index without captions and //! lines: {:.2} MB (with them: {:.2} MB)",
        published.metadata()?.len() as f64 / 1e6,
        before as f64 / 1e6
    );
    Ok(())
}

/// Drops the `//!` lines of Rust blocks, for the search index only.
struct NoModuleDocs;

impl mdbook_preprocessor::Preprocessor for NoModuleDocs {
    fn name(&self) -> &str {
        "search-without-module-docs"
    }

    fn run(
        &self,
        _: &mdbook_preprocessor::PreprocessorContext,
        mut book: mdbook_driver::book::Book,
    ) -> Result<mdbook_driver::book::Book> {
        book.for_each_mut(|item| {
            if let mdbook_driver::book::BookItem::Chapter(chapter) = item {
                chapter.content = chapter
                    .content
                    .split_inclusive('\n')
                    .filter(|line| {
                        // Shown, or hidden (`# //! …`) but indexed all the same.
                        let code = line.trim_start();
                        let code = code.strip_prefix("# ").unwrap_or(code).trim_start();
                        !code.starts_with("//!")
                    })
                    .collect();
            }
        });
        Ok(book)
    }
}

/// How long a page's description may be; link previews cut longer ones.
const DESCRIPTION_MAX: usize = 200;

/// Link previews: gives every chapter page of the HTML book in `html_dir`
/// its own `description` (the chapter's first paragraph, as plain text)
/// and the Open Graph and Twitter card tags a site reads when someone
/// links the page (title, description, address). mdBook writes one
/// description, the book's, into every page; this replaces it. The address
/// is the one `site` gives, the address of the site's root ending in `/`:
/// for the built book the published one ([`published_site`]); `cargo xtask
/// serve` gives its own, so a page it serves never claims to be the
/// published copy.
pub fn link_previews(book: &MDBook, html_dir: &Path, site: Option<&str>) -> Result<()> {
    let book_title = book.config.book.title.clone().unwrap_or_default();
    let mut first = true;
    for item in book.book.iter() {
        let mdbook_driver::book::BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(path) = &chapter.path else { continue };
        let source = book
            .source_dir()
            .join(chapter.source_path.as_ref().unwrap_or(path));
        let markdown = std::fs::read_to_string(&source)
            .with_context(|| format!("cannot read {}", source.display()))?;
        let description = first_paragraph(&markdown);
        let page = path
            .with_extension("html")
            .to_string_lossy()
            .replace('\\', "/");
        let mut pages = vec![page.clone()];
        if first {
            // mdBook copies the first chapter to index.html.
            pages.push("index.html".to_owned());
            first = false;
        }
        for name in pages {
            let file = html_dir.join(&name);
            let Ok(html) = std::fs::read_to_string(&file) else {
                continue;
            };
            let url = site.map(|site| format!("{site}{name}"));
            let tags = preview_tags(&book_title, &chapter.name, &description, url.as_deref());
            let html = replace_description(&html, &tags).with_context(|| {
                format!("{} has no <meta name=\"description\">", file.display())
            })?;
            std::fs::write(&file, html)?;
        }
    }
    Ok(())
}

/// Where the book is published: GitHub Pages of the repository book.toml
/// names, under its `site-url` (`https://OWNER.github.io/go-to-rust/`).
pub fn published_site(book: &MDBook) -> Result<Option<String>> {
    let repository: Option<String> = book.config.get(crate::captions::REPOSITORY_KEY)?;
    let site_url: String = book
        .config
        .get("output.html.site-url")?
        .unwrap_or_else(|| "/".to_owned());
    Ok(repository
        .as_deref()
        .and_then(pages_origin)
        .map(|origin| format!("{origin}{site_url}")))
}

/// `https://OWNER.github.io` for `https://github.com/OWNER/NAME`.
fn pages_origin(repository: &str) -> Option<String> {
    let rest = repository.strip_prefix("https://github.com/")?;
    let owner = rest.split('/').next().filter(|o| !o.is_empty())?;
    Some(format!("https://{}.github.io", owner.to_ascii_lowercase()))
}

/// The chapter's first paragraph of prose as one line of plain text: the
/// first run of text lines after the title that is not a heading, code,
/// HTML, a table, a list or an include; links become their text, code and
/// emphasis marks are dropped; cut at a word after [`DESCRIPTION_MAX`].
pub fn first_paragraph(markdown: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if t.is_empty() {
            if !words.is_empty() {
                break;
            }
            continue;
        }
        let structural = ["#", "<", "|", "- ", "* ", "{{", ">", "!["]
            .iter()
            .any(|p| t.starts_with(p));
        if words.is_empty() && structural {
            continue;
        }
        words.extend(t.split_whitespace());
    }
    let text = plain(&words.join(" "));
    if text.chars().count() <= DESCRIPTION_MAX {
        return text;
    }
    let mut cut = String::new();
    for word in text.split(' ') {
        if cut.chars().count() + word.chars().count() + 1 > DESCRIPTION_MAX - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// Markdown inline marks taken off: `[text](url)` and `[text][ref]` are
/// their text; backticks, `*` and `_` emphasis go.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' | '*' => {}
            '_' if out.ends_with(' ')
                || out.is_empty()
                || chars.peek().is_none_or(|n| !n.is_alphanumeric()) => {}
            ']' if matches!(chars.peek(), Some('(' | '[')) => {
                let close = if chars.next() == Some('(') { ')' } else { ']' };
                for skipped in chars.by_ref() {
                    if skipped == close {
                        break;
                    }
                }
            }
            '[' => {}
            ']' => {}
            other => out.push(other),
        }
    }
    out
}

fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The description and link-preview tags of one page.
fn preview_tags(book_title: &str, title: &str, description: &str, url: Option<&str>) -> String {
    let (book_title, title, description) = (
        attribute(book_title),
        attribute(title),
        attribute(description),
    );
    let mut tags = vec![
        format!("<meta name=\"description\" content=\"{description}\">"),
        "<meta property=\"og:type\" content=\"article\">".to_owned(),
        format!("<meta property=\"og:site_name\" content=\"{book_title}\">"),
        format!("<meta property=\"og:title\" content=\"{title}\">"),
        format!("<meta property=\"og:description\" content=\"{description}\">"),
        "<meta name=\"twitter:card\" content=\"summary\">".to_owned(),
        format!("<meta name=\"twitter:title\" content=\"{title}\">"),
        format!("<meta name=\"twitter:description\" content=\"{description}\">"),
    ];
    if let Some(url) = url {
        tags.insert(
            3,
            format!("<meta property=\"og:url\" content=\"{}\">", attribute(url)),
        );
        tags.push(format!(
            "<link rel=\"canonical\" href=\"{}\">",
            attribute(url)
        ));
    }
    tags.join("\n        ")
}

/// `html` with its `<meta name="description" …>` replaced by `tags`.
fn replace_description(html: &str, tags: &str) -> Option<String> {
    let start = html.find("<meta name=\"description\"")?;
    let end = start + html[start..].find('>')? + 1;
    Some(format!("{}{tags}{}", &html[..start], &html[end..]))
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
