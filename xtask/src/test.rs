//! `cargo xtask test`: every check of the book, stage by stage.
//!
//! Each stage runs even when an earlier one failed, so one run shows every
//! problem; each prints a summary line with its time, and the run ends with
//! a table of stages and `stages: N passed, N failed`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{book, browser, go, tools, urls};

/// One named step of the test run and what to do when it fails.
struct Stage {
    name: &'static str,
    hint: &'static str,
    run: fn(&Env) -> Result<()>,
}

/// What the stages share: where the book is and the pinned tools.
pub struct Env {
    pub root: std::path::PathBuf,
    pub go: std::path::PathBuf,
}

const STAGES: &[Stage] = &[
    Stage {
        name: "fmt",
        hint: "run `cargo fmt --all` and commit the result",
        run: |env| cargo(env, &["fmt", "--all", "--check"]),
    },
    Stage {
        name: "clippy",
        hint: "fix the warnings above; clippy runs with -D warnings",
        run: |env| {
            cargo(
                env,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            )
        },
    },
    Stage {
        name: "rust",
        hint: "a failing doctest names its chapter and line; rerun one crate with `cargo test -p NAME`",
        // --no-fail-fast: one failing crate must not hide the others' results.
        run: |env| cargo(env, &["test", "--workspace", "--no-fail-fast"]),
    },
    Stage {
        name: "go",
        hint: "the module and command that failed are named above",
        run: go_checks,
    },
    Stage {
        name: "go-twins",
        hint: "the shared suites against the Go twins: `cargo xtask go-env`, then `cargo test -p NAME -- --ignored`",
        run: |env| {
            cargo(
                env,
                &[
                    "test",
                    "--workspace",
                    "--no-fail-fast",
                    "--exclude",
                    "book-doctests",
                    "--",
                    "--ignored",
                ],
            )
        },
    },
    Stage {
        name: "book",
        hint: "mdbook build, its link check, or the expansion check failed; see above",
        run: book::build_and_check,
    },
    Stage {
        name: "urls",
        hint: "see above: redirect a removed page or anchor in book.toml, or `cargo xtask urls --update` for new ones",
        run: |env| urls::check(&env.root),
    },
    Stage {
        name: "browser",
        hint: "each failing check is named above; screenshots are in artifacts/screenshots",
        run: |env| browser::check(&env.root),
    },
];

pub fn run(root: &Path, only: &[String]) -> Result<()> {
    let env = Env {
        root: root.to_owned(),
        go: tools::go()?,
    };
    let stages: Vec<&Stage> = STAGES
        .iter()
        .filter(|s| only.is_empty() || only.iter().any(|o| o == s.name))
        .collect();
    if stages.is_empty() {
        let names: Vec<_> = STAGES.iter().map(|s| s.name).collect();
        bail!("no stage named {only:?}; stages are {}", names.join(", "));
    }
    let mut results = Vec::new();
    for stage in stages {
        eprintln!("\n==> stage {}", stage.name);
        let started = Instant::now();
        let outcome = (stage.run)(&env);
        let took = started.elapsed();
        match &outcome {
            Ok(()) => eprintln!("==> stage {} ok in {}", stage.name, seconds(took)),
            Err(e) => eprintln!(
                "==> stage {} FAILED in {}: {e:#}",
                stage.name,
                seconds(took)
            ),
        }
        results.push((stage, took, outcome));
    }

    eprintln!("\nstage      result  time");
    for (stage, took, outcome) in &results {
        let result = if outcome.is_ok() { "ok" } else { "FAILED" };
        eprintln!("{:<10} {result:<7} {}", stage.name, seconds(*took));
    }
    let failed: Vec<_> = results.iter().filter(|(_, _, o)| o.is_err()).collect();
    for (stage, _, outcome) in &failed {
        if let Err(e) = outcome {
            eprintln!(
                "\n{} failed: {e:#}\n  what to do: {}",
                stage.name, stage.hint
            );
        }
    }
    println!(
        "stages: {} passed, {} failed",
        results.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        bail!("{} of {} stages failed", failed.len(), results.len())
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// Runs cargo in the book's root with the Go settings the Go-twin suites use.
fn cargo(env: &Env, args: &[&str]) -> Result<()> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.args(args).current_dir(&env.root).env("GO", &env.go);
    go::standalone_env(&mut command);
    status(command, &format!("cargo {}", args.join(" ")))
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

/// On every Go module under `listings/`: that it builds on its own from its
/// committed go.mod and go.sum, then gofmt, go vet, go test -race and a
/// short fuzz run.
fn go_checks(env: &Env) -> Result<()> {
    go::remove_generated_go_work(&env.root)?;
    // A Go listing that calls Rust through cgo links a static library that
    // cargo builds; build every one first, so this stage also works alone.
    for package in staticlib_packages(env)? {
        cargo(env, &["build", "-p", &package])?;
    }
    let modules = go::modules(&env.root)?;
    let gofmt = env.go.with_file_name("gofmt");
    // The race detector needs cgo, which needs a C compiler.
    let race = cgo_enabled(&env.go);
    if !race {
        eprintln!("cgo is not available (no C compiler?): running go test without -race");
    }
    let test: &[&str] = if race {
        &["test", "-race", "-count=1", "./..."]
    } else {
        &["test", "-count=1", "./..."]
    };
    let mut failures = Vec::new();
    for module in &modules {
        let name = module
            .strip_prefix(&env.root)
            .unwrap_or(module)
            .display()
            .to_string();
        // vet and test would only repeat this failure.
        if let Err(e) = go::check_builds_alone(&env.go, module, &name) {
            eprintln!("{e}");
            failures.push(e);
            continue;
        }
        let unformatted = Command::new(&gofmt)
            .arg("-l")
            .arg(".")
            .current_dir(module)
            .output()
            .with_context(|| format!("cannot run {}", gofmt.display()))?;
        let listed = String::from_utf8_lossy(&unformatted.stdout)
            .trim()
            .to_owned();
        if !unformatted.status.success() || !listed.is_empty() {
            eprintln!(
                "{name}: gofmt -l lists {listed}{}",
                String::from_utf8_lossy(&unformatted.stderr)
            );
            failures.push(format!(
                "{name}: not gofmt-formatted ({listed}); run gofmt -w ."
            ));
        }
        // go vet, the tests, then a short, bounded run of each fuzz target:
        // the seeds already ran as tests, this lets the fuzzer look further.
        let fuzz: Vec<Vec<String>> = fuzz_targets(module)
            .into_iter()
            .map(|target| {
                [
                    "test",
                    "-run",
                    "^$",
                    "-fuzz",
                    &format!("^{target}$"),
                    "-fuzztime",
                    "5s",
                    ".",
                ]
                .map(str::to_owned)
                .to_vec()
            })
            .collect();
        let runs = [&["vet", "./..."][..], test]
            .into_iter()
            .map(|args| args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
            .chain(fuzz);
        for args in runs {
            let mut command = Command::new(&env.go);
            command.args(&args).current_dir(module);
            go::standalone_env(&mut command);
            let what = format!("go {} in {name}", args.join(" "));
            if let Err(e) = status(command, &what) {
                failures.push(e.to_string());
            }
        }
    }
    eprintln!("{} Go modules checked", modules.len());
    if failures.is_empty() {
        Ok(())
    } else {
        bail!("{}", failures.join("\n"))
    }
}

/// Whether `go env CGO_ENABLED` says 1.
fn cgo_enabled(go: &Path) -> bool {
    let mut command = Command::new(go);
    command.args(["env", "CGO_ENABLED"]);
    go::standalone_env(&mut command);
    command
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "1")
}

/// The workspace packages that build a C static library.
fn staticlib_packages(env: &Env) -> Result<Vec<String>> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(&env.root)
        .output()
        .context("cannot run cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    Ok(metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|package| {
            package["targets"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|target| {
                    target["crate_types"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|t| t == "staticlib")
                })
        })
        .filter_map(|package| package["name"].as_str().map(str::to_owned))
        .collect())
}

/// The `FuzzXxx` functions in the `_test.go` files at the top of a module.
fn fuzz_targets(module: &Path) -> Vec<String> {
    let mut targets: Vec<String> = std::fs::read_dir(module)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with("_test.go"))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .flat_map(|text| {
            text.lines()
                .filter_map(|line| line.strip_prefix("func Fuzz"))
                .filter_map(|rest| rest.split('(').next())
                .map(|name| format!("Fuzz{name}"))
                .collect::<Vec<_>>()
        })
        .collect();
    targets.sort();
    targets
}
