//! Building and serving the book with the pinned mdBook and link checker.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;

use crate::test::{Env, status};
use crate::tools::{self, LINKCHECK, MDBOOK};

/// An `mdbook` command whose PATH also finds the pinned link checker, which
/// mdBook runs as the `linkcheck2` renderer.
fn mdbook(root: &Path) -> Result<Command> {
    let mdbook = tools::cargo_tool(MDBOOK.0, MDBOOK.1, "mdbook")?;
    let linkcheck = tools::cargo_tool(LINKCHECK.0, LINKCHECK.1, "mdbook-linkcheck2")?;
    let mut path: Vec<PathBuf> = vec![linkcheck.parent().unwrap().to_owned()];
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let mut command = Command::new(mdbook);
    command
        .current_dir(root)
        .env("PATH", std::env::join_paths(path)?);
    Ok(command)
}

/// `cargo xtask serve`: builds the book and serves it on 127.0.0.1:3000,
/// rebuilding and reloading the page when a chapter or listing changes.
pub fn serve(root: &Path, args: &[String]) -> Result<()> {
    let mut command = mdbook(root)?;
    command
        .args(["serve", "--hostname", "127.0.0.1", "--port", "3000"])
        .args(args);
    eprintln!("serving the book at http://127.0.0.1:3000 (Ctrl-C stops)");
    status(command, "mdbook serve")
}

/// The `book` stage: `mdbook build` (HTML, link check, expanded markdown),
/// then the check that the doctests compiled what mdBook renders.
pub fn build_and_check(env: &Env) -> Result<()> {
    let mut build = mdbook(&env.root)?;
    build.arg("build");
    status(build, "mdbook build (with the link checker)")?;

    let mut compare = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    compare
        .args([
            "test",
            "-p",
            "book-doctests",
            "--test",
            "expansion",
            "--",
            "--ignored",
        ])
        .current_dir(&env.root)
        .env("BOOK_MARKDOWN_DIR", env.root.join("book").join("markdown"));
    status(
        compare,
        "the expansion check (book-doctests --test expansion)",
    )
}
