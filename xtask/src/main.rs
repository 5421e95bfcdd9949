//! `cargo xtask`: the book's tooling.
//!
//! - `cargo xtask serve` builds the book and serves it with live reload.
//! - `cargo xtask test` runs every check the book has, stage by stage.
//! - `cargo xtask bench NAME` runs the measurements.
//! - `cargo xtask urls --update` records new pages and anchors in the
//!   URL manifest.
//! - `cargo xtask preprocess` is the mdBook preprocessor that captions
//!   listings (book.toml runs it).
//! - `cargo xtask exercise` lists the exercises, tests the reader's port of
//!   one (`--watch` again on each save) or resets it.
//! - `cargo xtask go-env` installs Go and prints the environment for
//!   running Go commands by hand as the tests run them.
//!
//! `cargo xtask help` and `cargo xtask COMMAND --help` say more (clap).

mod bench;
mod book;
mod browser;
mod captions;
mod env;
mod exercise;
mod go;
mod one_build;
mod reference;
mod rustc_output;
mod serve;
mod test;
mod tools;
mod urls;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// The book's tooling: serve the book, run every check, run the benchmarks.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the book and serve it, rebuilding and reloading open pages when
    /// a chapter, listing, the theme or book.toml changes.
    Serve {
        /// The port to serve on.
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        hostname: IpAddr,
    },
    /// Run every check of the book, stage by stage, or only the stages named.
    Test {
        /// Stages to run, in the order they always run; none means all.
        #[arg(value_enum)]
        stages: Vec<test::StageName>,
    },
    /// Run a benchmark (NAME: one of xtask/src/bench/mod.rs's BENCHES), or
    /// `all` of them and regenerate src/measurements/; `report` regenerates
    /// it from target/bench/, `render` from the committed results.json;
    /// `quick` is a smoke run into target/bench-quick/.
    Bench {
        #[arg(value_parser = bench_names())]
        name: String,
        /// Run the one benchmark NAME as `quick` runs each: one short
        /// sample on debug builds, into target/bench-quick/.
        #[arg(long)]
        quick: bool,
    },
    /// Record the built book's new pages and anchors in xtask/page-manifest.txt
    /// (`cargo xtask test urls` checks them).
    Urls {
        /// Add the built book's new pages and anchors to the manifest.
        #[arg(long, required = true)]
        update: bool,
    },
    /// The mdBook preprocessor that captions listings; book.toml runs it.
    Preprocess {
        /// Dedent the expanded code blocks (book.toml's `listing-dedent`,
        /// after `links`) instead of captioning listings.
        #[arg(long)]
        dedent: bool,
        #[command(subcommand)]
        supports: Option<Supports>,
    },
    /// Install Go, write go.work and print the environment for running Go
    /// commands by hand.
    GoEnv,
    /// The exercises (exercises/<part>/<name>/): `list` them and whether
    /// your copy passes, test yours of NAME with a short report, or `reset`
    /// NAME's starting files.
    #[command(args_conflicts_with_subcommands = true)]
    Exercise {
        #[command(subcommand)]
        action: Option<ExerciseAction>,
        /// The exercise to test (see `cargo xtask exercise list`).
        name: Option<String>,
        /// Test again each time a file of the exercise is saved.
        #[arg(long, requires = "name")]
        watch: bool,
    },
}

#[derive(Subcommand)]
enum ExerciseAction {
    /// Each exercise, and whether your copy passes its tests.
    List,
    /// Restore NAME's starting files (start/) from git, as commit FROM has
    /// them; files you added are listed and kept.
    Reset {
        name: String,
        /// The commit to restore from; HEAD unless you committed your work.
        #[arg(long, default_value = "HEAD")]
        from: String,
    },
}

/// mdBook asks a preprocessor whether it supports a renderer.
#[derive(Subcommand)]
enum Supports {
    /// Exit 0 when captions apply to RENDERER, 1 when they do not.
    Supports { renderer: String },
}

/// What `cargo xtask bench` accepts: every registered benchmark, and the
/// commands that run several or none.
fn bench_names() -> clap::builder::PossibleValuesParser {
    let mut names: Vec<&str> = bench::BENCHES.iter().map(|b| b.name).collect();
    names.extend(["all", "report", "render", "quick"]);
    clap::builder::PossibleValuesParser::new(names)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .without_time()
        .init();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<()> {
    let root = root();
    match command {
        Command::Serve { port, hostname } => serve::serve(&root, SocketAddr::new(hostname, port)),
        Command::Test { stages } => test::run(&root, &stages),
        Command::Preprocess { supports, dedent } => captions::preprocess(
            &root,
            supports
                .as_ref()
                .map(|Supports::Supports { renderer }| renderer.as_str()),
            dedent,
        ),
        Command::Urls { .. } => {
            book::ensure_built(&root)?;
            urls::update(&root)
        }
        Command::Exercise {
            action,
            name,
            watch,
        } => match (action, name) {
            (Some(ExerciseAction::List), _) => exercise::list(&root),
            (Some(ExerciseAction::Reset { name, from }), _) => exercise::reset(&root, &name, &from),
            (None, Some(name)) => exercise::exercise(&root, &name, watch),
            (None, None) => exercise::list(&root),
        },
        Command::GoEnv => {
            let go = tools::go()?;
            go::remove_generated_go_work(&root)?;
            println!(
                "export GO={} PATH={}:$PATH GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=readonly",
                go.display(),
                go.parent().unwrap().display()
            );
            Ok(())
        }
        Command::Bench { name, quick } => {
            let measures = !quick && !matches!(name.as_str(), "quick" | "report" | "render");
            if measures && cfg!(debug_assertions) {
                return bench::run_optimized(&name);
            }
            let go = tools::go()?;
            match name.as_str() {
                name if quick && bench::BENCHES.iter().any(|b| b.name == name) => bench::run_one(
                    &bench::Context::quick(root, go),
                    bench::bench(name)?,
                    (1, 1),
                ),
                "quick" => bench::quick(&bench::Context::quick(root, go)),
                "all" => bench::all(&bench::Context::new(root, go)),
                "report" => bench::report::run(&bench::Context::new(root, go)),
                "render" => bench::report::render(&root),
                name => bench::run_one(&bench::Context::new(root, go), bench::bench(name)?, (1, 1)),
            }
        }
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
