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
    fn lines_are_counted_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
    }
}
