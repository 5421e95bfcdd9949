//! `cargo xtask bench build`: what it costs to build and ship each flagship.
//!
//! For the three flagship services, in both languages: release binary sizes
//! (Rust default and stripped, plus `opt-level = "z"` with LTO for the job
//! queue; Go default and `-ldflags="-s -w"`), time from start to the first served request, and
//! resident memory once idle. For the job queue, the inner loop: a clean
//! debug build, a rebuild with nothing changed, a rebuild after a one-line
//! change, `cargo check` after it, and the same change linked once with GNU
//! ld and once with mold, both forced with `-fuse-ld` (neither is Rust's
//! default on x86_64 Linux, which is rust-lld since Rust 1.90, so these rows
//! compare the two with each other only); Go's clean and incremental
//! `go build`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail, ensure};
use testkit::Twin;

use super::{Context, Row};

/// A flagship service: its Rust package and binary, and the directory
/// holding both twins.
struct Service {
    name: &'static str,
    package: &'static str,
    binary: &'static str,
    dir: &'static str,
    /// Arguments both twins need beyond `--addr`.
    args: fn(&Path) -> Vec<String>,
}

const SERVICES: &[Service] = &[
    Service {
        name: "job queue",
        package: "job-queue",
        binary: "job-queue",
        dir: "listings/job-queue/server",
        args: |_| Vec::new(),
    },
    Service {
        name: "chat server",
        package: "chat-server",
        binary: "chat-server",
        dir: "listings/chat-server/server",
        args: |_| Vec::new(),
    },
    Service {
        name: "notes service",
        package: "web-services-notes",
        binary: "notes",
        dir: "listings/web-services/notes",
        args: |scratch| {
            vec![
                "--db".into(),
                scratch.join("notes.db").display().to_string(),
            ]
        },
    },
];

/// Starts per service for the start-up figure; the median is reported.
const STARTS: usize = 7;

pub fn run(ctx: &Context) -> Result<()> {
    // Under the output directory (the clean build in it is large), and
    // removed on every way out, an error included.
    fs::create_dir_all(&ctx.out_dir)?;
    let scratch = tempfile::Builder::new()
        .prefix("build-scratch-")
        .tempdir_in(&ctx.out_dir)?;
    let scratch = scratch.path();
    let mut rows = Vec::new();
    rows.extend(sizes(ctx, scratch)?);
    rows.extend(start_up(ctx, scratch)?);
    rows.extend(inner_loop(ctx, scratch)?);
    super::print_rows("build, ship and start", &rows);
    let path = ctx.write_rows("build", &rows)?;
    println!("written to {}", path.display());
    Ok(())
}

fn cargo(ctx: &Context) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(&ctx.root);
    command
}

fn run_ok(mut command: Command, what: &str) -> Result<Duration> {
    let started = Instant::now();
    let output = command
        .output()
        .with_context(|| format!("cannot run {what}"))?;
    let took = started.elapsed();
    if !output.status.success() {
        bail!(
            "{what} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(took)
}

fn size_of(path: &Path) -> Result<f64> {
    Ok(fs::metadata(path)
        .with_context(|| format!("no binary at {}", path.display()))?
        .len() as f64)
}

const MIB: f64 = 1024.0 * 1024.0;

/// Release binary sizes, three ways for Rust and two for Go.
fn sizes(ctx: &Context, scratch: &Path) -> Result<Vec<Row>> {
    let packages: Vec<&str> = SERVICES.iter().flat_map(|s| ["-p", s.package]).collect();
    eprintln!("building the flagships in release mode (default and size-optimised profiles)");
    let mut release = cargo(ctx);
    release.args(["build", "--release"]).args(&packages);
    run_ok(release, "cargo build --release")?;
    // A separate target directory: the size profile must not evict the
    // release build that the other benchmarks use.
    let small_target = ctx.out_dir.join("target-small");
    // With LTO this is the slowest build of the benchmark, so it is made for
    // the job queue only.
    let mut small = cargo(ctx);
    small
        .args(["build", "--release", "-p", SERVICES[0].package])
        .env("CARGO_TARGET_DIR", &small_target)
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z")
        .env("CARGO_PROFILE_RELEASE_LTO", "true")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1")
        .env("CARGO_PROFILE_RELEASE_STRIP", "true");
    run_ok(small, "cargo build --release with opt-level=z, LTO, strip")?;

    let release_dir = crate::target_dir(&ctx.root).join("release");
    let mut rows = Vec::new();
    for service in SERVICES {
        let rust = release_dir.join(service.binary);
        let stripped = scratch.join(format!("{}-stripped", service.binary));
        let mut strip = Command::new("strip");
        strip.arg("-o").arg(&stripped).arg(&rust);
        run_ok(strip, "strip")?;
        let go_default = scratch.join(format!("{}-go", service.binary));
        let go_small = scratch.join(format!("{}-go-small", service.binary));
        let mut build = ctx.go(service.dir);
        build.args(["build", "-o"]).arg(&go_default).arg(".");
        run_ok(build, "go build")?;
        let mut build = ctx.go(service.dir);
        build
            .args(["build", "-ldflags=-s -w", "-o"])
            .arg(&go_small)
            .arg(".");
        run_ok(build, "go build -ldflags='-s -w'")?;
        let small = small_target.join("release").join(service.binary);
        let mut builds = vec![
            ("default release build", rust.clone(), go_default),
            (
                "symbols stripped (Rust strip, Go -s -w)",
                stripped,
                go_small.clone(),
            ),
        ];
        if service.package == SERVICES[0].package {
            builds.push((
                "Rust opt-level=z + LTO + strip vs Go -s -w",
                small,
                go_small,
            ));
        }
        for (case, rust_path, go_path) in builds {
            rows.push(Row {
                case: format!("{}: {case}", service.name),
                metric: "binary size".into(),
                unit: "MiB".into(),
                rust: super::round2(size_of(&rust_path)? / MIB),
                go: super::round2(size_of(&go_path)? / MIB),
            });
        }
    }
    Ok(rows)
}

/// Time from spawning the release binary to its first HTTP response, and
/// its resident memory then.
fn start_up(ctx: &Context, scratch: &Path) -> Result<Vec<Row>> {
    let release_dir = crate::target_dir(&ctx.root).join("release");
    let mut rows = Vec::new();
    for service in SERVICES {
        let args = (service.args)(scratch);
        let rust = Twin::prebuilt("rust", release_dir.join(service.binary)).args(args.clone());
        let go = Twin::prebuilt("go", scratch.join(format!("{}-go", service.binary))).args(args);
        let (rust_ms, rust_rss) = median_start(&rust, scratch)?;
        let (go_ms, go_rss) = median_start(&go, scratch)?;
        rows.push(Row {
            case: service.name.into(),
            metric: "start to first response".into(),
            unit: "ms".into(),
            rust: super::round2(rust_ms),
            go: super::round2(go_ms),
        });
        rows.push(Row {
            case: service.name.into(),
            metric: "resident memory when idle".into(),
            unit: "MiB".into(),
            rust: super::round2(rust_rss / MIB),
            go: super::round2(go_rss / MIB),
        });
    }
    Ok(rows)
}

fn median_start(twin: &Twin, scratch: &Path) -> Result<(f64, f64)> {
    let mut times = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..STARTS {
        let _ = fs::remove_file(scratch.join("notes.db"));
        let started = Instant::now();
        let server = twin.start();
        first_response(server.addr())?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        rss.push(super::resident_bytes(server.pid())?);
        let status = server.terminate();
        ensure!(
            status.success(),
            "the server did not exit cleanly: {status}"
        );
    }
    Ok((median(&mut times), median(&mut rss)))
}

/// Sends `GET /` until an HTTP status line comes back.
fn first_response(addr: std::net::SocketAddr) -> Result<()> {
    use std::io::{Read, Write};
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(mut stream) = std::net::TcpStream::connect(addr) {
            stream.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
            let mut head = [0u8; 12];
            if stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.") {
                return Ok(());
            }
        }
        ensure!(Instant::now() < deadline, "no HTTP response from {addr}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Puts a file back as it was, even when a measurement fails midway.
struct Restore {
    path: PathBuf,
    original: String,
}

impl Restore {
    /// Appends a harmless line to `path` (a one-line change), to be undone.
    fn one_line_change(path: PathBuf, line: &str) -> Result<Restore> {
        let original = fs::read_to_string(&path)?;
        fs::write(&path, format!("{original}{line}\n"))?;
        Ok(Restore { path, original })
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = fs::write(&self.path, &self.original);
    }
}

/// The job queue's inner loop in both languages.
fn inner_loop(ctx: &Context, scratch: &Path) -> Result<Vec<Row>> {
    let service = &SERVICES[0];
    let target = scratch.join("target-clean");
    let build = |extra: &[&str]| {
        let mut command = cargo(ctx);
        command
            .args(["build", "-p", service.package])
            .args(extra)
            .env("CARGO_TARGET_DIR", &target);
        command
    };
    eprintln!(
        "timing a clean debug build of {} (this compiles every dependency)",
        service.package
    );
    let clean = run_ok(build(&[]), "clean cargo build")?;
    let noop = run_ok(build(&[]), "no-op cargo build")?;
    let main_rs = ctx.root.join(service.dir).join("src").join("main.rs");
    let edited =
        |n: usize| Restore::one_line_change(main_rs.clone(), &format!("// bench edit {n}"));
    let one_line = {
        let _edit = edited(1)?;
        run_ok(build(&[]), "cargo build after a one-line change")?
    };
    let check = {
        let mut first = cargo(ctx);
        first
            .args(["check", "-p", service.package])
            .env("CARGO_TARGET_DIR", &target);
        run_ok(first, "cargo check")?;
        let _edit = edited(2)?;
        let mut again = cargo(ctx);
        again
            .args(["check", "-p", service.package])
            .env("CARGO_TARGET_DIR", &target);
        run_ok(again, "cargo check after a one-line change")?
    };
    // `cargo rustc` passes linker flags to the last crate only, so the
    // dependencies stay built. Changing the crate's flags recompiles the
    // crate in full, the same for both linkers: compare these two rows with
    // each other, not with the plain rebuild.
    let link = |linker: &str, n: usize| -> Result<Duration> {
        let _edit = edited(n)?;
        let mut command = cargo(ctx);
        command
            .args([
                "rustc",
                "-p",
                service.package,
                "--bin",
                service.binary,
                "--",
                "-C",
            ])
            .arg(format!("link-arg=-fuse-ld={linker}"))
            .env("CARGO_TARGET_DIR", &target);
        run_ok(command, &format!("cargo rustc linking with {linker}"))
    };
    let gnu_ld = link("bfd", 3)?;
    let mold = which("mold").then(|| link("mold", 4)).transpose()?;

    let go_cache = scratch.join("gocache");
    let go_build = || {
        let mut command = ctx.go(service.dir);
        command
            .args(["build", "-o"])
            .arg(scratch.join("go-inner"))
            .arg(".")
            .env("GOCACHE", &go_cache);
        command
    };
    eprintln!("timing go build with an empty build cache");
    let go_clean = run_ok(go_build(), "clean go build")?;
    let go_noop = run_ok(go_build(), "no-op go build")?;
    let main_go = ctx.root.join(service.dir).join("main.go");
    let go_one_line = {
        let _edit = Restore::one_line_change(main_go, "// bench edit")?;
        run_ok(go_build(), "go build after a one-line change")?
    };

    let secs = |d: Duration| super::round2(d.as_secs_f64());
    let row = |case: &str, rust: Duration, go: Duration| Row {
        case: format!("job queue: {case}"),
        metric: "build time".into(),
        unit: "s".into(),
        rust: secs(rust),
        go: secs(go),
    };
    let mut rows = vec![
        row("clean debug build (Go: empty build cache)", clean, go_clean),
        row("rebuild, nothing changed", noop, go_noop),
        row("rebuild after a one-line change", one_line, go_one_line),
        row(
            "cargo check after a one-line change (Go: go build)",
            check,
            go_one_line,
        ),
        row(
            "one-line change through cargo rustc (crate recompiled), GNU ld",
            gnu_ld,
            go_one_line,
        ),
    ];
    match mold {
        Some(mold) => rows.push(row(
            "one-line change through cargo rustc (crate recompiled), mold",
            mold,
            go_one_line,
        )),
        None => eprintln!("mold is not installed (apt-get install mold): its row is left out"),
    }
    Ok(rows)
}

fn which(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
