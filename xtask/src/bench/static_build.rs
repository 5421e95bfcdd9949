//! `cargo xtask bench static`: what linking statically does to the size of
//! the shipping chapter's small server (`listings/shipping/static-server`).
//!
//! Rust is built three ways: the default release build (glibc, linked
//! dynamically), glibc with `-C target-feature=+crt-static`, and the musl
//! target; Go two: `go build` with cgo on (dynamically linked, since the
//! `net` package then uses the C resolver) and `CGO_ENABLED=0`. Each row
//! pairs a Rust build with the Go build it would replace. The static Rust
//! builds use `target/static`, the directory the listing's own
//! `static_build` test builds into, so one reuses the other's work.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::{Context, Row};

const PACKAGE: &str = "shipping-static-server";
const BINARY: &str = "static-server";
const GO_DIR: &str = "listings/shipping/static-server";
const MIB: f64 = 1024.0 * 1024.0;

pub fn run(ctx: &Context) -> Result<()> {
    eprintln!("building the static server three ways in Rust (release) and two in Go");
    let dynamic = super::release_build(ctx, PACKAGE, BINARY)?;
    // The static builds are full release builds into their own target
    // directory, minutes each: a quick run puts the dynamic build in their
    // rows instead, which checks everything but those two builds.
    let (crt_static, musl) = if ctx.quick {
        (dynamic.clone(), dynamic.clone())
    } else {
        (
            static_build(
                ctx,
                "x86_64-unknown-linux-gnu",
                "-C target-feature=+crt-static",
            )?,
            static_build(ctx, "x86_64-unknown-linux-musl", "")?,
        )
    };
    fs::create_dir_all(&ctx.out_dir)?;
    let go_cgo = ctx.out_dir.join("static-server-go-cgo");
    let go_static = ctx.out_dir.join("static-server-go-static");
    go_build(ctx, &go_cgo, "1")?;
    go_build(ctx, &go_static, "0")?;

    let rows = vec![
        row(
            "dynamically linked (Rust: glibc; Go: cgo on)",
            &dynamic,
            &go_cgo,
        )?,
        row(
            "static (Rust: glibc with +crt-static; Go: CGO_ENABLED=0)",
            &crt_static,
            &go_static,
        )?,
        row(
            "static (Rust: the musl target; Go: CGO_ENABLED=0)",
            &musl,
            &go_static,
        )?,
    ];
    super::print_rows("static binaries", &rows);
    ctx.write_rows("static", &rows)?;
    Ok(())
}

/// `cargo build --release` of the server for `target` with `rustflags`,
/// into `target/static`; returns the binary.
fn static_build(ctx: &Context, target: &str, rustflags: &str) -> Result<PathBuf> {
    let target_dir = crate::target_dir(&ctx.root).join("static");
    let mut command = super::cargo(ctx);
    command
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            PACKAGE,
            "--target",
            target,
        ])
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("RUSTFLAGS", rustflags);
    let binary = target_dir.join(target).join("release").join(BINARY);
    let what =
        format!("cargo build --release -p {PACKAGE} --target {target} RUSTFLAGS={rustflags:?}");
    let output = command
        .output()
        .with_context(|| format!("cannot run {what}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let hint = if stderr.contains("target may not be installed") {
            "\n(the musl build needs `rustup target add x86_64-unknown-linux-musl`)"
        } else {
            ""
        };
        bail!("{what} failed:\n{stderr}{hint}");
    }
    Ok(binary)
}

/// `go build` of the Go twin into `out`, with `CGO_ENABLED` set to `cgo`.
fn go_build(ctx: &Context, out: &Path, cgo: &str) -> Result<()> {
    super::go_build_into(ctx, GO_DIR, out, &[], &[("CGO_ENABLED", OsStr::new(cgo))])?;
    Ok(())
}

fn row(case: &str, rust: &Path, go: &Path) -> Result<Row> {
    let size = |path: &Path| -> Result<f64> {
        let bytes = fs::metadata(path)
            .with_context(|| format!("no binary at {}", path.display()))?
            .len();
        Ok(super::round2(bytes as f64 / MIB))
    };
    Ok(Row::once(
        case,
        "binary size",
        "MiB",
        size(rust)?,
        size(go)?,
    ))
}
