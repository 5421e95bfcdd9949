//! `cargo xtask test`: every check of the book, stage by stage.
//!
//! Each stage runs even when an earlier one failed, so one run shows every
//! problem; each prints a summary line with its time, and the run ends with
//! a table of stages and `stages: N passed, N failed`.

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::ValueEnum;

use crate::env::{Env, cargo};
use crate::{book, browser, exercise, go, one_build, tools, urls};

/// One named step of the test run and what to do when it fails.
struct Stage {
    name: &'static str,
    hint: &'static str,
    run: fn(&Env) -> Result<()>,
}

/// The test targets that hold the `#[ignore]`d suites of the Go twins and
/// the browser tests; the go-twins stage also runs the ignored unit tests of
/// every library (`--lib`). A unit test below fails when an `#[ignore]`
/// appears anywhere else, where nothing would ever run it.
const GO_TWIN_TARGETS: [&str; 3] = ["go_twin", "browser", "differential"];

/// The stages `cargo xtask test` accepts by name, in the order they run.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StageName {
    Fmt,
    Clippy,
    Rust,
    OneBuild,
    Go,
    Exercises,
    GoTwins,
    Bench,
    Book,
    Urls,
    Browser,
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
        name: "one-build",
        hint: "xtask's dependencies drifted from the workspace's features; see xtask/Cargo.toml",
        run: |env| one_build::check(&env.root),
    },
    Stage {
        name: "go",
        hint: "the module and command that failed are named above",
        run: go_checks,
    },
    Stage {
        name: "exercises",
        hint: "each exercise's solution must pass, its start must compile and fail every case, and its Go original pass the same cases; `cargo xtask exercise NAME` runs one start",
        // After `rust` (which built every start and solution) and `go`
        // (which checked the Go originals as modules).
        run: exercise::check,
    },
    Stage {
        name: "go-twins",
        hint: "the shared suites against the Go twins: `cargo xtask go-env`, then `cargo test -p NAME -- --ignored`",
        // The Go twins' and the browser's tests are the `#[ignore]`d ones
        // in these targets and in the libraries' unit tests.
        // `--workspace` unifies features as the `rust` stage did, so the
        // binaries it built run here and nothing compiles again
        // (`--exclude book-doctests` used to rebuild reqwest, sqlx and
        // their dependencies with other features).
        run: |env| {
            let mut args = vec!["test", "--workspace", "--no-fail-fast", "--lib"];
            for target in GO_TWIN_TARGETS {
                args.extend(["--test", target]);
            }
            args.extend(["--", "--ignored"]);
            cargo(env, &args)
        },
    },
    Stage {
        name: "bench",
        hint: "`cargo xtask bench quick` failed: a benchmark no longer runs (its numbers are not checked); rerun it alone",
        // After `rust`, whose debug builds of the twins it uses, so it
        // compiles almost nothing. It checks that every benchmark still
        // runs end to end, never what it measures.
        run: |env| {
            crate::bench::quick(&crate::bench::Context::quick(
                env.root.clone(),
                env.go.clone(),
            ))
        },
    },
    Stage {
        name: "book",
        hint: "the book build, its link check (`cargo test --workspace --test linkcheck -- --ignored`) or the expansion check failed; see above",
        run: book::build_and_check,
    },
    Stage {
        name: "urls",
        hint: "see above: redirect a removed page or anchor in book.toml, or `cargo xtask urls --update` for new ones",
        run: |env| {
            book::ensure_built(&env.root)?;
            urls::check(&env.root)
        },
    },
    Stage {
        name: "browser",
        hint: "each failing check is named above; screenshots are in artifacts/screenshots",
        run: |env| {
            book::ensure_built(&env.root)?;
            browser::check(&env.root)
        },
    },
];

pub fn run(root: &Path, only: &[StageName]) -> Result<()> {
    let env = Env {
        root: root.to_owned(),
        go: tools::go()?,
    };
    let stages: Vec<&Stage> = STAGES
        .iter()
        .filter(|s| {
            only.is_empty()
                || only
                    .iter()
                    .filter_map(|o| o.to_possible_value())
                    .any(|o| o.get_name() == s.name)
        })
        .collect();
    if stages.iter().any(|s| s.name == "bench") {
        crate::bench::prefetch_tools()?;
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
    tools::finish_background_installs();

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

/// On every Go module under `listings/` and `exercises/`: that it builds on its own from its
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
    // The chapters show Go from these modules; finding none means the
    // search is broken, not that there is nothing to check.
    if modules.is_empty() {
        bail!(
            "no go.mod found under {}; the chapters' Go listings would go unchecked",
            env.root.join("listings").display()
        );
    }
    let gofmt = env.go.with_file_name("gofmt");
    // The race detector needs cgo, which needs a C compiler.
    let race = testkit::cgo_enabled(&env.go);
    if !race {
        eprintln!("cgo is not available (no C compiler?): running go test without -race");
    }
    // -shuffle=on runs each package's top-level tests in an order of its
    // own every run, so a test that passes only after another fails; the
    // seed is printed (-test.shuffle N) to replay that order with
    // -shuffle=N. Subtests keep their order.
    let test: &[&str] = if race {
        &["test", "-race", "-shuffle=on", "-count=1", "./..."]
    } else {
        &["test", "-shuffle=on", "-count=1", "./..."]
    };
    // Most of a module's check uses one core (vet, linking each test
    // binary), so the modules are checked one per core at a time. Each Go
    // command's output is printed whole when it ends, under the command,
    // so the log reads module by module even with two running.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(modules.len());
    let next = AtomicUsize::new(0);
    let found = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(module) = modules.get(i) else { break };
                    let failures = check_go_module(env, module, &gofmt, test);
                    found.lock().expect("a worker panicked").push((i, failures));
                }
            });
        }
    });
    let mut found = found.into_inner().expect("a worker panicked");
    // Failures are reported in module order, whichever finished first.
    found.sort_by_key(|(i, _)| *i);
    let failures: Vec<String> = found.into_iter().flat_map(|(_, f)| f).collect();
    eprintln!("{} Go modules checked, {workers} at a time", modules.len());
    if failures.is_empty() {
        Ok(())
    } else {
        bail!("{}", failures.join("\n"))
    }
}

/// One module's checks for [`go_checks`]: the list of what failed.
fn check_go_module(env: &Env, module: &Path, gofmt: &Path, test: &[&str]) -> Vec<String> {
    let name = module
        .strip_prefix(&env.root)
        .unwrap_or(module)
        .display()
        .to_string();
    let mut failures = Vec::new();
    // vet and test would only repeat this failure.
    if let Err(e) = go::check_builds_alone(&env.go, module, &name) {
        eprintln!("{e}");
        return vec![e];
    }
    match Command::new(gofmt)
        .arg("-l")
        .arg(".")
        .current_dir(module)
        .output()
    {
        Err(e) => failures.push(format!("{name}: cannot run {}: {e}", gofmt.display())),
        Ok(unformatted) => {
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
        }
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
    // A file kept out of the default build by a build tag (the chat
    // twin's pprof.go) is vetted and tested in a build with its tag.
    let tagged: Vec<Vec<String>> = build_tags(module)
        .into_iter()
        .flat_map(|tag| {
            let flag = format!("-tags={tag}");
            let vet = ["vet", &flag, "./..."].map(str::to_owned).to_vec();
            let mut tested: Vec<String> = test.iter().map(|a| a.to_string()).collect();
            tested.insert(1, flag);
            [vet, tested]
        })
        .collect();
    let runs = [&["vet", "./..."][..], test]
        .into_iter()
        .map(|args| args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
        .chain(tagged)
        .chain(fuzz);
    for args in runs {
        let mut command = Command::new(&env.go);
        command.args(&args).current_dir(module);
        go::standalone_env(&mut command);
        let what = format!("go {} in {name}", args.join(" "));
        if let Err(e) = run_whole(command, &what) {
            failures.push(e);
        }
    }
    failures
}

/// Runs `command` with its output captured, then prints `what` and the
/// output in one piece, so that another module's output cannot land in
/// the middle of it.
fn run_whole(mut command: Command, what: &str) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    let mut shown = format!("--- {what}\n");
    shown.push_str(&String::from_utf8_lossy(&output.stdout));
    shown.push_str(&String::from_utf8_lossy(&output.stderr));
    if !shown.ends_with('\n') {
        shown.push('\n');
    }
    eprint!("{shown}");
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("`{what}` failed ({})", output.status))
    }
}

/// The workspace packages that build a C static library.
fn staticlib_packages(env: &Env) -> Result<Vec<String>> {
    let output = Command::new(crate::env::cargo_binary())
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

/// The text of each file at the top of `module` whose name ends in
/// `suffix`.
fn top_files(module: &Path, suffix: &str) -> Vec<String> {
    std::fs::read_dir(module)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(suffix))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect()
}

/// The build tags that the `.go` files at the top of a module ask for in a
/// first line `//go:build TAG` (one tag, not an expression).
fn build_tags(module: &Path) -> Vec<String> {
    let mut tags: Vec<String> = top_files(module, ".go")
        .iter()
        .filter_map(|text| {
            let tag = text.lines().next()?.strip_prefix("//go:build ")?.trim();
            tag.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
                .then(|| tag.to_owned())
        })
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

/// The `FuzzXxx` functions in the `_test.go` files at the top of a module.
fn fuzz_targets(module: &Path) -> Vec<String> {
    let mut targets: Vec<String> = top_files(module, "_test.go")
        .iter()
        .flat_map(|text| text.lines())
        .filter_map(|line| line.strip_prefix("func Fuzz"))
        .filter_map(|rest| rest.split('(').next())
        .map(|name| format!("Fuzz{name}"))
        .collect();
    targets.sort();
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_go_command_is_reported_by_what_it_was() {
        let mut command = Command::new("sh");
        command.args(["-c", "echo some output; exit 3"]);
        let err = run_whole(command, "go vet ./... in listings/x").unwrap_err();
        assert_eq!(err, "`go vet ./... in listings/x` failed (exit status: 3)");
        assert!(run_whole(Command::new("true"), "true").is_ok());
    }

    #[test]
    fn every_stage_can_be_named_on_the_command_line() {
        let names: Vec<String> = StageName::value_variants()
            .iter()
            .filter_map(|s| s.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        let stages: Vec<&str> = STAGES.iter().map(|s| s.name).collect();
        assert_eq!(names, stages);
    }

    /// A file behind a single build tag is found, once; a `!tag` or an
    /// expression is not a build of its own, and a line below the package
    /// clause is no constraint.
    #[test]
    fn build_tags_and_fuzz_targets_are_read_from_the_files_at_the_top_of_a_module() {
        let module = tempfile::tempdir().unwrap();
        let files = [
            ("main.go", "package main\n\n//go:build never\n"),
            ("pprof.go", "//go:build pprof\n\npackage main\n"),
            (
                "pprof_test.go",
                "//go:build pprof\n\npackage main\n\nfunc FuzzParse(f *testing.F) {}\n",
            ),
            ("off.go", "//go:build !pprof\n\npackage main\n"),
            ("both.go", "//go:build linux && cgo\n\npackage main\n"),
            ("notes.txt", "//go:build text\n"),
        ];
        for (name, text) in files {
            std::fs::write(module.path().join(name), text).unwrap();
        }
        assert_eq!(build_tags(module.path()), ["pprof"]);
        assert_eq!(fuzz_targets(module.path()), ["FuzzParse"]);
    }

    /// The go-twins stage runs the ignored tests of [`GO_TWIN_TARGETS`] only;
    /// an ignored test elsewhere would silently never run.
    #[test]
    fn every_ignored_test_is_in_a_target_the_go_twins_stage_runs() {
        let root = crate::root();
        let mut misplaced = Vec::new();
        let mut found = 0;
        for file in rust_files(&root.join("listings")) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (i, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") || !code.contains("#[ignore") {
                    continue;
                }
                let target = file.file_stem().unwrap().to_string_lossy();
                let in_tests_dir = file.parent().is_some_and(|d| d.ends_with("tests"));
                if (in_tests_dir && GO_TWIN_TARGETS.contains(&target.as_ref())) || in_library(&file)
                {
                    found += 1;
                } else {
                    misplaced.push(format!("{}:{}", file.display(), i + 1));
                }
            }
        }
        assert!(
            misplaced.is_empty(),
            "ignored tests outside the targets the go-twins stage runs ({GO_TWIN_TARGETS:?} \
             and every library's unit tests); \
             move them, or add their target to GO_TWIN_TARGETS:\n{}",
            misplaced.join("\n")
        );
        assert!(found > 0, "no Go-twin suite found under listings/");
    }

    /// Whether `file` is compiled into a library's unit tests, which
    /// `--lib` runs: under a crate's `src/` beside a `lib.rs`, and neither
    /// `main.rs` nor a file of `src/bin/`.
    fn in_library(file: &Path) -> bool {
        let Some(src) = file
            .ancestors()
            .find(|dir| dir.ends_with("src") && dir.join("lib.rs").is_file())
        else {
            return false;
        };
        let inside = file.strip_prefix(src).unwrap();
        inside != Path::new("main.rs") && !inside.starts_with("bin")
    }

    fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
    }
}
