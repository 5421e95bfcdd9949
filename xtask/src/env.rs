//! What the commands of xtask share: where the book is, the pinned Go, and
//! running a command with its output shown. `test` and `book` both use it,
//! and it uses neither, so the modules depend on each other one way.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::go;

/// What the test stages share: where the book is and the pinned Go.
pub struct Env {
    pub root: PathBuf,
    pub go: PathBuf,
}

/// Runs cargo in the book's root with the Go settings the Go-twin suites use.
pub fn cargo(env: &Env, args: &[&str]) -> Result<()> {
    cargo_with(env, args, &[])
}

/// [`cargo`], with extra environment variables for the tests it runs.
pub fn cargo_with(env: &Env, args: &[&str], vars: &[(&str, PathBuf)]) -> Result<()> {
    let mut command = Command::new(cargo_binary());
    command.args(args).current_dir(&env.root).env("GO", &env.go);
    for (name, value) in vars {
        command.env(name, value);
    }
    go::standalone_env(&mut command);
    status(command, &format!("cargo {}", args.join(" ")))
}

/// The cargo that started xtask, or `cargo` from PATH.
pub fn cargo_binary() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Runs a command with its output shown, and fails with its name.
pub fn status(mut command: Command, what: &str) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot run {what}"))?;
    if !status.success() {
        bail!("`{what}` failed ({status})");
    }
    Ok(())
}
