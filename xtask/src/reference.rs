//! The reference pages: the Go→Rust phrasebook and the standard library →
//! crates map. Each is a markdown table written by hand, and each row
//! points into the book: a section (`chapter.md#anchor`) and the listing
//! that tests what the row says. The `book` stage checks every row against
//! the book it has just built, so a row cannot outlive its section, its
//! listing or its crate:
//!
//! - every `chapter.md#anchor` link of a row names a heading of the built
//!   page;
//! - every `listings/…` path of a row exists; a file is included (by
//!   `{{#include}}` or `{{#rustdoc_include}}`) under that heading, a
//!   directory has a file included somewhere in that chapter;
//! - every crate a row links on docs.rs is in `Cargo.lock` and a dependency
//!   of the listing the row names, unless the row says "not exercised here";
//! - every numbered chapter of SUMMARY.md that shows a listing has at least
//!   one phrasebook row (the introduction, a prefix chapter, needs none);
//! - every exercise a row links (`[exercise: Title](exercise-NAME.md)`,
//!   where an exercise practises the row's idiom) is a page of the built
//!   book, in SUMMARY.md, with its exercise at `exercises/<part>/NAME/`.
//!   To link a new exercise, add the link to the rows it practises.
//!
//! Each failure names the file and line of the row at fault.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::captions::includes;
use crate::exercise::Exercise;
use crate::urls::{attribute_values, heading_texts, letters};

/// The phrasebook: Go form, Rust form, the difference, section, listing.
pub const PHRASEBOOK: &str = "src/phrasebook.md";
/// The standard library → crates map.
pub const STD_MAP: &str = "src/std-map.md";

/// What a row of the std map says when no listing of the book uses the
/// crate it names.
const NOT_EXERCISED: &str = "not exercised here";

/// One body row of a markdown table.
#[derive(Debug)]
struct Row {
    /// `src/phrasebook.md:12`.
    place: String,
    text: String,
}

/// The body rows of the tables of `text`: lines starting with `|`, less
/// each table's header and separator rows.
fn table_rows(file: &str, text: &str) -> Vec<Row> {
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if !line.starts_with('|') || is_separator(line) {
            continue;
        }
        let is_header = lines
            .get(i + 1)
            .is_some_and(|next| is_separator(next.trim()));
        if !is_header {
            rows.push(Row {
                place: format!("{file}:{}", i + 1),
                text: line.to_owned(),
            });
        }
    }
    rows
}

fn is_separator(line: &str) -> bool {
    line.starts_with('|')
        && line.contains('-')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The links of a row to a chapter: `(chapter.md, anchor)` for every
/// `](chapter.md#anchor)` (no anchor: `None`).
fn chapter_links(row: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    for (at, _) in row.match_indices("](") {
        let rest = &row[at + 2..];
        let Some(end) = rest.find(')') else { continue };
        let target = &rest[..end];
        if target.contains("://") {
            continue;
        }
        let (page, fragment) = match target.split_once('#') {
            Some((page, fragment)) => (page, Some(fragment.to_owned())),
            None => (target, None),
        };
        if page.ends_with(".md") {
            found.push((page.to_owned(), fragment));
        }
    }
    found
}

/// A link to an exercise's page: `exercise-NAME.md`.
fn is_exercise(page: &str) -> bool {
    page.starts_with("exercise-") && page.ends_with(".md")
}

/// The exercises a row links (`](exercise-NAME.md)`), as `NAME`.
fn exercise_links(row: &str) -> Vec<String> {
    chapter_links(row)
        .into_iter()
        .filter(|(page, _)| is_exercise(page))
        .map(|(page, _)| page["exercise-".len()..page.len() - ".md".len()].to_owned())
        .collect()
}

/// Why the exercise `name` a row links is not one the book has, if it is not.
fn exercise_problem(
    root: &Path,
    summary: &str,
    exercises: &[Exercise],
    name: &str,
) -> Option<String> {
    let page = format!("exercise-{name}.md");
    if !root.join("src").join(&page).is_file() {
        return Some(format!("src/{page} does not exist"));
    }
    if !summary.contains(&format!("]({page})")) {
        return Some(format!("src/{page} is not in src/SUMMARY.md"));
    }
    if !root
        .join("book/html")
        .join(format!("exercise-{name}.html"))
        .is_file()
    {
        return Some(format!("the built book has no exercise-{name}.html"));
    }
    let found = exercises.iter().any(|e| e.name == name);
    (!found).then(|| format!("no exercises/<part>/{name}/ directory holds it"))
}

/// The `listings/…` paths a row names in backticks.
fn listing_paths(row: &str) -> Vec<String> {
    row.split('`')
        .skip(1)
        .step_by(2)
        .filter(|code| code.starts_with("listings/") && !code.contains(' '))
        .map(|code| code.trim_end_matches('/').to_owned())
        .collect()
}

/// The crates a row links on docs.rs (`https://docs.rs/NAME...`).
fn crate_links(row: &str) -> Vec<String> {
    row.match_indices("https://docs.rs/")
        .filter_map(|(at, needle)| {
            let name: String = row[at + needle.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// A crate name as cargo compares them: `-` and `_` alike.
fn crate_key(name: &str) -> String {
    name.replace('_', "-")
}

/// The packages of `Cargo.lock`.
fn locked_crates(root: &Path) -> Result<BTreeSet<String>> {
    let lock: toml::Table = fs::read_to_string(root.join("Cargo.lock"))?.parse()?;
    Ok(lock
        .get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .filter_map(|p| p.get("name")?.as_str().map(crate_key))
        .collect())
}

/// The dependencies a `Cargo.toml` names (normal, dev and build).
fn dependencies(manifest: &Path) -> BTreeSet<String> {
    let Ok(table) = fs::read_to_string(manifest)
        .unwrap_or_default()
        .parse::<toml::Table>()
    else {
        return BTreeSet::new();
    };
    ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .filter_map(|kind| table.get(*kind)?.as_table())
        .flat_map(|deps| deps.keys().map(|k| crate_key(k)))
        .collect()
}

/// The nearest `Cargo.toml` at or above a listing path, below the root.
fn nearest_manifest(root: &Path, listing: &str) -> Option<PathBuf> {
    root.join(listing)
        .ancestors()
        .take_while(|dir| *dir != root)
        .map(|dir| dir.join("Cargo.toml"))
        .find(|m| m.is_file())
}

/// A heading of a chapter source: its line, level and text.
struct Heading {
    line: usize,
    level: usize,
    text: String,
}

fn headings(text: &str) -> Vec<Heading> {
    let mut in_fence = false;
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        let level = trimmed.chars().take_while(|&c| c == '#').count();
        if !in_fence && (1..=6).contains(&level) && trimmed[level..].starts_with(' ') {
            found.push(Heading {
                line: i + 1,
                level,
                text: trimmed[level..].trim().to_owned(),
            });
        }
    }
    found
}

/// The listing files a chapter includes between lines `from` and `to`
/// (1-based, inclusive), as paths from the root (`listings/…`).
fn included_between(text: &str, from: usize, to: usize) -> BTreeSet<String> {
    text.lines()
        .enumerate()
        .filter(|(i, _)| (from..=to).contains(&(i + 1)))
        .flat_map(|(_, line)| {
            includes(Path::new("src"), line)
                .into_iter()
                .map(|include| include.file.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The numbered chapters of SUMMARY.md, the list items: (line, file). The
/// prefix chapters (a plain link line, as the introduction) are left out.
fn summary_chapters(root: &Path) -> Result<Vec<(usize, String)>> {
    let summary = fs::read_to_string(root.join("src/SUMMARY.md"))?;
    Ok(summary
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim_start().starts_with(['-', '*']))
        .flat_map(|(i, line)| {
            chapter_links(line)
                .into_iter()
                .map(move |(page, _)| (i + 1, page))
        })
        .collect())
}

/// What the book stage checks of the two pages; `book/html` must hold the
/// book just built.
pub fn check(root: &Path) -> Result<()> {
    let problems = problems(root)?;
    if problems.is_empty() {
        Ok(())
    } else {
        bail!(
            "{} problem(s) in the reference pages:\n{}",
            problems.len(),
            problems.join("\n")
        )
    }
}

fn problems(root: &Path) -> Result<Vec<String>> {
    let locked = locked_crates(root)?;
    let summary = fs::read_to_string(root.join("src/SUMMARY.md"))?;
    let mut problems = Vec::new();
    let mut linked_chapters = BTreeSet::new();
    let mut linked_exercises = BTreeSet::new();
    let exercises = crate::exercise::all(root)?;
    let mut counts = Vec::new();
    for file in [PHRASEBOOK, STD_MAP] {
        let text = fs::read_to_string(root.join(file))
            .map_err(|e| anyhow::anyhow!("{file}: cannot read it: {e}"))?;
        let rows = table_rows(file, &text);
        if rows.is_empty() {
            problems.push(format!(
                "{file}: no table rows found: the check read nothing"
            ));
        }
        counts.push(format!("{file}: {} rows", rows.len()));
        for row in &rows {
            let links: Vec<_> = chapter_links(&row.text)
                .into_iter()
                .filter(|(page, _)| !is_exercise(page))
                .collect();
            for name in exercise_links(&row.text) {
                if let Some(why) = exercise_problem(root, &summary, &exercises, &name) {
                    problems.push(format!(
                        "{}: links the exercise exercise-{name}.md, but {why}",
                        row.place
                    ));
                }
                linked_exercises.insert(name);
            }
            if file == PHRASEBOOK {
                linked_chapters.extend(links.iter().map(|(page, _)| page.clone()));
            }
            problems.extend(row_problems(root, file, row, &links, &locked));
        }
    }
    eprintln!("reference pages checked: {}", counts.join(", "));

    // Every chapter that shows a listing has a row in the phrasebook.
    for (line, chapter) in summary_chapters(root)? {
        if format!("src/{chapter}") == PHRASEBOOK || format!("src/{chapter}") == STD_MAP {
            continue;
        }
        let text = fs::read_to_string(root.join("src").join(&chapter)).unwrap_or_default();
        let shows_listing = text.lines().any(|l| {
            includes(Path::new("src"), l)
                .iter()
                .any(|i| i.file.starts_with("listings"))
        });
        if shows_listing && !linked_chapters.contains(&chapter) {
            problems.push(format!(
                "src/SUMMARY.md:{line}: {chapter} shows listings but no row of {PHRASEBOOK} \
                 links to it; add a row for each Go idiom it treats"
            ));
        }
    }
    // Every exercise is linked from a row of the idioms it practises.
    for exercise in &exercises {
        let (part, name) = (&exercise.part, &exercise.name);
        if !linked_exercises.contains(name) {
            problems.push(format!(
                "exercises/{part}/{name}/ is linked from no row of {PHRASEBOOK}; add \
                 `· practised in [exercise: TITLE](exercise-{name}.md)` to the rows of \
                 the idioms it practises"
            ));
        }
    }
    Ok(problems)
}

fn row_problems(
    root: &Path,
    file: &str,
    row: &Row,
    links: &[(String, Option<String>)],
    locked: &BTreeSet<String>,
) -> Vec<String> {
    let place = &row.place;
    let mut problems = Vec::new();
    let listings = listing_paths(&row.text);
    let not_exercised = row.text.contains(NOT_EXERCISED);
    if links.is_empty() && !not_exercised {
        problems.push(format!(
            "{place}: the row links no section of the book (`[…](chapter.md#anchor)`)"
        ));
    }
    if listings.is_empty() && !not_exercised {
        problems.push(format!(
            "{place}: the row names no listing that tests it (a `listings/…` path in \
             backticks){}",
            if file == STD_MAP {
                format!(", and does not say \"{NOT_EXERCISED}\"")
            } else {
                String::new()
            }
        ));
    }

    // The sections: each link's heading in the built page and its lines in
    // the chapter source.
    let mut sections = Vec::new();
    for (page, fragment) in links {
        let html_page = format!("{}.html", page.trim_end_matches(".md"));
        let html = fs::read_to_string(root.join("book/html").join(&html_page));
        let source = fs::read_to_string(root.join("src").join(page));
        let (Ok(html), Ok(source)) = (html, source) else {
            problems.push(format!(
                "{place}: links to {page}, which is not a chapter of the built book"
            ));
            continue;
        };
        let Some(fragment) = fragment else {
            let last = source.lines().count();
            sections.push((page.clone(), None, source, 1, last));
            continue;
        };
        let ids: BTreeSet<&str> = attribute_values(&html, "id")
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        if !ids.contains(fragment.as_str()) {
            problems.push(format!(
                "{place}: links to {page}#{fragment}, but {html_page} has no element with id \
                 \"{fragment}\"; fix the anchor (xtask/page-manifest.txt lists the book's)"
            ));
            continue;
        }
        let built = heading_texts(&html);
        let Some((_, text)) = built.iter().find(|(id, _)| id == fragment) else {
            problems.push(format!(
                "{place}: links to {page}#{fragment}, which is not a heading of {html_page}"
            ));
            continue;
        };
        let source_headings = headings(&source);
        let Some(at) = source_headings
            .iter()
            .position(|h| letters(&h.text) == letters(text))
        else {
            problems.push(format!(
                "{place}: the heading \"{text}\" of {html_page} is not found in src/{page}"
            ));
            continue;
        };
        let heading = &source_headings[at];
        let end = source_headings[at + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(source.lines().count(), |h| h.line - 1);
        sections.push((
            page.clone(),
            Some(fragment.clone()),
            source,
            heading.line,
            end,
        ));
    }

    for listing in &listings {
        let path = root.join(listing);
        if !path.exists() {
            problems.push(format!("{place}: names {listing}, which does not exist"));
            continue;
        }
        if sections.is_empty() {
            continue;
        }
        let shown = sections.iter().any(|(_, _, source, from, to)| {
            if path.is_dir() {
                // A directory: some file of it shown anywhere in the chapter.
                included_between(source, 1, source.lines().count())
                    .iter()
                    .any(|p| p.starts_with(&format!("{listing}/")))
            } else {
                included_between(source, *from, *to).contains(listing)
            }
        });
        if !shown {
            let where_ = sections
                .iter()
                .map(|(page, fragment, _, from, to)| match fragment {
                    Some(f) => format!("{page}#{f} (src/{page}:{from}-{to})"),
                    None => format!("src/{page}"),
                })
                .collect::<Vec<_>>()
                .join(" or ");
            let what = if path.is_dir() {
                "no file of it is included in"
            } else {
                "it is not included under"
            };
            problems.push(format!(
                "{place}: names {listing}, but {what} {where_}: link the section that shows it"
            ));
        }
    }

    for name in crate_links(&row.text) {
        if not_exercised {
            continue;
        }
        let key = crate_key(&name);
        if !locked.contains(&key) {
            problems.push(format!(
                "{place}: names the crate {name}, which the workspace does not build (it is \
                 not in Cargo.lock); use a crate a listing uses, or say \"{NOT_EXERCISED}\""
            ));
            continue;
        }
        let manifests: Vec<PathBuf> = listings
            .iter()
            .filter_map(|l| nearest_manifest(root, l))
            .collect();
        if !manifests.is_empty() && !manifests.iter().any(|m| dependencies(m).contains(&key)) {
            let names = manifests
                .iter()
                .map(|m| m.strip_prefix(root).unwrap_or(m).display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(format!(
                "{place}: names the crate {name}, but the listing it names does not depend on \
                 it ({names}); name a listing that uses it"
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_headers_and_separators_and_keep_their_lines() {
        let text = "# Title\n\n| Go | Rust |\n| --- | :-- |\n| `a` | `b` |\n| `c` | `d` |\n";
        let rows = table_rows("src/x.md", text);
        let places: Vec<_> = rows.iter().map(|r| r.place.as_str()).collect();
        assert_eq!(places, ["src/x.md:5", "src/x.md:6"]);
    }

    #[test]
    fn links_listings_and_crates_are_read_from_a_row() {
        let row = "| `flag` | [clap](https://docs.rs/clap) | x | \
                   [Toolchain](toolchain.md#the-map), [top](strings.md) | \
                   `listings/job-queue/server/src/config.rs` `not a/path` |";
        assert_eq!(
            chapter_links(row),
            [
                ("toolchain.md".to_owned(), Some("the-map".to_owned())),
                ("strings.md".to_owned(), None)
            ]
        );
        assert_eq!(
            listing_paths(row),
            ["listings/job-queue/server/src/config.rs"]
        );
        assert_eq!(crate_links(row), ["clap"]);
        let row = "| a | b | c | [A](a.md#x) | `listings/x` · practised in \
                   [exercise: W](exercise-word-count.md), [exercise: S](exercise-shapes.md) |";
        assert_eq!(exercise_links(row), ["word-count", "shapes"]);
    }

    /// A book of one chapter, built: `src/a.md` with two sections, the
    /// second including `listings/x/src/main.rs`; `listings/x` depends on
    /// serde; Cargo.lock has serde and tokio.
    fn book() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write(
            "src/SUMMARY.md",
            "[Intro](intro.md)\n- [A](a.md)\n- [E](exercise-ex.md)\n- [P](phrasebook.md)\n\
             - [M](std-map.md)\n",
        );
        // An exercise: its page, built, and its directory.
        write("src/exercise-ex.md", "# E\n");
        write("book/html/exercise-ex.html", r#"<h1 id="e">E</h1>"#);
        write("exercises/language/ex/go/go.mod", "module ex\n");
        write("exercises/language/ex/start/Cargo.toml", "[package]\n");
        write("exercises/language/ex/solution/Cargo.toml", "[package]\n");
        // A prefix chapter with a listing needs no row.
        write(
            "src/intro.md",
            "# Intro\n\n```rust\n{{#include ../listings/x/src/main.rs}}\n```\n",
        );
        write(
            "src/a.md",
            "# A\n\n## One\n\nText.\n\n## Two\n\n```rust\n\
             {{#rustdoc_include ../listings/x/src/main.rs:main}}\n```\n",
        );
        write(
            "book/html/a.html",
            r#"<h1 id="a">A</h1><h2 id="one">One</h2><h2 id="two">Two</h2>"#,
        );
        write("listings/x/src/main.rs", "fn main() {}\n");
        write(
            "listings/x/Cargo.toml",
            "[package]\nname = \"x\"\n[dependencies]\nserde.workspace = true\n",
        );
        write(
            "Cargo.lock",
            "[[package]]\nname = \"serde\"\n\n[[package]]\nname = \"tokio\"\n",
        );
        tmp
    }

    fn pages(root: &Path, phrasebook_row: &str, map_row: &str) {
        let table = "| a | b | c | d |\n| --- | --- | --- | --- |\n";
        fs::write(
            root.join(PHRASEBOOK),
            format!("# P\n\n{table}{phrasebook_row}\n"),
        )
        .unwrap();
        fs::write(root.join(STD_MAP), format!("# M\n\n{table}{map_row}\n")).unwrap();
    }

    #[test]
    fn each_broken_row_is_reported_at_its_file_and_line() {
        let good_phrase = "| `x` | `y` | z | [A](a.md#two) | `listings/x/src/main.rs` · practised in \
                           [exercise: E](exercise-ex.md) |";
        let good_map = "| `encoding/json` | [serde](https://docs.rs/serde) | [A](a.md#two) | `listings/x/src/main.rs` |";
        let cases = [
            (good_phrase, good_map, None),
            (
                "| `x` | `y` | z | [A](a.md#one) | `listings/x/src/main.rs` |",
                good_map,
                Some(
                    "src/phrasebook.md:5: names listings/x/src/main.rs, but it is not included \
                     under a.md#one (src/a.md:3-6)",
                ),
            ),
            (
                "| `x` | `y` | z | [A](a.md#tow) | `listings/x/src/main.rs` |",
                good_map,
                Some(
                    "src/phrasebook.md:5: links to a.md#tow, but a.html has no element with id \"tow\"",
                ),
            ),
            (
                "| `x` | `y` | z | [A](a.md#two) | `listings/x/src/gone.rs` |",
                good_map,
                Some("src/phrasebook.md:5: names listings/x/src/gone.rs, which does not exist"),
            ),
            (
                "| `x` | `y` | z | [A](a.md#two) | no listing |",
                good_map,
                Some("src/phrasebook.md:5: the row names no listing that tests it"),
            ),
            (
                good_phrase,
                "| `flag` | [argh](https://docs.rs/argh) | [A](a.md#two) | `listings/x/src/main.rs` |",
                Some("src/std-map.md:5: names the crate argh, which the workspace does not build"),
            ),
            (
                good_phrase,
                "| `flag` | [tokio](https://docs.rs/tokio) | [A](a.md#two) | `listings/x/src/main.rs` |",
                Some(
                    "src/std-map.md:5: names the crate tokio, but the listing it names does not depend on it (listings/x/Cargo.toml)",
                ),
            ),
            (
                good_phrase,
                "| `expvar` | [argh](https://docs.rs/argh) | not exercised here | |",
                None,
            ),
            (
                good_phrase,
                "| `expvar` | [argh](https://docs.rs/argh) | no listing | |",
                Some("src/std-map.md:5: the row links no section of the book"),
            ),
            (
                "| `x` | `y` | z | [A](a.md#two) | `listings/x` · practised in [exercise: E](exercise-ex.md) |",
                good_map,
                None,
            ),
            (
                "| `x` | `y` | z | [A](a.md#two) | `listings/x` |",
                good_map,
                Some(
                    "exercises/language/ex/ is linked from no row of src/phrasebook.md; add \
                     `· practised in [exercise: TITLE](exercise-ex.md)`",
                ),
            ),
            (
                "| `x` | `y` | z | [A](a.md#two) | `listings/x` · practised in [exercise: E](exercise-ex.md) |",
                good_map,
                None,
            ),
            (
                "| `x` | `y` | z | [A](a.md#two) | `listings/x` · practised in [exercise: G](exercise-gone.md) |",
                good_map,
                Some(
                    "src/phrasebook.md:5: links the exercise exercise-gone.md, but src/exercise-gone.md \
                     does not exist",
                ),
            ),
        ];
        let book = book();
        for (phrase, map, want) in cases {
            pages(book.path(), phrase, map);
            let problems = problems(book.path()).unwrap();
            match want {
                None => assert!(problems.is_empty(), "{phrase} / {map}: {problems:?}"),
                Some(want) => assert!(
                    problems.iter().any(|p| p.starts_with(want)),
                    "{phrase} / {map}: want {want:?}, got {problems:?}"
                ),
            }
        }
    }

    #[test]
    fn a_chapter_with_listings_and_no_phrasebook_row_is_reported_in_the_summary() {
        let book = book();
        pages(
            book.path(),
            "| `x` | `y` | z | [P](phrasebook.md) | `listings/x/src/main.rs` |",
            "| `expvar` | none | not exercised here | |",
        );
        let problems = problems(book.path()).unwrap();
        assert!(
            problems.iter().any(|p| p.starts_with(
                "src/SUMMARY.md:2: a.md shows listings but no row of src/phrasebook.md links to it"
            )),
            "{problems:?}"
        );
    }
}
