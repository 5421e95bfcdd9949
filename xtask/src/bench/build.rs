//! `cargo xtask bench build`: what it costs to build and ship each flagship.
//!
//! For the three flagship services, in both languages: release binary sizes
//! (Rust default and stripped, plus `opt-level = "z"` with LTO for the job
//! queue; Go default and `-ldflags="-s -w"`), time from start to the first
//! served request, and resident memory once idle, each start repeated.
//! Each twin is built with its default features only: not the Rust chat
//! server's `console` feature, nor the Go chat server's `pprof` build tag.
//!
//! For the job queue, the inner loop, each figure repeated (the median and
//! the range are reported):
//! - clean builds: Rust debug and release from an empty target directory
//!   (every dependency compiled; the standard library ships prebuilt);
//!   Go from an empty build cache (`GOCACHE`, the standard library compiled
//!   too) and from a cache that holds the standard packages it uses only
//!   (built first, untimed: the same start as Rust's);
//! - a rebuild with nothing changed and one after a one-line change;
//! - the one-line change linked by each linker, through `cargo rustc` so the
//!   flags reach the last crate only: the default (rust-lld on x86_64
//!   Linux since Rust 1.90), GNU ld (`-fuse-ld=bfd`) and mold
//!   (`-fuse-ld=mold`, if installed); the linker that made each binary is
//!   read back from its `.comment` section.
//!
//! A quick run measures sizes and start-up on debug builds only.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, ensure};
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

/// Starts per service for the start-up figure.
const STARTS: usize = 7;
/// Samples of each inner-loop figure, the clean builds included. On the
/// two-core machine of src/measurements/machine.md a clean build takes
/// about 24 s for Rust in debug, 44 s in release and 13 s for Go with an
/// empty cache, so the clean builds are most of this benchmark's time.
const SAMPLES: usize = 5;

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
    if !ctx.quick {
        rows.extend(inner_loop(ctx, scratch)?);
    }
    super::print_rows("build, ship and start", &rows);
    ctx.write_rows("build", &rows)?;
    Ok(())
}

use super::{cargo, run_timed as run_ok};

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
    release.arg("build").args(&packages);
    if !ctx.quick {
        release.arg("--release");
    }
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
    if !ctx.quick {
        eprintln!("building the job queue with opt-level=z and LTO (the slowest build when cold)");
        run_ok(small, "cargo build --release with opt-level=z, LTO, strip")?;
    }

    let release_dir = crate::target_dir(&ctx.root).join(ctx.pick("release", "debug"));
    let mut rows = Vec::new();
    eprintln!("stripping the Rust binaries and building the Go twins twice each");
    for service in SERVICES {
        let rust = release_dir.join(service.binary);
        let stripped = scratch.join(format!("{}-stripped", service.binary));
        let mut strip = Command::new("strip");
        strip.arg("-o").arg(&stripped).arg(&rust);
        run_ok(strip, "strip")?;
        let go_default = scratch.join(format!("{}-go", service.binary));
        let go_small = scratch.join(format!("{}-go-small", service.binary));
        super::go_build_into(ctx, service.dir, &go_default, &[], &[])?;
        super::go_build_into(ctx, service.dir, &go_small, &["-ldflags=-s -w"], &[])?;
        let small = if ctx.quick {
            stripped.clone()
        } else {
            small_target.join("release").join(service.binary)
        };
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
            rows.push(Row::once(
                &format!("{}: {case}", service.name),
                "binary size",
                "MiB",
                super::round2(size_of(&rust_path)? / MIB),
                super::round2(size_of(&go_path)? / MIB),
            ));
        }
    }
    Ok(rows)
}

/// Time from spawning the release binary to its first HTTP response, and
/// its resident memory then.
fn start_up(ctx: &Context, scratch: &Path) -> Result<Vec<Row>> {
    let release_dir = crate::target_dir(&ctx.root).join(ctx.pick("release", "debug"));
    let starts = ctx.pick(STARTS, 1);
    eprintln!("starting each flagship {starts} times per twin");
    let mut rows = Vec::new();
    for service in SERVICES {
        let args = (service.args)(scratch);
        let rust = Twin::prebuilt("rust", release_dir.join(service.binary)).args(args.clone());
        let go = Twin::prebuilt("go", scratch.join(format!("{}-go", service.binary))).args(args);
        // Interleaved, each twin going first in turn, so that a slow moment
        // of the machine hits both.
        let twins = [&rust, &go];
        let (mut ms, mut mib): ([Vec<f64>; 2], [Vec<f64>; 2]) = Default::default();
        for run in 0..starts {
            for twin in super::order(run) {
                let (took, bytes) = start_once(twins[twin], scratch)?;
                ms[twin].push(took);
                mib[twin].push(bytes / MIB);
            }
        }
        rows.push(Row::sampled(
            service.name,
            "start to first response",
            "ms",
            &ms[0],
            &ms[1],
            super::round2,
        ));
        rows.push(Row::sampled(
            service.name,
            "resident memory when idle",
            "MiB",
            &mib[0],
            &mib[1],
            super::round2,
        ));
    }
    Ok(rows)
}

/// One start: milliseconds to the first response, and resident bytes then.
fn start_once(twin: &Twin, scratch: &Path) -> Result<(f64, f64)> {
    let _ = fs::remove_file(scratch.join("notes.db"));
    let started = Instant::now();
    let server = twin.start();
    first_response(server.addr())?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let rss = super::resident_bytes(server.pid())?;
    let status = server.terminate();
    ensure!(
        status.success(),
        "the server did not exit cleanly: {status}"
    );
    Ok((ms, rss))
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
    let cargo_in = |args: &[&str]| {
        let mut command = cargo(ctx);
        command.args(args).env("CARGO_TARGET_DIR", &target);
        command
    };
    let build = |release: bool| {
        let mut args = vec!["build", "-p", service.package];
        if release {
            args.push("--release");
        }
        cargo_in(&args)
    };
    let main_rs = ctx.root.join(service.dir).join("src").join("main.rs");
    let mut edits = 0;
    let mut edited = || {
        edits += 1;
        Restore::one_line_change(main_rs.clone(), &format!("// bench edit {edits}"))
    };
    let timed = |what: &str, mut sample: Box<dyn FnMut() -> Result<Duration> + '_>, n: usize| {
        (0..n)
            .map(|i| {
                eprintln!("  {what}, sample {} of {n}", i + 1);
                sample().map(|d| d.as_secs_f64())
            })
            .collect::<Result<Vec<f64>>>()
    };

    eprintln!(
        "timing clean builds of {} (every dependency compiled)",
        service.package
    );
    let clean = |release: bool| -> Result<Duration> {
        let _ = fs::remove_dir_all(&target);
        run_ok(build(release), "clean cargo build")
    };
    let clean_release = timed("clean release build", Box::new(|| clean(true)), SAMPLES)?;
    let clean_debug = timed("clean debug build", Box::new(|| clean(false)), SAMPLES)?;
    let noop = timed(
        "no-op rebuild",
        Box::new(|| run_ok(build(false), "no-op cargo build")),
        SAMPLES,
    )?;
    let one_line = timed(
        "one-line change",
        Box::new(|| {
            let _edit = edited()?;
            run_ok(build(false), "cargo build after a one-line change")
        }),
        SAMPLES,
    )?;

    // `cargo rustc` passes the flags to the last crate only, so the
    // dependencies stay built; the one-line change recompiles that crate,
    // then the chosen linker links the binary.
    let binary = target.join("debug").join(service.binary);
    let mut link = |linker: Option<&str>| -> Result<Duration> {
        let _edit = edited()?;
        let mut args = vec!["rustc", "-p", service.package, "--bin", service.binary];
        let flag = linker.map(|l| format!("link-arg=-fuse-ld={l}"));
        if let Some(flag) = &flag {
            args.extend(["--", "-C", flag]);
        }
        let took = run_ok(
            cargo_in(&args),
            &format!("cargo rustc linking with {linker:?}"),
        )?;
        let seen = linker_of(&binary);
        let expected = match linker {
            None => seen.as_deref() == Some("LLD"),
            Some("mold") => seen.as_deref() == Some("mold"),
            Some(_) => seen.is_none(),
        };
        ensure!(
            expected,
            "asked for {}, the binary's .comment names {seen:?} as its linker",
            linker.unwrap_or("the default (rust-lld)")
        );
        Ok(took)
    };
    let lld = timed(
        "one-line change, default linker (rust-lld)",
        Box::new(|| link(None)),
        SAMPLES,
    )?;
    let gnu_ld = timed(
        "one-line change, GNU ld",
        Box::new(|| link(Some("bfd"))),
        SAMPLES,
    )?;
    let mold = if which("mold") {
        Some(timed(
            "one-line change, mold",
            Box::new(|| link(Some("mold"))),
            SAMPLES,
        )?)
    } else {
        eprintln!("mold is not installed (apt-get install mold): its row is left out");
        None
    };

    let go_cache = scratch.join("gocache");
    let go_std_cache = scratch.join("gocache-std");
    let go_out = scratch.join("go-inner");
    let go_build = |cache: &Path| {
        super::go_build_into(
            ctx,
            service.dir,
            &go_out,
            &[],
            &[("GOCACHE", cache.as_os_str())],
        )
    };
    eprintln!("timing go build with an empty build cache, and with the standard library cached");
    let go_cold = timed(
        "go build, empty cache",
        Box::new(|| {
            let _ = fs::remove_dir_all(&go_cache);
            // go build skips the link when the output's build ID already
            // matches, so a clean build starts without the binary too.
            let _ = fs::remove_file(&go_out);
            go_build(&go_cache)
        }),
        SAMPLES,
    )?;
    // The standard library alone in a cache of its own, copied afresh for
    // each sample: Go then compiles the module's dependencies and the
    // module itself, as cargo does on a clean build.
    let _ = fs::remove_dir_all(&go_std_cache);
    let listed = ctx
        .go(service.dir)
        .args([
            "list",
            "-deps",
            "-f",
            "{{if .Standard}}{{.ImportPath}}{{end}}",
            ".",
        ])
        .output()
        .context("go list -deps")?;
    ensure!(listed.status.success(), "go list -deps failed");
    let std_packages: Vec<String> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let mut std_only = ctx.go(service.dir);
    std_only
        .arg("build")
        .args(&std_packages)
        .env("GOCACHE", &go_std_cache);
    run_ok(
        std_only,
        "go build of the standard packages the job queue uses",
    )?;
    let go_std_warm = timed(
        "go build, standard library cached",
        Box::new(|| {
            let _ = fs::remove_dir_all(&go_cache);
            let mut copy = Command::new("cp");
            copy.arg("-a").arg(&go_std_cache).arg(&go_cache);
            run_ok(copy, "copying the standard library's build cache")?;
            let _ = fs::remove_file(&go_out);
            go_build(&go_cache)
        }),
        SAMPLES,
    )?;
    let go_noop = timed(
        "go build, nothing changed",
        Box::new(|| go_build(&go_cache)),
        SAMPLES,
    )?;
    let main_go = ctx.root.join(service.dir).join("main.go");
    let mut go_edits = 0;
    let go_one_line = timed(
        "go build after a one-line change",
        Box::new(|| {
            go_edits += 1;
            let _edit =
                Restore::one_line_change(main_go.clone(), &format!("// bench edit {go_edits}"))?;
            go_build(&go_cache)
        }),
        SAMPLES,
    )?;

    let row = |case: &str, rust: &[f64], go: &[f64]| {
        Row::sampled(
            &format!("job queue: {case}"),
            "build time",
            "s",
            rust,
            go,
            super::round2,
        )
    };
    let mut rows = vec![
        row(
            "clean debug build (Go: empty build cache)",
            &clean_debug,
            &go_cold,
        ),
        row(
            "clean debug build (Go: standard library cached, as Rust's ships built)",
            &clean_debug,
            &go_std_warm,
        ),
        row(
            "clean release build (Go: standard library cached)",
            &clean_release,
            &go_std_warm,
        ),
        row("rebuild, nothing changed", &noop, &go_noop),
        row("rebuild after a one-line change", &one_line, &go_one_line),
        row(
            "one-line change through cargo rustc, default linker (rust-lld)",
            &lld,
            &go_one_line,
        ),
        row(
            "one-line change through cargo rustc, GNU ld",
            &gnu_ld,
            &go_one_line,
        ),
    ];
    if let Some(mold) = mold {
        rows.push(row(
            "one-line change through cargo rustc, mold",
            &mold,
            &go_one_line,
        ));
    }
    Ok(rows)
}

/// The linker named in a binary's `.comment` section: `LLD` (rust-lld or
/// ld.lld), `mold`, or None (GNU ld writes no such note).
fn linker_of(binary: &Path) -> Option<String> {
    let output = Command::new("readelf")
        .args(["-p", ".comment"])
        .arg(binary)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    if text.contains("Linker: LLD") {
        Some("LLD".into())
    } else if text.contains("mold") {
        Some("mold".into())
    } else {
        None
    }
}

fn which(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}
