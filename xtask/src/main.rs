//! `cargo xtask`: the book's tooling.
//!
//! - `cargo xtask serve` builds the book and serves it with live reload.
//! - `cargo xtask test` runs every check the book has, stage by stage.
//! - `cargo xtask bench [NAME]` runs the measurements.
//! - `cargo xtask urls --update` records new pages and anchors in the
//!   URL manifest.
//! - `cargo xtask preprocess` is the mdBook preprocessor that captions
//!   listings (book.toml runs it).
//! - `cargo xtask go-env` installs Go and prints the environment for
//!   running Go commands by hand as the tests run them.

mod bench;
mod book;
mod browser;
mod captions;
mod go;
mod test;
mod tools;
mod urls;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let root = root();
    match args.first().map(String::as_str) {
        Some("serve") => book::serve(&root, &args[1..]),
        Some("test") => test::run(&root, &args[1..]),
        Some("preprocess") => captions::preprocess(&root, &args[1..]),
        Some("urls") if args.get(1).is_some_and(|a| a == "--update") => urls::update(&root),
        Some("go-env") => {
            let go = tools::go()?;
            go::remove_generated_go_work(&root)?;
            println!(
                "export GO={} PATH={}:$PATH GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=readonly",
                go.display(),
                go.parent().unwrap().display()
            );
            Ok(())
        }
        Some("bench") => {
            let go = tools::go()?;
            let ctx = bench::Context::new(root, go);
            match args.get(1).map(String::as_str) {
                Some("job-queue") => bench::job_queue::run(&ctx),
                Some("chat") => bench::chat::run(&ctx),
                Some("build") => bench::build::run(&ctx),
                Some("tasks") => bench::tasks::run(&ctx),
                Some("static") => bench::static_build::run(&ctx),
                Some("report") => bench::report::run(&ctx),
                Some("all") => bench::all(&ctx),
                other => bail!(
                    "unknown benchmark {other:?}; try all, job-queue, chat, tasks, build, static or report"
                ),
            }
        }
        _ => bail!(
            "usage: cargo xtask <serve | test [STAGE…] | bench NAME | urls --update | go-env>"
        ),
    }
}

/// The workspace root: xtask's manifest directory's parent.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Where cargo puts build output for this workspace.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}
