//! Go: the settings every `go` command of the book runs with, and the check
//! that each module under `listings/` builds on its own from what is
//! committed, as it does in a reader's fresh clone.
//!
//! Each module is tested alone, with its committed `go.mod` and `go.sum`:
//! third-party modules come from the module proxy the `go` command is set up
//! with (proxy.golang.org by default) and are verified against `go.sum`.
//! There is no `go.work`; an earlier version of xtask wrote one, which
//! [`remove_generated_go_work`] deletes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

/// The first line of the `go.work` that earlier versions of xtask wrote.
const GENERATED_GO_WORK: &str = "// Written by `cargo xtask`; not committed. See README.";

/// The settings of every `go` command the book runs: testkit's
/// [`testkit::go_standalone_env`], which the Go-twin builds use too.
pub fn standalone_env(command: &mut Command) {
    testkit::go_standalone_env(command);
}

/// Every directory under `listings/` and `exercises/` (the exercises' Go
/// originals) with a `go.mod`, sorted.
pub fn modules(root: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut dirs = vec![root.join("listings"), root.join("exercises")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n == "go.mod") {
                found.push(dir.clone());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Deletes the git-ignored `go.work` (and its `go.work.sum`) that earlier
/// versions of xtask wrote at the root, so that a `go run .` typed by hand in
/// an existing checkout builds what a fresh clone builds. A `go.work`
/// without xtask's first line is someone's own and stays.
pub fn remove_generated_go_work(root: &Path) -> Result<()> {
    let path = root.join("go.work");
    let generated =
        fs::read_to_string(&path).is_ok_and(|text| text.lines().next() == Some(GENERATED_GO_WORK));
    if generated {
        fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        let sum = root.join("go.work.sum");
        if sum.exists() {
            fs::remove_file(&sum).with_context(|| format!("removing {}", sum.display()))?;
        }
        eprintln!(
            "removed {}, which an earlier cargo xtask wrote; each Go module now builds on its own",
            path.display()
        );
    }
    Ok(())
}

/// Checks that the module in `module` (named `name` in messages) builds
/// on its own from what is committed, with [`standalone_env`]: `go mod tidy
/// -diff` (go.mod and go.sum are exactly what `go mod tidy` writes, so no
/// entry is missing or wrong), then `go build -o /dev/null ./...` (which
/// leaves no binary in the listing). The error names the module and quotes
/// Go.
pub fn check_builds_alone(go: &Path, module: &Path, name: &str) -> Result<(), String> {
    let steps: [(&[&str], &str); 2] = [
        (
            &["mod", "tidy", "-diff"],
            "its go.mod and go.sum are not what `go mod tidy` writes, so a fresh clone \
             does not build; run `go mod tidy` there with the pinned Go (`cargo xtask go-env` \
             prints it) and commit go.mod and go.sum",
        ),
        (
            &["build", "-o", "/dev/null", "./..."],
            "it does not build on its own",
        ),
    ];
    for (args, meaning) in steps {
        let mut command = Command::new(go);
        command.args(args).current_dir(module);
        standalone_env(&mut command);
        let what = format!(
            "GOWORK=off GOFLAGS=-mod=readonly go {} in {name}",
            args.join(" ")
        );
        let output = command
            .output()
            .map_err(|e| format!("{name}: cannot run {what}: {e}"))?;
        if !output.status.success() {
            // `tidy -diff` prints its diff on stdout, the rest of Go's
            // complaints go to stderr.
            let said: Vec<String> = [&output.stdout, &output.stderr]
                .iter()
                .map(|text| String::from_utf8_lossy(text).trim().to_owned())
                .filter(|text| !text.is_empty())
                .collect();
            let said = said.join("\n").replace('\n', "\n    ");
            return Err(format!(
                "{name}: {meaning}: `{what}` failed ({}):\n    {said}",
                output.status
            ));
        }
    }
    Ok(())
}
