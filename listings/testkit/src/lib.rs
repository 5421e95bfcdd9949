//! The harness the black-box conformance suites share.
//!
//! A suite is written once and run against both twins of a flagship program:
//! the Rust binary that cargo builds and the Go binary that `go build` makes.
//! This crate knows how to get each binary, start it on a free loopback port,
//! wait until it is listening, send it signals and stop it. It knows nothing
//! about HTTP or WebSockets; the suites bring their own clients.
//!
//! The contract a twin keeps:
//! - it takes `--addr HOST:PORT` (Go's `flag` package accepts the `--` form),
//!   and `127.0.0.1:0` means "any free port";
//! - once it accepts connections it prints a line containing
//!   `listening on HOST:PORT` (to stdout or stderr, in any log format);
//! - on SIGTERM it shuts down gracefully and exits 0.
//!
//! The Go twins are built with the race detector (`go build -race`) where
//! cgo works, as `go test -race` runs the Go tests: a data race the
//! detector reports while a suite drives a twin fails the test that
//! started it, with the report (see [`Server`]'s `Drop`).

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// Headless Chromium for browser tests (the `browser` feature).
#[cfg(feature = "browser")]
pub mod browser;

pub mod conformance;
pub mod differential;

/// Declares a conformance suite in its crate's `lib.rs`:
///
/// ```text
/// testkit::declare_suite! {
///     cases: "src/cases.rs",
///     twins: "listings/job-queue/server",
/// }
/// ```
///
/// Every `pub fn` (or `pub async fn`) at the top of the `cases` file whose
/// only parameter is `&Twin` or `Twin` is a case: nothing else names it.
/// The suite's crate gets a `suite!(TWIN, #[attr]...)` macro that writes one
/// `#[test]` per case, named after it, which runs the case through
/// [`conformance::run`]; and a unit test that every route and message of
/// both twins in `twins` leads to a handler that a failure can name.
pub use testkit_macros::declare_suite;

/// How long a twin may take to start listening or to shut down.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// One twin of a flagship program: which binary to start, and how.
#[derive(Clone, Debug)]
pub struct Twin {
    /// `"rust"` or `"go"`, for messages.
    pub language: &'static str,
    program: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

impl Twin {
    /// The Rust twin: pass `env!("CARGO_BIN_EXE_<name>")` from an
    /// integration test of the twin's own package.
    pub fn rust(binary: impl Into<PathBuf>) -> Twin {
        Twin::new("rust", binary.into())
    }

    /// The Go twin in `module_dir` (a directory with `go.mod` whose main
    /// package is at its top), built once per test process with the `go`
    /// named by `$GO`, or found on `PATH`.
    pub fn go(module_dir: impl AsRef<Path>) -> Twin {
        Twin::new("go", go_build(module_dir.as_ref()))
    }

    fn new(language: &'static str, program: PathBuf) -> Twin {
        Twin {
            language,
            program,
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// A twin whose binary is already built (a release build, say).
    pub fn prebuilt(language: &'static str, binary: impl Into<PathBuf>) -> Twin {
        Twin::new(language, binary.into())
    }

    /// Adds command-line arguments for every start of this twin.
    pub fn args<I, S>(mut self, args: I) -> Twin
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Sets an environment variable for every start of this twin.
    pub fn env(mut self, key: &str, value: &str) -> Twin {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The command that starts this twin, with its configured arguments and
    /// environment but no `--addr` and no redirections: for tests that must
    /// start it in a way of their own (its output into a pipe they control).
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command
            .args(&self.args)
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    /// Starts the twin on a free loopback port with extra arguments, and
    /// waits until it says it is listening.
    pub fn start_with<I, S>(&self, extra: I) -> Server
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut command = self.command();
        command
            .args(extra.into_iter().map(Into::into))
            .args(["--addr", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.program.display()));
        let log = Arc::new(Mutex::new(String::new()));
        let (lines_tx, lines) = mpsc::channel();
        let readers = [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ]
        .map(|stream| {
            let log = Arc::clone(&log);
            let lines_tx = lines_tx.clone();
            thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    log.lock().unwrap().push_str(&format!("{line}\n"));
                    let _ = lines_tx.send(line);
                }
            })
        });
        let addr = match wait_for_address(&lines, &mut child) {
            Ok(addr) => addr,
            Err(why) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "the {} twin ({}) did not start: {why}\n--- its output ---\n{}",
                    self.language,
                    self.program.display(),
                    log.lock().unwrap()
                );
            }
        };
        Server {
            language: self.language,
            child: Some(child),
            addr,
            log,
            readers: readers.into(),
        }
    }

    /// Starts the twin with only its configured arguments.
    pub fn start(&self) -> Server {
        self.start_with(std::iter::empty::<String>())
    }
}

fn wait_for_address(lines: &Receiver<String>, child: &mut Child) -> Result<SocketAddr, String> {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Err(format!("it exited with {status}"));
        }
        let Ok(line) = lines.recv_timeout(Duration::from_millis(50)) else {
            continue;
        };
        if let Some(addr) = listening_address(&line) {
            return Ok(addr);
        }
    }
    Err(format!("no `listening on ADDR` line within {PATIENCE:?}"))
}

/// Finds `listening on 127.0.0.1:PORT` in a log line, whatever surrounds it
/// (`addr=`, quotes, `http://`).
pub fn listening_address(line: &str) -> Option<SocketAddr> {
    let rest = &line[line.find("listening on")? + "listening on".len()..];
    rest.split(|c: char| c.is_whitespace() || c == '"' || c == '=' || c == ',')
        .map(|word| word.trim_start_matches("http://").trim_end_matches('/'))
        .find_map(|word| word.parse().ok())
}

/// A running twin. Dropping it kills the process, then fails the test if
/// the process printed a data race report.
pub struct Server {
    pub language: &'static str,
    child: Option<Child>,
    addr: SocketAddr,
    log: Arc<Mutex<String>>,
    /// The threads that copy its stdout and stderr into `log`; they end
    /// when the process has exited and its output is all read.
    readers: Vec<thread::JoinHandle<()>>,
}

impl Server {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The process id, for reading its memory use from /proc.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("the process is still ours").id()
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Everything the process printed so far, for failure messages.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends a signal without waiting (SIGTERM to start a graceful shutdown).
    pub fn signal(&self, signal: Signal) {
        let child = self.child.as_ref().expect("the process is still ours");
        kill(Pid::from_raw(child.id() as i32), signal).expect("the signal is delivered");
    }

    /// Waits for the process to exit on its own, at most [`PATIENCE`].
    pub fn wait(mut self) -> ExitStatus {
        let mut child = self.child.take().expect("the process is still ours");
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = child.try_wait().expect("try_wait works") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "the {} twin did not exit within {PATIENCE:?}\n--- its output ---\n{}",
                    self.language,
                    self.log()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGTERM, then wait for the exit status.
    pub fn terminate(self) -> ExitStatus {
        self.signal(Signal::SIGTERM);
        self.wait()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        // The process is gone, so its pipes reach their end: once the
        // readers are done, the log holds everything it printed.
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        let log = self.log();
        if log.contains(RACE_REPORT) && !thread::panicking() {
            panic!(
                "the {} twin's race detector reported a data race\n--- its output ---\n{log}",
                self.language
            );
        }
    }
}

/// The line with which the Go race detector begins each report.
const RACE_REPORT: &str = "WARNING: DATA RACE";

/// Polls `probe` until it returns `Some`, at most [`PATIENCE`]; for states
/// that a twin reaches asynchronously (a job finishing, a client joining).
pub fn eventually<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "gave up waiting for {what} after {PATIENCE:?}"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, or `target/` at the
/// book's root.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| book_root().join("target"))
}

/// The book's root directory (the workspace root).
pub fn book_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("testkit sits at listings/testkit")
}

/// Builds the Go module in `module_dir` once per process; returns the binary.
///
/// A failed build panics with Go's output in every test that asks for the
/// module, not only the first: the failure is remembered, and no lock is held
/// while panicking.
fn go_build(module_dir: &Path) -> PathBuf {
    static BUILT: OnceLock<Mutex<BuildCache>> = OnceLock::new();
    let module_dir = book_root().join(module_dir);
    built_once(BUILT.get_or_init(Default::default), &module_dir, || {
        run_go_build(&module_dir)
    })
    .unwrap_or_else(|message| panic!("{message}"))
}

/// Each module's build outcome: the binary, or why there is none.
type BuildCache = HashMap<PathBuf, Result<PathBuf, String>>;

/// `build`'s outcome for `key`, running it only the first time; later
/// callers, and callers that waited while it ran, get the same outcome.
fn built_once(
    cache: &Mutex<BuildCache>,
    key: &Path,
    build: impl FnOnce() -> Result<PathBuf, String>,
) -> Result<PathBuf, String> {
    // `build` returns its failure instead of panicking, so the lock is never
    // poisoned by it; recover anyway rather than hide a build log behind a
    // PoisonError.
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    cache.entry(key.to_owned()).or_insert_with(build).clone()
}

/// The settings of every `go` command the book runs, the Go-twin builds
/// here and all of xtask's included:
/// - `GOTOOLCHAIN=local`: the pinned Go runs, and never downloads another
///   toolchain because a `go.mod` asks for a newer one;
/// - `GOWORK=off`: each module on its own, as a reader builds it; a
///   `go.work` above it (a developer's own, or a stale generated one)
///   cannot change what is tested;
/// - `GOFLAGS=-mod=readonly`: `go.mod` and `go.sum` are used as committed, so
///   a missing or wrong entry fails instead of being fixed up, and flags
///   from the user's `go env -w GOFLAGS=…` do not apply.
pub fn go_standalone_env(command: &mut Command) -> &mut Command {
    command
        .env("GOTOOLCHAIN", "local")
        .env("GOWORK", "off")
        .env("GOFLAGS", "-mod=readonly")
}

/// The one `go build` of the book: `go build FLAGS -o OUT .` in
/// `module_dir` (its main package), run by `go` with
/// [`go_standalone_env`]. The Go-twin builds here and xtask's benchmark
/// builds (which add `-ldflags`, `GOCACHE` or `CGO_ENABLED`) both use it.
pub fn go_build_command(
    go: impl AsRef<OsStr>,
    module_dir: &Path,
    out: &Path,
    flags: &[&str],
) -> Command {
    let mut command = Command::new(go);
    command
        .arg("build")
        .args(flags)
        .arg("-o")
        .arg(out)
        .arg(".")
        .current_dir(module_dir);
    go_standalone_env(&mut command);
    command
}

/// `go build` of the main package at the top of `module_dir` into
/// `target/go-twins/`, as a reader builds it: the pinned Go (`$GO`) only,
/// the module on its own with its committed go.mod and go.sum
/// ([`go_build_command`]); with `-race` where cgo works.
fn run_go_build(module_dir: &Path) -> Result<PathBuf, String> {
    let relative = module_dir.strip_prefix(book_root()).unwrap_or(module_dir);
    let binary = target_dir()
        .join("go-twins")
        .join(relative.to_string_lossy().replace('/', "-"));
    let go = std::env::var("GO").unwrap_or_else(|_| "go".to_owned());
    let race: &[&str] = if cgo_enabled(&go) { &["-race"] } else { &[] };
    let output = go_build_command(&go, module_dir, &binary, race)
        .output()
        .map_err(|e| {
            format!(
                "cannot run `{go}` to build the Go twin in {}: {e}\n\
                 `cargo xtask test` installs Go and runs these tests; to run them by hand, \
                 set GO to a Go 1.27 binary (cargo xtask go-env prints the settings)",
                module_dir.display()
            )
        })?;
    if !output.status.success() {
        return Err(format!(
            "go build failed in {}:\n{}\n(if Go says a go.sum entry is missing, run \
             `go mod tidy` there with the pinned Go and commit go.mod and go.sum)",
            module_dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(binary)
}

/// Whether `go` can use the race detector: it needs cgo, and cgo a C
/// compiler (`go env CGO_ENABLED` says 0 without one).
pub fn cgo_enabled(go: impl AsRef<OsStr>) -> bool {
    go_standalone_env(Command::new(go).args(["env", "CGO_ENABLED"]))
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "1")
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::fs;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::path::Path;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread;

    use super::{Twin, built_once, go_build, listening_address};

    /// The panic message of `f`, which must panic.
    fn panic_message(f: impl FnOnce()) -> String {
        let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("should have panicked");
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    }

    /// A stand-in twin that prints what a `-race` build prints when it
    /// finds a race, and then waits to be stopped: dropping its server must
    /// fail with the report. The same stand-in without the report drops
    /// quietly. The report is written before the `listening on` line that
    /// `start` waits for, so it is in the pipe before the test can stop the
    /// process: printed after it, the kill could come first on a busy
    /// machine, and the test failed by chance.
    #[test]
    fn a_race_report_in_a_twins_output_fails_the_test_that_ran_it() {
        let script =
            |report: &str| format!("{report} echo 'listening on 127.0.0.1:9'; exec sleep 60");
        let racy = Twin::prebuilt("go", "/bin/sh").args([
            "-c".to_owned(),
            script("echo 'WARNING: DATA RACE' >&2; echo 'Write at 0x00c000012345 by goroutine 7:' >&2;"),
        ]);
        let server = racy.start();
        let message = panic_message(move || drop(server));
        assert!(
            message.contains("the go twin's race detector reported a data race")
                && message.contains("Write at 0x00c000012345 by goroutine 7:"),
            "{message}"
        );
        let quiet = Twin::prebuilt("go", "/bin/sh").args(["-c".to_owned(), script("")]);
        drop(quiet.start());
    }

    #[test]
    fn a_failed_build_is_reported_to_every_later_caller() {
        let cache = Mutex::default();
        let runs = Cell::new(0);
        let build = || {
            runs.set(runs.get() + 1);
            Err("go build failed in m:\n./main.go:3:14: undefined: x".to_owned())
        };
        for _ in 0..3 {
            let message = panic_message(|| {
                built_once(&cache, Path::new("m"), build).unwrap_or_else(|m| panic!("{m}"));
            });
            assert!(message.contains("undefined: x"), "{message}");
        }
        assert_eq!(runs.get(), 1, "the build runs once");
    }

    #[test]
    fn callers_waiting_for_a_failing_build_get_its_log() {
        let cache = Mutex::default();
        let runs = AtomicUsize::new(0);
        let outcomes: Vec<_> = thread::scope(|scope| {
            let callers: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        built_once(&cache, Path::new("m"), || {
                            runs.fetch_add(1, Ordering::SeqCst);
                            Err("go build failed in m: the log".to_owned())
                        })
                    })
                })
                .collect();
            callers.into_iter().map(|c| c.join().unwrap()).collect()
        });
        assert_eq!(runs.load(Ordering::SeqCst), 1, "the build runs once");
        for outcome in outcomes {
            assert_eq!(outcome, Err("go build failed in m: the log".to_owned()));
        }
    }

    /// The real thing: a Go twin with a type error fails every test that
    /// starts it with Go's message, not with a PoisonError after the first.
    #[test]
    #[ignore = "needs Go; cargo xtask test runs it with --ignored"]
    fn a_go_twin_that_does_not_compile_fails_every_caller_with_gos_message() {
        let tmp = tempfile::tempdir().unwrap();
        let module = tmp.path();
        fs::write(
            module.join("go.mod"),
            "module example.com/broken\n\ngo 1.27\n",
        )
        .unwrap();
        fs::write(
            module.join("main.go"),
            "package main\n\nfunc main() {\n\tvar n int = \"not a number\"\n\t_ = n\n}\n",
        )
        .unwrap();
        let messages: Vec<String> = (0..2)
            .map(|_| {
                panic_message(|| {
                    go_build(module);
                })
            })
            .collect();
        for message in messages {
            assert!(message.contains("go build failed in"), "{message}");
            assert!(message.contains("main.go:4"), "{message}");
        }
    }

    #[test]
    fn finds_the_address_in_common_log_formats() {
        let cases = [
            ("listening on 127.0.0.1:8080", Some("127.0.0.1:8080")),
            (
                "time=2026-01-01 level=INFO msg=\"listening on\" addr=127.0.0.1:41234",
                Some("127.0.0.1:41234"),
            ),
            (
                "2026-01-01T00:00:00Z  INFO job_queue: listening on http://127.0.0.1:5000/",
                Some("127.0.0.1:5000"),
            ),
            ("INFO listening on [::1]:80", Some("[::1]:80")),
            ("starting up", None),
        ];
        for (line, want) in cases {
            assert_eq!(
                listening_address(line),
                want.map(|a| a.parse().unwrap()),
                "{line}"
            );
        }
    }
}
