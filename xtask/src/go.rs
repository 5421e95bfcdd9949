//! Go, offline: the settings every `go` command of the book runs with, and
//! the git-ignored `go.work` that lets modules needing a third-party package
//! build from the source Debian packages, with no module proxy reachable.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

/// Third-party Go modules the listings may require, and where Debian puts
/// their source (packages golang-github-gorilla-websocket-dev and
/// golang-github-mattn-go-sqlite3-dev).
pub const DEBIAN_MODULES: &[&str] = &[
    "github.com/gorilla/websocket",
    "github.com/mattn/go-sqlite3",
];
const DEBIAN_GOCODE: &str = "/usr/share/gocode/src";

/// Never download a toolchain or a module; `go.work` supplies the rest.
pub fn offline_env(command: &mut Command) {
    command
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOFLAGS", "");
}

/// Every directory under `listings/` with a `go.mod`, sorted.
pub fn modules(root: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut dirs = vec![root.join("listings")];
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

/// Writes `go.work` at the root: every module, plus a `replace` pointing each
/// required third-party module at Debian's source when that is installed.
pub fn write_go_work(root: &Path) -> Result<PathBuf> {
    let mut text =
        String::from("// Written by `cargo xtask`; not committed. See README.\ngo 1.27\n\nuse (\n");
    let modules = modules(root)?;
    for module in &modules {
        let rel = module.strip_prefix(root).unwrap_or(module);
        text.push_str(&format!("\t./{}\n", rel.display()));
    }
    text.push_str(")\n");
    let all_go_mod: String = modules
        .iter()
        .filter_map(|m| fs::read_to_string(m.join("go.mod")).ok())
        .collect();
    for module in DEBIAN_MODULES {
        let source = Path::new(DEBIAN_GOCODE).join(module);
        if all_go_mod.contains(module) && source.is_dir() {
            text.push_str(&format!("\nreplace {module} => {}\n", source.display()));
        }
    }
    let path = root.join("go.work");
    if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        fs::write(&path, text)?;
    }
    Ok(path)
}
