//! `cargo xtask exercise`: the book's exercises, where the reader ports a Go
//! program to Rust and passes the tests that hold the Go version.
//!
//! Each exercise is a directory `exercises/<part>/<name>/` with:
//! - `go/`: the Go original, a module of its own with its tests;
//! - `start/`: the reader's crate (package `<name>`), which compiles with
//!   `todo!()` where their work goes; their work stays in these files, so
//!   `git diff` shows it and `reset` restores them from git;
//! - `solution/`: the reference solution (package `<name>-solution`);
//! - `tests/`: the tests both crates run. A library exercise has
//!   `tests/cases.rs`, the Go tests case for case under the same names; a
//!   program exercise (one whose start has `src/main.rs`) has a black-box
//!   suite that starts the binary, which runs against the Go program too.
//!
//! Each crate includes the shared tests from a test target named after its
//! package. The start's has `test = false` in its `Cargo.toml`, so a plain
//! `cargo test` leaves it out and stays green for a reader who has not
//! begun; this module runs it by name (`cargo test --workspace --test
//! <name>`: `--workspace` unifies features as `cargo test` does, so nothing
//! is compiled again).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::env::{Env, cargo_binary};
use crate::go;

/// The book's parts, in the order the exercises are listed.
pub const PARTS: [&str; 3] = ["language", "concurrency", "services"];

/// The environment variable that points a program exercise's suite at
/// another binary than its crate's own (the Go program, in the CI stage).
pub const BINARY_VAR: &str = "EXERCISE_BINARY";

/// How long the watcher waits for a burst of saves to end before it reruns.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// One exercise, found on disk.
#[derive(Debug, Clone)]
pub struct Exercise {
    pub part: String,
    pub name: String,
    /// `exercises/<part>/<name>`, absolute.
    pub dir: PathBuf,
}

impl Exercise {
    /// The reader's crate.
    pub fn start(&self) -> PathBuf {
        self.dir.join("start")
    }

    /// The Go original's module.
    pub fn go(&self) -> PathBuf {
        self.dir.join("go")
    }

    /// The start's test target (and package) name.
    fn start_target(&self) -> String {
        self.name.clone()
    }

    /// The solution's test target (and package) name.
    fn solution_target(&self) -> String {
        format!("{}-solution", self.name)
    }

    /// A program exercise: the suite starts the binary.
    pub fn is_program(&self) -> bool {
        self.start().join("src/main.rs").is_file()
    }

    /// The exercise's page of the book, under `src/`.
    pub fn page(&self) -> String {
        format!("exercise-{}.md", self.name)
    }

    /// `exercises/<part>/<name>`, for messages.
    pub fn path(&self) -> String {
        format!("exercises/{}/{}", self.part, self.name)
    }
}

/// Every exercise under `exercises/`, by part (in [`PARTS`] order) and name.
/// A directory of a part that has no `start/Cargo.toml` is an error, so a
/// misnamed exercise is not silently skipped.
pub fn all(root: &Path) -> Result<Vec<Exercise>> {
    let base = root.join("exercises");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&base).with_context(|| format!("reading {}", base.display()))? {
        let part_dir = entry?.path();
        if !part_dir.is_dir() {
            continue;
        }
        let part = file_name(&part_dir);
        if !PARTS.contains(&part.as_str()) {
            bail!(
                "{}: not a part of the book; exercises go under exercises/{{{}}}/",
                part_dir.display(),
                PARTS.join(",")
            );
        }
        for entry in std::fs::read_dir(&part_dir)? {
            let dir = entry?.path();
            if !dir.is_dir() {
                continue;
            }
            for needed in ["start/Cargo.toml", "solution/Cargo.toml", "go/go.mod"] {
                if !dir.join(needed).is_file() {
                    bail!("{}: an exercise needs {needed}", dir.display());
                }
            }
            found.push(Exercise {
                part: part.clone(),
                name: file_name(&dir),
                dir,
            });
        }
    }
    // In the book's order: each exercise's page in src/SUMMARY.md.
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md")).unwrap_or_default();
    found.sort_by_key(|e| {
        (
            PARTS
                .iter()
                .position(|p| *p == e.part)
                .unwrap_or(PARTS.len()),
            summary
                .find(&format!("({})", e.page()))
                .unwrap_or(usize::MAX),
            e.name.clone(),
        )
    });
    Ok(found)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// The exercise called `name`, or an error listing those there are.
pub fn find(root: &Path, name: &str) -> Result<Exercise> {
    let all = all(root)?;
    match all.iter().find(|e| e.name == name) {
        Some(e) => Ok(e.clone()),
        None => bail!(
            "no exercise called {name}; there are: {}",
            all.iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// One test case's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The test function's name, without its module path.
    pub name: String,
    pub passed: bool,
    /// What the test printed when it failed: the panic and its message.
    pub output: String,
}

/// What running one test target gave.
#[derive(Debug)]
pub enum Run {
    /// It did not compile; cargo's errors.
    DidNotCompile(String),
    Ran(Vec<Case>),
}

impl Run {
    pub fn cases(&self) -> &[Case] {
        match self {
            Run::DidNotCompile(_) => &[],
            Run::Ran(cases) => cases,
        }
    }

    fn passed(&self) -> usize {
        self.cases().iter().filter(|c| c.passed).count()
    }
}

/// Runs the test target `target` (with `vars` in its environment) and
/// reads each case's result from libtest's output.
fn run_target(
    root: &Path,
    go: Option<&Path>,
    exercise: &Exercise,
    target: &str,
    vars: &[(&str, &Path)],
) -> Result<Run> {
    let mut command = Command::new(cargo_binary());
    command
        .args(["test", "--workspace", "--color", "never", "--test", target])
        // The panic message is what the report shows; a backtrace would
        // bury it.
        .env("RUST_BACKTRACE", "0")
        .current_dir(root);
    if let Some(go) = go {
        command.env("GO", go);
    }
    go::standalone_env(&mut command);
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command
        .output()
        .with_context(|| format!("cannot run cargo test --test {target}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut cases = parse_libtest(&stdout);
    in_file_order(exercise, &mut cases);
    if cases.is_empty() && !output.status.success() {
        // Cargo's errors, without its progress lines.
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|line| {
                let word = line.split_whitespace().next().unwrap_or("");
                !(line.starts_with("  ")
                    && matches!(
                        word,
                        "Compiling" | "Blocking" | "Finished" | "Running" | "Checking"
                    ))
            })
            .collect();
        return Ok(Run::DidNotCompile(errors.join("\n")));
    }
    if cases.is_empty() {
        bail!("cargo test --test {target} ran no test:\n{stdout}{stderr}");
    }
    Ok(Run::Ran(cases))
}

/// The cases of libtest's plain output: `test NAME ... ok|FAILED` lines, and
/// for each failure its `---- NAME stdout ----` section.
fn parse_libtest(stdout: &str) -> Vec<Case> {
    let short = |name: &str| name.rsplit("::").next().unwrap_or(name).to_owned();
    let mut cases: Vec<Case> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test "))
        .filter_map(|rest| rest.split_once(" ... "))
        .filter(|(_, result)| matches!(*result, "ok" | "FAILED"))
        .map(|(name, result)| Case {
            // A `#[should_panic]` case is listed as `NAME - should panic`;
            // its name (and its Go subtest's) is NAME.
            name: name.trim_end_matches(" - should panic").to_owned(),
            passed: result == "ok",
            output: String::new(),
        })
        .collect();
    for case in cases.iter_mut().filter(|c| !c.passed) {
        let header = format!("---- {} stdout ----\n", case.name);
        if let Some(start) = stdout.find(&header) {
            let rest = &stdout[start + header.len()..];
            let end = ["\n---- ", "\nfailures:\n"]
                .iter()
                .filter_map(|m| rest.find(m))
                .min()
                .unwrap_or(rest.len());
            case.output = without_thread_id(rest[..end].trim());
        }
    }
    for case in &mut cases {
        case.name = short(&case.name);
    }
    cases
}

/// Where the case `name` is defined: `exercises/.../tests/FILE.rs:LINE`.
fn case_location(exercise: &Exercise, name: &str) -> String {
    for file in tests_files(exercise) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if [format!("fn {name}("), format!("async fn {name}(")]
                .iter()
                .any(|f| line.trim_start().starts_with(f))
            {
                let file = file.file_name().unwrap_or_default().to_string_lossy();
                return format!("{}/tests/{file}:{}", exercise.path(), i + 1);
            }
        }
    }
    format!("{}/tests/", exercise.path())
}

/// The exercise's shared tests files (`tests/*.rs`), sorted.
fn tests_files(exercise: &Exercise) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(exercise.dir.join("tests"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// Drops the thread id that libtest prints after a thread's name
/// (`thread 'cases::x' (26182) panicked`), which changes on every run.
fn without_thread_id(output: &str) -> String {
    output
        .lines()
        .map(|line| match line.split_once("' (") {
            Some((name, rest)) if line.starts_with("thread '") => match rest.split_once(") ") {
                Some((id, after)) if id.bytes().all(|b| b.is_ascii_digit()) => {
                    format!("{name}' {after}")
                }
                _ => line.to_owned(),
            },
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Puts `cases` in the order the exercise's tests files define them (libtest
/// reports them as they finish), so the first failure is the first case the
/// reader meets in the file.
fn in_file_order(exercise: &Exercise, cases: &mut [Case]) {
    let text: String = tests_files(exercise)
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap_or_default())
        .collect();
    cases.sort_by_key(|c| {
        ["fn ", "async fn "]
            .iter()
            .filter_map(|f| text.find(&format!("{f}{}(", c.name)))
            .min()
            .unwrap_or(usize::MAX)
    });
}

/// Runs the exercise's tests against the reader's crate.
pub fn run_start(root: &Path, exercise: &Exercise) -> Result<Run> {
    run_target(root, None, exercise, &exercise.start_target(), &[])
}

/// The short report of `cargo xtask exercise NAME`: each case, then the
/// first failure in full.
pub fn report(exercise: &Exercise, run: &Run) -> String {
    let mut out = String::new();
    let title = format!("{} ({})", exercise.name, exercise.part);
    match run {
        Run::DidNotCompile(errors) => {
            writeln!(
                out,
                "{title}: your crate ({}/start) does not compile yet:\n\n{}",
                exercise.path(),
                errors.trim()
            )
            .unwrap();
        }
        Run::Ran(cases) => {
            let passed = run.passed();
            writeln!(out, "{title}: {passed} of {} cases pass", cases.len()).unwrap();
            for case in cases {
                let mark = if case.passed { "pass" } else { "FAIL" };
                writeln!(out, "  {mark}  {}", case.name).unwrap();
            }
            match cases.iter().find(|c| !c.passed) {
                None => writeln!(
                    out,
                    "\nAll pass: your port does what the Go original does. The book's \
                     solution, to compare: {}/solution",
                    exercise.path()
                )
                .unwrap(),
                Some(first) => {
                    writeln!(out, "\nfirst failure: {}\n", first.name).unwrap();
                    for line in first.output.lines() {
                        writeln!(out, "    {line}").unwrap();
                    }
                    if first.output.contains("left:") {
                        writeln!(
                            out,
                            "\n    (left: what your code gave; right: what the Go original gives)"
                        )
                        .unwrap();
                    }
                    if first.output.contains("not yet implemented") {
                        writeln!(out, "\n    (a todo!() is still there)").unwrap();
                    }
                }
            }
        }
    }
    out
}

/// `cargo xtask exercise NAME [--watch]`: the report, and with `watch`,
/// again after each save under the exercise's `start/` or `tests/`.
pub fn exercise(root: &Path, name: &str, watch: bool) -> Result<()> {
    let exercise = find(root, name)?;
    let once = || -> Result<bool> {
        eprintln!("testing {}/start ...", exercise.path());
        let run = run_start(root, &exercise)?;
        print!("{}", report(&exercise, &run));
        Ok(matches!(&run, Run::Ran(cases) if cases.iter().all(|c| c.passed)))
    };
    let passed = once()?;
    if !watch {
        return if passed {
            Ok(())
        } else {
            bail!("{} does not pass yet", exercise.name)
        };
    }
    let (events, changes) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(events)?;
    for dir in [exercise.start(), exercise.dir.join("tests")] {
        watcher
            .watch(&dir, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", dir.display()))?;
    }
    eprintln!(
        "\nwatching {}/start: save a file to test again (Ctrl-C stops)",
        exercise.path()
    );
    let is_edit = |event: &notify::Result<Event>| {
        event.as_ref().is_ok_and(|e| {
            matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            ) && e.paths.iter().any(|p| crate::serve::is_source(root, p))
        })
    };
    while let Ok(event) = changes.recv() {
        if !is_edit(&event) {
            continue;
        }
        // The rest of the burst (an editor writes a file in several steps).
        while changes.recv_timeout(DEBOUNCE).is_ok() {}
        eprintln!("\n--- changed; testing again");
        if let Err(e) = once() {
            eprintln!("error: {e:#}");
        }
    }
    Ok(())
}

/// `cargo xtask exercise list`: each exercise and how far the reader's copy
/// is.
pub fn list(root: &Path) -> Result<()> {
    let exercises = all(root)?;
    println!("{:<12} {:<22} your copy", "part", "exercise");
    for exercise in &exercises {
        eprintln!("testing {}/start ...", exercise.path());
        let run = run_start(root, exercise)?;
        let state = match &run {
            Run::DidNotCompile(_) => "does not compile".to_owned(),
            Run::Ran(cases) if cases.iter().all(|c| c.passed) => {
                format!("passes ({} cases)", cases.len())
            }
            Run::Ran(cases) => format!("{} of {} cases pass", run.passed(), cases.len()),
        };
        println!("{:<12} {:<22} {state}", exercise.part, exercise.name);
    }
    println!(
        "\n`cargo xtask exercise NAME` tests one and shows the first failure; add --watch to \
         test again on each save"
    );
    Ok(())
}

/// `cargo xtask exercise reset NAME`: the start's files as the commit
/// `from` has them, from git (a fresh clone's HEAD is the book's own
/// starting point). Files the reader added are listed, not deleted.
pub fn reset(root: &Path, name: &str, from: &str) -> Result<()> {
    let exercise = find(root, name)?;
    let start = format!("{}/start", exercise.path());
    let git = |args: &[&str]| -> Result<String> {
        let output = Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .context("cannot run git; reset restores the starting files from git")?;
        if !output.status.success() {
            bail!(
                "git {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    git(&[
        "restore",
        &format!("--source={from}"),
        "--staged",
        "--worktree",
        "--",
        &start,
    ])?;
    println!("restored {start} as commit {from} has it (git restore --source={from})");
    let added = git(&["ls-files", "--others", "--exclude-standard", "--", &start])?;
    if !added.trim().is_empty() {
        println!(
            "files you added there are left as they are:\n{}",
            added.trim_end()
        );
    }
    Ok(())
}

/// The `exercises` stage of `cargo xtask test`: for each exercise, the
/// solution passes every case; the start compiles and fails every case (so
/// no case passes without the reader's work); and the Go original passes the
/// same cases: a library's Go tests are the Rust cases under the same names,
/// all passing; a program's black-box suite passes against the Go binary.
pub fn check(env: &Env) -> Result<()> {
    let exercises = all(&env.root)?;
    if exercises.is_empty() {
        bail!("no exercise found under exercises/");
    }
    let mut failures = Vec::new();
    for exercise in &exercises {
        match check_one(env, exercise) {
            Ok(summary) => eprintln!("{}: {summary}", exercise.path()),
            Err(e) => {
                eprintln!("{}: FAILED: {e:#}", exercise.path());
                failures.push(format!("{}: {e:#}", exercise.path()));
            }
        }
    }
    eprintln!("{} exercises checked", exercises.len());
    if failures.is_empty() {
        Ok(())
    } else {
        bail!("{}", failures.join("\n"))
    }
}

fn check_one(env: &Env, exercise: &Exercise) -> Result<String> {
    let summary = std::fs::read_to_string(env.root.join("src/SUMMARY.md"))?;
    if !summary.contains(&format!("({})", exercise.page())) {
        bail!(
            "src/SUMMARY.md has no page for it: write src/{} (the exercise, then the solution \
             in <details>) and list it under # Exercises",
            exercise.page()
        );
    }
    let solution = run_target(
        &env.root,
        Some(&env.go),
        exercise,
        &exercise.solution_target(),
        &[],
    )?;
    let cases = match &solution {
        Run::DidNotCompile(errors) => bail!("the solution does not compile:\n{errors}"),
        Run::Ran(cases) => cases,
    };
    if let Some(failed) = cases.iter().find(|c| !c.passed) {
        bail!(
            "the solution fails {}:\n{}",
            failed.name,
            indent(&failed.output)
        );
    }
    let names: BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();

    let start = run_target(
        &env.root,
        Some(&env.go),
        exercise,
        &exercise.start_target(),
        &[],
    )?;
    let start_cases = match &start {
        Run::DidNotCompile(errors) => bail!(
            "the start ({}/start) does not compile; a reader must be able to run the tests \
             before writing anything:\n{errors}",
            exercise.path()
        ),
        Run::Ran(cases) => cases,
    };
    let start_names: BTreeSet<&str> = start_cases.iter().map(|c| c.name.as_str()).collect();
    if start_names != names {
        bail!(
            "the start ran other cases than the solution (start: {start_names:?}, solution: \
             {names:?}); both must include tests/ the same way"
        );
    }
    let vacuous: Vec<String> = start_cases
        .iter()
        .filter(|c| c.passed)
        .map(|c| format!("{} ({})", c.name, case_location(exercise, &c.name)))
        .collect();
    if !vacuous.is_empty() {
        bail!(
            "the start passes {} before the reader has written anything, so passing it shows \
             nothing: make the case check what the Go original does, or leave less in the \
             start",
            vacuous.join(", ")
        );
    }

    let go = if exercise.is_program() {
        let binary = build_go_binary(env, exercise)?;
        let run = run_target(
            &env.root,
            Some(&env.go),
            exercise,
            &exercise.solution_target(),
            &[(BINARY_VAR, &binary)],
        )?;
        if let Some(failed) = run.cases().iter().find(|c| !c.passed) {
            bail!(
                "the Go original (go/) fails the suite's case {}:\n{}",
                failed.name,
                indent(&failed.output)
            );
        }
        if let Run::DidNotCompile(errors) = run {
            bail!("the suite does not compile:\n{errors}");
        }
        "the Go original passes the same suite".to_owned()
    } else {
        let go_cases = go_test_cases(env, exercise)?;
        let missing: Vec<String> = names
            .iter()
            .filter(|n| !go_cases.contains(**n))
            .map(|n| format!("{n} ({})", case_location(exercise, n)))
            .collect();
        let extra: Vec<String> = go_cases
            .iter()
            .filter(|n| !names.contains(n.as_str()))
            .map(|n| format!("{n} ({})", go_case_location(exercise, n)))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            bail!(
                "the Go tests (go/*_test.go) and the Rust cases (tests/cases.rs) must be the \
                 same cases under the same names; only in Rust: {missing:?}; only in Go: \
                 {extra:?}"
            );
        }
        "the Go original passes the same cases".to_owned()
    };
    Ok(format!(
        "the solution passes all {} cases, the start fails all of them, {go}",
        names.len()
    ))
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// Where the Go test case `name` is named: the `go/*_test.go` line with
/// `"name"` (a `t.Run` or a table entry) or `func Testname(`.
fn go_case_location(exercise: &Exercise, name: &str) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(exercise.go())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with("_test.go"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if line.contains(&format!("\"{name}\"")) || line.contains(&format!("func Test{name}("))
            {
                let file = file.file_name().unwrap_or_default().to_string_lossy();
                return format!("{}/go/{file}:{}", exercise.path(), i + 1);
            }
        }
    }
    format!("{}/go/", exercise.path())
}

/// Builds the Go original of a program exercise into the target directory.
fn build_go_binary(env: &Env, exercise: &Exercise) -> Result<PathBuf> {
    let binary = crate::target_dir(&env.root)
        .join("exercises")
        .join(format!("{}-go", exercise.name));
    let mut command = Command::new(&env.go);
    command
        .args(["build", "-o"])
        .arg(&binary)
        .arg(".")
        .current_dir(exercise.go());
    go::standalone_env(&mut command);
    crate::env::status(command, &format!("go build in {}/go", exercise.path()))?;
    Ok(binary)
}

/// The leaf names of the Go tests that passed (`TestCount/case_is_ignored`
/// gives `case_is_ignored`; a test without subtests gives its own name
/// without `Test`), from `go test -json`. A failing Go test is an error.
fn go_test_cases(env: &Env, exercise: &Exercise) -> Result<BTreeSet<String>> {
    let mut command = Command::new(&env.go);
    command
        .args(["test", "-count=1", "-json", "./..."])
        .current_dir(exercise.go());
    go::standalone_env(&mut command);
    let output = command.output().context("cannot run go test")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut passed = BTreeSet::new();
    let mut parents = BTreeSet::new();
    let mut failed = Vec::new();
    // What the tests printed: `t.Errorf` lines carry the file and line.
    let mut said = String::new();
    for line in stdout.lines() {
        let Ok(event) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(action), Some(test)) = (event["Action"].as_str(), event["Test"].as_str()) else {
            continue;
        };
        if let Some((parent, _)) = test.rsplit_once('/') {
            parents.insert(parent.to_owned());
        }
        if let Some(text) = event["Output"].as_str()
            && text.contains("_test.go:")
        {
            said.push_str("    ");
            said.push_str(text.trim());
            said.push('\n');
        }
        match action {
            "pass" => {
                passed.insert(test.to_owned());
            }
            "fail" => failed.push(test.to_owned()),
            _ => {}
        }
    }
    if !output.status.success() || !failed.is_empty() {
        bail!(
            "go test in {}/go failed ({}): {failed:?}\n{said}{}",
            exercise.path(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(passed
        .into_iter()
        .filter(|t| !parents.contains(t))
        .map(|t| {
            let leaf = t.rsplit('/').next().unwrap_or(&t);
            leaf.strip_prefix("Test").unwrap_or(leaf).to_owned()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libtest_output_gives_each_case_and_its_failure() {
        let stdout = "\nrunning 3 tests\ntest cases::b_fails ... FAILED\n\
                      test cases::a_passes ... ok\n\
                      test cases::c_panics - should panic ... ok\n\nfailures:\n\n\
                      ---- cases::b_fails stdout ----\n\nthread 'cases::b_fails' (4242) panicked at x.rs:1:1:\n\
                      assertion `left == right` failed\n  left: 1\n right: 2\n\n\
                      failures:\n    cases::b_fails\n\ntest result: FAILED. 2 passed; 1 failed\n";
        let cases = parse_libtest(stdout);
        assert_eq!(
            cases
                .iter()
                .map(|c| (c.name.as_str(), c.passed))
                .collect::<Vec<_>>(),
            [("b_fails", false), ("a_passes", true), ("c_panics", true)]
        );
        assert!(
            cases[0]
                .output
                .starts_with("thread 'cases::b_fails' panicked")
        );
        assert!(cases[0].output.ends_with("right: 2"), "{}", cases[0].output);
    }

    #[test]
    fn every_exercise_is_found_with_its_parts() {
        let exercises = all(&crate::root()).unwrap();
        assert!(!exercises.is_empty());
        for e in &exercises {
            assert!(e.start().join("Cargo.toml").is_file(), "{}", e.path());
        }
    }
}
