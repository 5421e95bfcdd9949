//! What a fenced code block in a chapter is, and how the book tests it.
//!
//! This module is compiled twice: into the build script, which turns every
//! chapter into tests, and into the library, whose unit tests pin the rules
//! down. Keeping one copy means the rules a writer reads in the README are the
//! rules the build applies.

use std::fmt;

/// Attributes a ```` ```rust ```` fence may carry. Anything else is a typo
/// until proven otherwise, and a typo would let a block escape testing.
pub const RUST_ATTRIBUTES: &[&str] = &[
    "ignore",
    "no_run",
    "should_panic",
    "compile_fail",
    "excerpt",
    "noplayground",
];

/// Names people write when they mean `rust`; none of them is tested by
/// rustdoc-style tools, so the guard refuses them.
const RUST_LOOKALIKES: &[&str] = &["rs", "Rust", "RUST", "rustc", "rust2021", "rust2024"];

/// How the book tests one Rust block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Compiled and run by skeptic; the block must exit successfully.
    Run,
    /// Compiled by skeptic, not run (servers, programs that wait for input).
    NoRun,
    /// Compiled and run by skeptic; the block must panic.
    ShouldPanic,
    /// Not compiled; the text says why. Listed by the guard.
    Ignore,
    /// Must not compile: the included file is a compile-fail listing that the
    /// trybuild harness checks against its committed `.stderr`.
    CompileFail,
    /// Lines taken from a file of a workspace crate, which cargo builds and
    /// tests as a whole; the excerpt alone would lack its surroundings.
    Excerpt,
}

/// What a fence's info string says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fence {
    /// A Rust block, tested in the given way.
    Rust(Mode),
    /// A Go block: it must come from a listing that `go test` covers.
    Go,
    /// Anything else (console, toml, json, text, …): shown, not compiled.
    Other,
}

/// Why a fence is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FenceError {
    NoLanguage,
    LooksLikeRust(String),
    UnknownAttribute(String),
    ConflictingAttributes(String, String),
}

impl fmt::Display for FenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FenceError::NoLanguage => write!(
                f,
                "the fence names no language; write ```rust, ```go, ```console, ```text, …"
            ),
            FenceError::LooksLikeRust(lang) => write!(
                f,
                "```{lang} is not tested; write ```rust so the block is compiled"
            ),
            FenceError::UnknownAttribute(attr) => write!(
                f,
                "unknown attribute `{attr}` on a rust block (known: {})",
                RUST_ATTRIBUTES.join(", ")
            ),
            FenceError::ConflictingAttributes(a, b) => {
                write!(f, "attributes `{a}` and `{b}` cannot be combined")
            }
        }
    }
}

/// Reads a fence's info string (the text after the backticks).
pub fn classify(info: &str) -> Result<Fence, FenceError> {
    let mut tokens = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty());
    let Some(lang) = tokens.next() else {
        return Err(FenceError::NoLanguage);
    };
    if RUST_LOOKALIKES.contains(&lang) {
        return Err(FenceError::LooksLikeRust(lang.to_owned()));
    }
    let rest: Vec<&str> = tokens.collect();
    match lang {
        "rust" => rust_mode(&rest).map(Fence::Rust),
        // An attribute written first (```ignore,rust) hides the language.
        _ if rest.contains(&"rust") || RUST_ATTRIBUTES.contains(&lang) => {
            Err(FenceError::LooksLikeRust(info.trim().to_owned()))
        }
        "go" => Ok(Fence::Go),
        _ => Ok(Fence::Other),
    }
}

fn rust_mode(attributes: &[&str]) -> Result<Mode, FenceError> {
    let mut mode: Option<(&str, Mode)> = None;
    for &attr in attributes {
        let this = match attr {
            "ignore" => Mode::Ignore,
            "no_run" => Mode::NoRun,
            "should_panic" => Mode::ShouldPanic,
            "compile_fail" => Mode::CompileFail,
            "excerpt" => Mode::Excerpt,
            "noplayground" => continue,
            other => return Err(FenceError::UnknownAttribute(other.to_owned())),
        };
        if let Some((first, _)) = mode {
            return Err(FenceError::ConflictingAttributes(
                first.to_owned(),
                attr.to_owned(),
            ));
        }
        mode = Some((attr, this));
    }
    Ok(mode.map_or(Mode::Run, |(_, m)| m))
}

/// One `{{#include …}}`-style directive found in a chapter's source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Include {
    /// `include`, `rustdoc_include` or `playground`.
    pub kind: String,
    /// The path as written, relative to the chapter's directory.
    pub path: String,
    /// What follows the path (`:anchor`, `:3:10`), without the colon.
    pub selector: Option<String>,
}

/// Finds the include directives in a piece of chapter source, skipping the
/// escaped form `\{{#include …}}` that mdBook prints literally.
pub fn includes(text: &str) -> Vec<Include> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{#") {
        let escaped = rest[..start].ends_with('\\');
        let after = &rest[start + 3..];
        let Some(end) = after.find("}}") else { break };
        if !escaped {
            let mut words = after[..end].split_whitespace();
            if let (Some(kind), Some(target)) = (words.next(), words.next())
                && matches!(kind, "include" | "rustdoc_include" | "playground")
            {
                let (path, selector) = match target.split_once(':') {
                    Some((p, s)) => (p.to_owned(), Some(s.to_owned())),
                    None => (target.to_owned(), None),
                };
                found.push(Include {
                    kind: kind.to_owned(),
                    path,
                    selector,
                });
            }
        }
        rest = &after[end + 2..];
    }
    found
}

/// The `{{#name …}}` directives of a text that mdBook does not know, and so
/// prints as they are (a typo such as `{{#inlcude …}}`); escaped ones
/// (`\{{#…}}`) are text on purpose.
pub fn unknown_directives(text: &str) -> Vec<String> {
    const KNOWN: &[&str] = &["include", "rustdoc_include", "playground", "title"];
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{#") {
        let escaped = rest[..start].ends_with('\\');
        let after = &rest[start + 3..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !escaped && !name.is_empty() && !KNOWN.contains(&name.as_str()) {
            found.push(name);
        }
        rest = after;
    }
    found
}

/// What an include directive's selector asks for, read the way mdBook reads
/// it: a selector that starts with a number (or is empty) is a line range,
/// anything else the name of an anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// The whole file.
    All,
    /// Lines `start..end`, counted from 0, as mdBook takes them.
    Lines(usize, Option<usize>),
    /// The lines between `ANCHOR: name` and `ANCHOR_END: name`.
    Anchor(String),
}

impl Include {
    /// The part of the file this directive selects.
    pub fn selection(&self) -> Selection {
        let Some(selector) = &self.selector else {
            return Selection::All;
        };
        let mut parts = selector.splitn(2, ':');
        let first = parts.next().unwrap_or_default();
        let start = match first.parse::<usize>() {
            Ok(n) => n.saturating_sub(1),
            Err(_) if first.is_empty() => 0,
            Err(_) => return Selection::Anchor(first.to_owned()),
        };
        match parts.next().map(str::parse::<usize>) {
            Some(Ok(end)) => Selection::Lines(start, Some(end)),
            Some(Err(_)) => Selection::Lines(start, None),
            None if first.is_empty() => Selection::All,
            None => Selection::Lines(start, Some(start + 1)),
        }
    }
}

/// The anchor a line opens (`marker` = `ANCHOR:`) or closes
/// (`ANCHOR_END:`), matched as mdBook's `ANCHOR:\s*([\w_-]+)` does.
fn anchor_on(line: &str, marker: &str) -> Option<String> {
    line.match_indices(marker).find_map(|(at, _)| {
        let name: String = line[at + marker.len()..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        (!name.is_empty()).then_some(name)
    })
}

/// The anchors a file defines with `ANCHOR: name`, in order.
pub fn anchors(file: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in file.lines().filter_map(|l| anchor_on(l, "ANCHOR:")) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Why an include directive would show the reader nothing, or something
/// else than its writer meant; `None` when it selects some lines. `file` is
/// the included file's text.
pub fn selection_problem(file: &str, selection: &Selection) -> Option<String> {
    selected(file, selection).err()
}

/// The lines an include directive shows (anchor lines left out), or why it
/// would show nothing, or something else than its writer meant.
pub fn selected<'a>(file: &'a str, selection: &Selection) -> Result<Vec<&'a str>, String> {
    let lines: Vec<&str> = file.lines().collect();
    let taken: Vec<&str> = match selection {
        Selection::All => lines,
        Selection::Lines(start, end) => {
            let end = end.unwrap_or(lines.len()).min(lines.len());
            lines.get(*start..end).unwrap_or_default().to_vec()
        }
        Selection::Anchor(name) => {
            let Some(open) = lines
                .iter()
                .position(|l| anchor_on(l, "ANCHOR:").as_deref() == Some(name))
            else {
                let known = anchors(file);
                return Err(format!(
                    "no `ANCHOR: {name}` in the file (its anchors: {}); mdBook would show an \
                     empty block, or with rustdoc_include hide the whole file",
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ));
            };
            let Some(close) = lines[open + 1..]
                .iter()
                .position(|l| anchor_on(l, "ANCHOR_END:").as_deref() == Some(name))
            else {
                return Err(format!(
                    "`ANCHOR: {name}` on line {} has no `ANCHOR_END: {name}` after it, so mdBook \
                     would take the rest of the file",
                    open + 1
                ));
            };
            lines[open + 1..open + 1 + close].to_vec()
        }
    };
    let shown: Vec<&str> = taken
        .into_iter()
        .filter(|l| anchor_on(l, "ANCHOR:").is_none() && !l.contains("ANCHOR_END:"))
        .collect();
    if shown.iter().all(|l| l.trim().is_empty()) {
        return Err(match selection {
            Selection::Anchor(name) => format!("the anchor `{name}` encloses no lines"),
            _ => "the lines it selects are empty".to_owned(),
        });
    }
    Ok(shown)
}

/// Whether a Rust block shows the reader anything: lines that are not
/// hidden (`# `) and not blank.
pub fn shows_code(block: &str, rust: bool) -> bool {
    block.lines().any(|line| {
        let trimmed = line.trim_start();
        !trimmed.is_empty() && !(rust && (trimmed == "#" || trimmed.starts_with("# ")))
    })
}

/// The paragraph of `source` that ends just before line `line` (1-based),
/// skipping blank lines, with its lines joined by spaces.
pub fn paragraph_before(source: &str, line: usize) -> String {
    let mut paragraph: Vec<&str> = source
        .lines()
        .take(line - 1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect();
    paragraph.reverse();
    paragraph.join(" ")
}

/// The words that must open the reason for an `ignore` block.
pub const IGNORE_REASON: &str = "not compiled because";

/// Whether a paragraph says why the block after it is not compiled: one of
/// its sentences contains "not compiled because" (any case) followed by at
/// least three words of reason.
pub fn explains_ignore(paragraph: &str) -> bool {
    let text = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = text.to_lowercase();
    lower.match_indices(IGNORE_REASON).any(|(at, _)| {
        let rest = &lower[at + IGNORE_REASON.len()..];
        let end = rest.find(['.', '!', '?', ';']).unwrap_or(rest.len());
        rest[..end]
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
            >= 3
    })
}

/// The code a Rust block compiles to, as rustdoc and skeptic read it: a line
/// whose first non-blank characters are `# ` is shown hidden in the book but
/// compiled, and a block without `fn main` is wrapped in one.
pub fn compiled_code(block: &str) -> String {
    let mut crate_attributes = String::new();
    let mut body = String::new();
    for line in block.lines() {
        let trimmed = line.trim_start();
        let line = if let Some(code) = trimmed.strip_prefix("# ") {
            code
        } else if trimmed == "#" {
            ""
        } else {
            line
        };
        // Crate attributes must stay at the top when the body is wrapped.
        if body.trim().is_empty() && line.trim_start().starts_with("#![") {
            crate_attributes.push_str(line);
            crate_attributes.push('\n');
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    if body.contains("fn main") {
        format!("{crate_attributes}{body}")
    } else {
        format!("{crate_attributes}fn main() {{\n{body}}}\n")
    }
}

/// The 1-based line on which a byte offset falls, so a block is named by the
/// line a writer sees in an editor.
pub fn line_of(text: &str, byte_offset: usize) -> usize {
    text[..byte_offset].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_rust_runs() {
        assert_eq!(classify("rust"), Ok(Fence::Rust(Mode::Run)));
    }

    #[test]
    fn attributes_choose_the_mode() {
        let cases = [
            ("rust,no_run", Mode::NoRun),
            ("rust,ignore", Mode::Ignore),
            ("rust,should_panic", Mode::ShouldPanic),
            ("rust,compile_fail", Mode::CompileFail),
            ("rust,excerpt", Mode::Excerpt),
            ("rust,noplayground", Mode::Run),
            ("rust no_run", Mode::NoRun),
        ];
        for (info, mode) in cases {
            assert_eq!(classify(info), Ok(Fence::Rust(mode)), "{info}");
        }
    }

    #[test]
    fn typos_are_refused() {
        let cases = [
            ("rs", FenceError::LooksLikeRust("rs".into())),
            ("Rust", FenceError::LooksLikeRust("Rust".into())),
            (
                "ignore,rust",
                FenceError::LooksLikeRust("ignore,rust".into()),
            ),
            (
                "rust,compile-fail",
                FenceError::UnknownAttribute("compile-fail".into()),
            ),
            (
                "rust,edition2024",
                FenceError::UnknownAttribute("edition2024".into()),
            ),
            (
                "rust,ignore,no_run",
                FenceError::ConflictingAttributes("ignore".into(), "no_run".into()),
            ),
            ("", FenceError::NoLanguage),
        ];
        for (info, error) in cases {
            assert_eq!(classify(info), Err(error), "{info:?}");
        }
    }

    #[test]
    fn other_languages_pass_through() {
        assert_eq!(classify("go"), Ok(Fence::Go));
        assert_eq!(classify("console"), Ok(Fence::Other));
        assert_eq!(classify("text"), Ok(Fence::Other));
    }

    #[test]
    fn includes_are_found_and_escapes_skipped() {
        let text = "{{#rustdoc_include ../listings/a/src/main.rs:main}}\n\
                    \\{{#include not/this.rs}}\n{{#include b.go}}";
        assert_eq!(
            includes(text),
            vec![
                Include {
                    kind: "rustdoc_include".into(),
                    path: "../listings/a/src/main.rs".into(),
                    selector: Some("main".into()),
                },
                Include {
                    kind: "include".into(),
                    path: "b.go".into(),
                    selector: None,
                },
            ]
        );
    }

    #[test]
    fn hidden_lines_are_compiled_and_main_is_added() {
        let block = "# use std::fmt;\nlet x = 1;\n#\nassert_eq!(x, 1);\n";
        assert_eq!(
            compiled_code(block),
            "fn main() {\nuse std::fmt;\nlet x = 1;\n\nassert_eq!(x, 1);\n}\n"
        );
    }

    #[test]
    fn crate_attributes_stay_outside_the_wrapper() {
        let block = "#![allow(dead_code)]\nstruct S;\n";
        assert_eq!(
            compiled_code(block),
            "#![allow(dead_code)]\nfn main() {\nstruct S;\n}\n"
        );
    }

    #[test]
    fn unknown_directives_are_found() {
        assert_eq!(
            unknown_directives("{{#inlcude a.rs}} {{#include b.rs}} \\{{#nope}} {{#title T}}"),
            vec!["inlcude".to_owned()]
        );
    }

    #[test]
    fn selectors_are_read_as_mdbook_reads_them() {
        let sel = |s: Option<&str>| {
            Include {
                kind: "include".into(),
                path: "f.rs".into(),
                selector: s.map(str::to_owned),
            }
            .selection()
        };
        assert_eq!(sel(None), Selection::All);
        assert_eq!(sel(Some("main")), Selection::Anchor("main".into()));
        assert_eq!(sel(Some("3")), Selection::Lines(2, Some(3)));
        assert_eq!(sel(Some("3:10")), Selection::Lines(2, Some(10)));
        assert_eq!(sel(Some("3:")), Selection::Lines(2, None));
        assert_eq!(sel(Some(":4")), Selection::Lines(0, Some(4)));
    }

    #[test]
    fn a_missing_or_empty_anchor_is_a_problem() {
        let file = "// ANCHOR: a\nfn a() {}\n// ANCHOR_END: a\n// ANCHOR: empty\n\n// ANCHOR_END: empty\n\
                    // ANCHOR:open\nfn b() {}\n";
        let anchor = |n: &str| selection_problem(file, &Selection::Anchor(n.into()));
        assert_eq!(anchor("a"), None);
        assert!(
            anchor("no-such")
                .is_some_and(|p| p.contains("no `ANCHOR: no-such`")
                    && p.contains("its anchors: a, empty, open")),
            "{:?}",
            anchor("no-such")
        );
        assert!(anchor("empty").is_some_and(|p| p.contains("encloses no lines")));
        assert!(anchor("open").is_some_and(|p| p.contains("no `ANCHOR_END: open`")));
        // A prefix of an anchor's name is not that anchor.
        assert!(anchor("emp").is_some());
        assert_eq!(selection_problem(file, &Selection::Lines(1, Some(2))), None);
        assert!(selection_problem(file, &Selection::Lines(40, None)).is_some());
        assert!(selection_problem("", &Selection::All).is_some());
    }

    #[test]
    fn hidden_lines_show_nothing() {
        assert!(!shows_code("# fn main() {\n#\n# }\n", true));
        assert!(shows_code("# use x;\nlet y = 1;\n", true));
        assert!(shows_code("# heading in a text block\n", false));
        assert!(!shows_code("\n  \n", false));
    }

    #[test]
    fn an_ignore_block_needs_a_reason_sentence() {
        let cases = [
            (
                "This block is not compiled because it needs a database.",
                true,
            ),
            (
                "This block is Not\ncompiled because the crate\nis not public yet.",
                true,
            ),
            ("the handler ignores the error.", false),
            ("This sketch is ignored.", false),
            ("It is not compiled.", false),
            ("It is not compiled because. Of course.", false),
            ("Not compiled because reasons.", false),
        ];
        for (paragraph, explains) in cases {
            assert_eq!(explains_ignore(paragraph), explains, "{paragraph:?}");
        }
    }

    #[test]
    fn the_paragraph_before_a_fence_is_found() {
        let source = "# Title\n\nFirst line\nsecond line.\n\n```rust,ignore\n```\n";
        assert_eq!(paragraph_before(source, 6), "First line second line.");
        assert_eq!(paragraph_before(source, 1), "");
    }

    #[test]
    fn lines_are_counted_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
    }
}
