//! The runtime of the book's doctests.
//!
//! `build.rs` turns each fenced block of each chapter into a test in
//! `tests/chapters.rs`; those tests call the `check_*` functions here. Rust
//! blocks are compiled (and usually run) by skeptic's runtime, against this
//! crate's dependencies, so a block may `use tokio::…` or `use axum::…`.
//! When a block fails, the message names the chapter file and line, the
//! listing it came from, and the command that reruns just that block, instead
//! of the rustc command line skeptic reports.

pub mod blocks;
mod metadata;

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Once, OnceLock};

pub use blocks::Mode;

/// Where compile-fail listings live; `tests/compile_fail.rs` hands this
/// pattern to trybuild, and [`check_compile_fail`] holds chapters to it.
pub const COMPILE_FAIL_GLOB: &str = "listings/*/compile-fail/*.rs";

/// One Rust block of a chapter, as the build script found it.
#[derive(Debug)]
pub struct Block {
    /// The chapter file, relative to the book's root (`src/ownership.md`).
    pub chapter: &'static str,
    /// The line of the chapter on which the block's fence opens.
    pub line: usize,
    /// The listing file the block includes, if it includes one.
    pub source: Option<&'static str>,
    pub mode: Mode,
    /// The program that is compiled: hidden lines shown, `fn main` added.
    pub code: &'static str,
    /// The generated test's path, for the rerun command.
    pub test: &'static str,
}

/// The book's root directory (where book.toml is).
pub fn root() -> &'static Path {
    Path::new(env!("BOOK_ROOT"))
}

/// Compiles the block and, unless it is `no_run`, runs it.
pub fn check_block(block: &Block) {
    silence_skeptic_panics();
    let manifest_dir = env!("CARGO_MANIFEST_DIR");
    let out_dir = env!("OUT_DIR");
    let target = env!("BOOK_DOCTESTS_TARGET");
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| match block.mode {
        Mode::NoRun => skeptic::rt::compile_test(manifest_dir, out_dir, target, block.code),
        _ => skeptic::rt::run_test(manifest_dir, out_dir, target, block.code),
    }));
    let failure = outcome.err().map(|payload| message_of(&*payload));
    let place = block.place();
    match (block.mode, failure) {
        (Mode::ShouldPanic, None) => {
            panic!("{place}: the block is marked should_panic, but it ran to the end")
        }
        (_, Some(failure)) if is_compile_failure(&failure) => panic!(
            "{place}: this Rust block does not compile{from}.\n\
             rustc's messages are printed above; their line numbers count the lines of the \
             block as compiled (hidden `# ` lines included, `fn main` added if missing):\n\
             {numbered}\n\
             Rerun just this block: cargo test --workspace --test chapters -- {test} --exact",
            from = block.from(),
            numbered = numbered(block.code),
            test = block.test,
        ),
        (Mode::ShouldPanic, Some(_)) | (_, None) => {}
        (_, Some(_)) => panic!(
            "{place}: this Rust block compiled{from} but exited with a failure; its output is \
             printed above.\n\
             Rerun just this block: cargo test --workspace --test chapters -- {test} --exact",
            from = block.from(),
            test = block.test,
        ),
    }
}

impl Block {
    fn place(&self) -> String {
        format!("{}:{}", self.chapter, self.line)
    }

    fn from(&self) -> String {
        self.source
            .map(|s| format!(" (it shows {s})"))
            .unwrap_or_default()
    }
}

/// A `compile_fail` block must show a compile-fail listing that trybuild
/// checks, and the chapter must show that listing's `.stderr` too, so the
/// error the reader sees is the one the test compares with rustc's.
pub fn check_compile_fail(chapter: &str, line: usize, file: &str, stderr_shown: bool) {
    let place = format!("{chapter}:{line}");
    let path = Path::new(file);
    let parts: Vec<_> = path.components().collect();
    let in_harness = parts.len() == 4
        && parts[0].as_os_str() == "listings"
        && parts[2].as_os_str() == "compile-fail"
        && path.extension().is_some_and(|e| e == "rs");
    assert!(
        in_harness,
        "{place}: a compile_fail block must include a file matching {COMPILE_FAIL_GLOB}, \
         which tests/compile_fail.rs checks; it includes {file}"
    );
    assert!(
        root().join(path).is_file(),
        "{place}: {file} does not exist"
    );
    let stderr = path.with_extension("stderr");
    assert!(
        root().join(&stderr).is_file(),
        "{place}: {} is missing; create it with \
         TRYBUILD=overwrite cargo test -p book-doctests --test compile_fail",
        stderr.display()
    );
    assert!(
        stderr_shown,
        "{place}: the chapter shows {file} but not {}; include it in a ```text block \
         so readers see the error the test checks",
        stderr.display()
    );
}

/// An `excerpt` block shows lines of a file that belongs to a workspace
/// crate, which `cargo test --workspace` builds and tests as a whole.
pub fn check_excerpt(chapter: &str, line: usize, files: &[&str]) {
    let place = format!("{chapter}:{line}");
    for file in files {
        let path = root().join(file);
        assert!(path.is_file(), "{place}: {file} does not exist");
        let crate_dir = path
            .ancestors()
            .skip(1)
            .find(|dir| dir.join("Cargo.toml").is_file())
            .filter(|dir| *dir != root());
        let Some(crate_dir) = crate_dir else {
            panic!("{place}: {file} is not inside a crate, so nothing compiles it")
        };
        assert!(
            workspace_members().contains(&crate_dir.to_path_buf()),
            "{place}: {file} belongs to {}, which is not a workspace member in Cargo.toml, \
             so `cargo test` never compiles it",
            crate_dir.display()
        );
    }
}

/// A Go block shows a file of a Go module under `listings/` (or an
/// exercise's Go original under `exercises/`), which `cargo xtask test`
/// vets and tests.
pub fn check_go_listing(chapter: &str, line: usize, files: &[&str]) {
    let place = format!("{chapter}:{line}");
    for file in files {
        let path = root().join(file);
        assert!(path.is_file(), "{place}: {file} does not exist");
        assert!(
            file.starts_with("listings/") || file.starts_with("exercises/"),
            "{place}: {file} is outside listings/ and exercises/, where the Go runner looks"
        );
        let module = path
            .ancestors()
            .skip(1)
            .take_while(|dir| *dir != root())
            .find(|dir| dir.join("go.mod").is_file());
        let Some(module) = module else {
            panic!(
                "{place}: {file} is in no Go module (no go.mod above it), so go test never runs it"
            )
        };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(why) = go_ignores(path.strip_prefix(module).unwrap(), &text) {
            panic!("{place}: {file}: {why}, so go vet and go test never compile it")
        }
    }
}

/// Why the go tool would leave a file of a module out of `./...`: it sits
/// in `testdata/` or a directory whose name starts with `_` or `.`, its own
/// name starts with one of those, or a `//go:build ignore` line excludes it.
/// `in_module` is the file's path relative to its module.
fn go_ignores(in_module: &Path, text: &str) -> Option<String> {
    for part in in_module.components() {
        let name = part.as_os_str().to_string_lossy();
        if name == "testdata" || name.starts_with('_') || name.starts_with('.') {
            return Some(format!(
                "the go tool skips `{name}` in ./... (testdata, and names starting with _ or .)"
            ));
        }
    }
    let constraint = text
        .lines()
        .take_while(|l| !l.starts_with("package "))
        .find(|l| l.starts_with("//go:build") && l.split_whitespace().any(|w| w == "ignore"));
    constraint.map(|l| format!("`{l}` excludes it from every build"))
}

/// The directories of the workspace's packages, from `cargo metadata`.
fn workspace_members() -> &'static [PathBuf] {
    static MEMBERS: OnceLock<Vec<PathBuf>> = OnceLock::new();
    MEMBERS.get_or_init(|| {
        metadata::workspace_packages(root())
            .iter()
            .filter_map(|p| p["manifest_path"].as_str())
            .map(|m| Path::new(m).parent().unwrap().to_path_buf())
            .collect()
    })
}

/// skeptic reports a failure by panicking with the full rustc (or program)
/// command line. [`check_block`] turns that into a message a reader can act
/// on, so the original panic is kept out of the log.
fn silence_skeptic_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !message_of(info.payload()).starts_with("Command failed") {
                default(info);
            }
        }));
    });
}

fn message_of(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// skeptic's failure names the command that failed; only the rustc one
/// passes `--crate-type=bin`.
fn is_compile_failure(failure: &str) -> bool {
    failure.contains("--crate-type=bin")
}

fn numbered(code: &str) -> String {
    code.lines()
        .enumerate()
        .map(|(i, line)| format!("{:>4} | {line}\n", i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lines_match_rustc_line_numbers() {
        assert_eq!(numbered("a\nb"), "   1 | a\n   2 | b\n");
    }

    #[test]
    fn files_the_go_tool_skips_are_found() {
        let cases = [
            ("main.go", "package main\n", None),
            ("cmd/x/main_test.go", "package main\n", None),
            ("testdata/x.go", "package x\n", Some("testdata")),
            ("_old/x.go", "package x\n", Some("_old")),
            ("_x.go", "package x\n", Some("_x.go")),
            (
                "gen.go",
                "// Generator.\n//go:build ignore\n\npackage main\n",
                Some("//go:build ignore"),
            ),
            ("linux.go", "//go:build linux\n\npackage x\n", None),
        ];
        for (file, text, want) in cases {
            let got = go_ignores(Path::new(file), text);
            match want {
                None => assert_eq!(got, None, "{file}"),
                Some(want) => assert!(
                    got.as_ref().is_some_and(|g| g.contains(want)),
                    "{file}: {got:?}"
                ),
            }
        }
    }

    #[test]
    #[should_panic(expected = "must include a file matching")]
    fn compile_fail_outside_the_harness_is_refused() {
        check_compile_fail("src/x.md", 3, "listings/x/src/main.rs", true);
    }
}
